/**
 * `r` reset: puts an exercise's file back to its original stub, taken from git — the version
 * in the commit that added the file (`git log --diff-filter=A --format=%H -- <file> | tail -1`,
 * then `git show <sha>:<file>`). Like rustlings' reset, the learner's work is replaced, so the
 * runner asks first. Outside a git checkout, or when the file was never committed, reset is
 * unavailable and says so; it never throws.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Runs git with arguments in `cwd`; resolves stdout, rejects on failure. */
export type Git = (args: string[], cwd: string) => Promise<string>;

export const realGit: Git = (args, cwd) =>
  new Promise((resolve, reject) => {
    execFile('git', args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });

export type ResetOutcome = { ok: true; sha: string } | { ok: false; reason: string };

/** The original content of `file` (relative to `root`), or why it is unavailable. */
export async function originalStub(root: string, file: string, git: Git): Promise<{ text: string; sha: string } | { reason: string }> {
  let log: string;
  try {
    log = await git(['log', '--diff-filter=A', '--format=%H', '--', file], root);
  } catch {
    return { reason: 'reset is unavailable: this folder is not a git checkout (or git is not installed)' };
  }
  // git log lists newest first: the last line is the commit that first added the file.
  const sha = log.trim().split('\n').filter(Boolean).pop();
  if (!sha) return { reason: `reset is unavailable: ${file} is not in the git history` };
  try {
    return { text: await git(['show', `${sha}:${file}`], root), sha };
  } catch {
    return { reason: `reset is unavailable: could not read ${file} at ${sha.slice(0, 12)}` };
  }
}

export async function resetExercise(root: string, file: string, git: Git = realGit): Promise<ResetOutcome> {
  const found = await originalStub(root, file, git);
  if ('reason' in found) return { ok: false, reason: found.reason };
  try {
    writeFileSync(join(root, file), found.text);
  } catch (err) {
    return { ok: false, reason: `could not write ${file}: ${(err as Error).message}` };
  }
  return { ok: true, sha: found.sha };
}
