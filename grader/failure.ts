/**
 * Turns what a failing case threw into the parts of a transcript: a message, expected vs actual
 * (vitest's assertion errors carry both), and the lines of the test file around the failure.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import type { CaseResult } from './results.ts';
import { repoRoot } from './course.ts';

type Failure = Pick<CaseResult, 'message' | 'expected' | 'actual' | 'codeFrame'>;

const MAX_VALUE = 2_000;

export function describeFailure(err: unknown): Failure {
  if (!(err instanceof Error)) return { message: `threw a non-error value: ${show(err)}` };
  const out: Failure = { message: err.message || err.name };
  const a = err as Error & { expected?: unknown; actual?: unknown; showDiff?: boolean };
  if ('expected' in a && 'actual' in a && a.showDiff !== false) {
    out.expected = show(a.expected);
    out.actual = show(a.actual);
  }
  const frame = codeFrame(err.stack ?? '');
  if (frame) out.codeFrame = frame;
  return out;
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : inspect(value, { depth: 6, breakLength: 100 });
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)} …` : text;
}

/**
 * The first stack frame in a grader test or an engine suite (the assertion that failed), shown
 * with two lines either side. Frames in the learner's own file are left to the message.
 */
export function codeFrame(stack: string): string | undefined {
  for (const m of stack.matchAll(/\(?((?:file:\/\/)?\/[^\s():]+\.ts):(\d+):(\d+)\)?/g)) {
    const path = m[1]!.startsWith('file://') ? fileURLToPath(m[1]!) : m[1]!;
    const rel = relative(repoRoot, path);
    if (!/^(grader\/tests|grader\/mutants|engine\/.*-suite\.ts)/.test(rel)) continue;
    let lines: string[];
    try {
      lines = readFileSync(path, 'utf8').split('\n');
    } catch {
      continue;
    }
    const at = Number(m[2]);
    const from = Math.max(1, at - 2);
    const to = Math.min(lines.length, at + 2);
    const out = [`${rel}:${at}`];
    for (let n = from; n <= to; n++) out.push(`${n === at ? '>' : ' '} ${String(n).padStart(4)} | ${lines[n - 1]}`);
    return out.join('\n');
  }
  return undefined;
}
