/**
 * busybox 1.36 `grep` (findutils/grep.c: grep_main parses options, grep_file reads one file).
 *
 *   grep [-HhnlocqvsiwxFE] PATTERN | -e PATTERN... [FILE]...
 *
 * Options may be combined (`-in`), `-e` takes the next word or the rest of its own (`-ePAT`), `--`
 * ends them; as with glibc getopt they may also follow operands. Each FILE (none, or `-`, is stdin,
 * named `(standard input)`) is read line by line. With two or more FILEs (or -H, unless -h) output
 * carries a `FILE:` prefix, then -n's `LINE:`. Exit 0 if any line was selected, 1 if none, 2 if a
 * FILE could not be opened or the usage was wrong; -q exits 0 at the first selected line even after
 * errors (grep_file's "exit immediately with zero status" branch).
 *
 * Simplified: -A/-B/-C, -m, -f, -L, -r, -z are not simulated (rejected as unrecognized); -o prints
 * the matches of the first pattern that selects the line (each checked against -w, where busybox
 * checks only the first); -ov prints nothing; a bad regex's message omits regerror's reason.
 */
import type { Applet, ShellIO } from './interpreter.ts';
import { literalRegExpSource, posixToRegExpSource } from './posix-regex.ts';

const SUPPORTED = 'cEFHhilnoqsvwx';
/** busybox ignores -a (all files are text) and -I (skip binary files). */
const IGNORED = 'aI';
const USAGE = 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n';

interface GrepArgs {
  flags: Set<string>;
  patterns: string[];
  files: string[];
}

/** getopt32 over grep's option string; a string is the error message (then usage, exit 2). */
function parseGrepArgs(args: string[]): GrepArgs | string {
  const flags = new Set<string>();
  const patterns: string[] = [];
  const operands: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '--') {
      operands.push(...args.slice(k + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'e') {
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++k];
        if (value === undefined) return 'option requires an argument: e';
        patterns.push(value);
        break;
      }
      if (!SUPPORTED.includes(c) && !IGNORED.includes(c)) return `unrecognized option: ${c}`;
      // getopt32's "H-h": -H clears an earlier -h (an -h after -H wins when printing).
      if (c === 'H') flags.delete('h');
      flags.add(c);
    }
  }
  if (patterns.length === 0) {
    const first = operands.shift();
    if (first === undefined) return 'no PATTERN';
    patterns.push(first);
  }
  // grep_main: -c, -q and -l turn -n off.
  if (flags.has('c') || flags.has('q') || flags.has('l')) flags.delete('n');
  return { flags, patterns, files: operands };
}

const isWordChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

type Match = { start: number; end: number };

/**
 * The matches grep_file accepts on a line for one pattern, left to right: -x wants one spanning the
 * whole line; -w wants no word character (alnum or `_`) just before or after, and after one that
 * fails searches again from its end; an empty match is kept (it selects the line) but -o skips it.
 */
function patternMatcher(pattern: string, flags: Set<string>): (line: string) => Match[] {
  const source = flags.has('F') ? literalRegExpSource(pattern) : posixToRegExpSource(pattern, flags.has('E'));
  const re = new RegExp(flags.has('x') ? `^(?:${source})$` : source, flags.has('i') ? 'gi' : 'g');
  const wordOnly = flags.has('w');
  return (line) => {
    const found: Match[] = [];
    for (let from = 0; from <= line.length; ) {
      re.lastIndex = from;
      const m = re.exec(line);
      if (!m) break;
      const end = m.index + m[0].length;
      if (!wordOnly || (!isWordChar(line[m.index - 1]) && !isWordChar(line[end]))) found.push({ start: m.index, end });
      else if (end === m.index) break;
      from = end === m.index ? end + 1 : end;
    }
    return found;
  };
}

function fail(io: ShellIO, message: string): number {
  io.err(`grep: ${message}\n${USAGE}`);
  return 2;
}

export const grep: Applet = async (args, io, sh) => {
  const parsed = parseGrepArgs(args);
  if (typeof parsed === 'string') return parsed === 'no PATTERN' ? (io.err(USAGE), 2) : fail(io, parsed);
  const { flags, patterns, files } = parsed;
  let matchers: Array<(line: string) => Match[]>;
  try {
    matchers = patterns.map((p) => patternMatcher(p, flags));
  } catch {
    io.err(`grep: bad regex '${patterns.join("' '")}'\n`);
    return 2;
  }
  const invert = flags.has('v');
  const showName = (files.length > 1 || flags.has('H')) && !flags.has('h');
  let matched = 0;
  let openError = false;
  for (const file of files.length ? files : ['-']) {
    const name = file === '-' ? '(standard input)' : file;
    // fopen of a directory succeeds and reading it fails silently: it reads as empty.
    const text = file === '-' ? io.stdin : sh.ctx.fs.readFile(file, sh.cwd) ?? (sh.ctx.fs.isDirectory(file, sh.cwd) ? '' : undefined);
    if (text === undefined) {
      if (!flags.has('s')) io.err(`grep: ${file}: No such file or directory\n`);
      openError = true;
      continue;
    }
    const prefix = (lineNo: number) => `${showName ? `${name}:` : ''}${flags.has('n') ? `${lineNo}:` : ''}`;
    let count = 0;
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const [k, line] of lines.entries()) {
      let hits: Match[] = [];
      for (const m of matchers) if ((hits = m(line)).length > 0) break;
      if ((hits.length > 0) === invert) continue;
      count++;
      if (flags.has('q')) return 0;
      if (flags.has('l')) {
        io.out(`${name}\n`);
        break;
      }
      if (flags.has('c')) continue;
      if (!flags.has('o')) io.out(`${prefix(k + 1)}${line}\n`);
      // -Fo prints the pattern itself, once per line (so -Fio shows the pattern's case).
      else if (flags.has('F')) {
        if (!invert) io.out(`${prefix(k + 1)}${patterns[matchers.findIndex((m) => m(line).length > 0)]}\n`);
      } else if (!invert) for (const h of hits) if (h.end > h.start) io.out(`${prefix(k + 1)}${line.slice(h.start, h.end)}\n`);
    }
    if (flags.has('c') && !(flags.has('l') && count > 0)) io.out(`${showName ? `${name}:` : ''}${count}\n`);
    matched += count;
  }
  return openError ? 2 : matched > 0 ? 0 : 1;
};
