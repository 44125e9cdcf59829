/**
 * A failed case told as a transcript (CodeCrafters-style): why it failed in the learner's words,
 * what the test did, expected vs actual, where in the test, what the cluster last did, what the
 * code printed. Every reporter tells failures the same way: the terminal adds colour, JUnit and the
 * GitHub summary use the plain text. Each section appears only when present and is capped, so a
 * runaway log or a huge value never buries the rest.
 */
import type { CaseResult, CaseStatus, ExerciseResult } from '../results.ts';

/** How a transcript is decorated: identity functions give plain text. */
export interface Style {
  heading(s: string): string;
  dim(s: string): string;
  bad(s: string): string;
  good(s: string): string;
  warn(s: string): string;
}

export const plain: Style = { heading: (s) => s, dim: (s) => s, bad: (s) => s, good: (s) => s, warn: (s) => s };

/** Caps per section: a transcript stays readable in a terminal and in a CI log. */
export const LIMITS = { lines: 30, chars: 3_000, output: 2_000, diffLines: 80 } as const;

/** The case's verdict, worded for a learner (the runner's own message follows it). */
export function statusReason(status: CaseStatus): string {
  switch (status) {
    case 'pass':
      return 'passed';
    case 'fail':
      return 'failed';
    case 'timeout':
      return 'timed out — the usual cause is a loop that never ends or a promise that never resolves';
    case 'crash':
      return 'the test process died (process.exit, out of memory, or a hard crash) — the grader restarted it for the next test';
    case 'error':
      return 'could not run because the exercise could not be loaded — fix the error below first';
  }
}

/** Short label for the status (shown next to the case name). */
export function statusLabel(status: CaseStatus): string {
  return status === 'fail' ? 'failed' : status === 'error' ? 'error' : status;
}

export function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => (l.length > 0 ? by + l : l))
    .join('\n');
}

/** Keeps at most `lines` lines and `chars` characters, saying how much was cut. */
export function cap(text: string, lines: number = LIMITS.lines, chars: number = LIMITS.chars, fromEnd = false): string {
  let out = text.replace(/\s+$/, '');
  let cut = 0;
  const all = out.split('\n');
  if (all.length > lines) {
    cut += all.length - lines;
    out = (fromEnd ? all.slice(-lines) : all.slice(0, lines)).join('\n');
  }
  let more = 0;
  if (out.length > chars) {
    more = out.length - chars;
    out = fromEnd ? out.slice(-chars) : out.slice(0, chars);
  }
  if (cut > 0 || more > 0) {
    const what = [cut > 0 ? `${cut} more line${cut === 1 ? '' : 's'}` : '', more > 0 ? `${more} more characters` : '']
      .filter(Boolean)
      .join(' and ');
    const msg = `… ${what} not shown`;
    return fromEnd ? `${msg}\n${out}` : `${out}\n${msg}`;
  }
  return out;
}

/**
 * A line diff of expected vs actual (LCS over lines): `- ` only in expected, `+ ` only in actual,
 * two spaces for lines both share. Used when both values span several lines.
 */
export function lineDiff(expected: string, actual: string): string[] {
  const a = expected.split('\n').slice(0, LIMITS.diffLines * 2);
  const b = actual.split('\n').slice(0, LIMITS.diffLines * 2);
  const n = a.length;
  const m = b.length;
  // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..]
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push(`- ${a[i]}`);
      i++;
    } else {
      out.push(`+ ${b[j]}`);
      j++;
    }
  }
  return out;
}

/** The transcript of one case (not passing): a title line, then indented sections. */
export function caseTranscript(c: CaseResult, style: Style = plain): string {
  const mark = c.status === 'timeout' ? '⏱' : '✗';
  const lines: string[] = [style.bad(`${mark} ${c.name}`) + style.dim(`  [${c.kind} test, ${statusLabel(c.status)}]`)];
  const section = (title: string, body: string | undefined, fromEnd = false, chars: number = LIMITS.chars, capped = false): void => {
    if (body === undefined || body.trim() === '') return;
    lines.push(indent(style.heading(title), '  '));
    lines.push(indent(capped ? body : cap(body, LIMITS.lines, chars, fromEnd), '    '));
  };
  const why = c.status === 'fail' ? c.message : [statusReason(c.status), c.message].filter(Boolean).join('\n');
  section('Why:', why);
  if (c.steps && c.steps.length > 0) section('What the test did:', c.steps.map((s, k) => `${k + 1}. ${s}`).join('\n'));
  if (c.expected !== undefined && c.actual !== undefined) {
    // Values are capped before styling, so a cut never splits an ANSI sequence.
    if (c.expected.includes('\n') || c.actual.includes('\n')) {
      const diff = cap(lineDiff(c.expected, c.actual).join('\n'), LIMITS.diffLines, LIMITS.chars * 2)
        .split('\n')
        .map((l) => (l.startsWith('- ') ? style.good(l) : l.startsWith('+ ') ? style.bad(l) : style.dim(l)));
      section('Expected vs actual (- expected, + actual):', diff.join('\n'), false, 0, true);
    } else {
      const half = LIMITS.chars / 2;
      const body = `${style.good(`expected: ${cap(c.expected, 1, half)}`)}\n${style.bad(`actual:   ${cap(c.actual, 1, half)}`)}`;
      section('Expected vs actual:', body, false, 0, true);
    }
  }
  section('Where the test checked it:', c.codeFrame);
  if (c.clusterLog && c.clusterLog.length > 0) section("The cluster's last events and trace lines:", c.clusterLog.join('\n'), true);
  section('Your code printed:', c.output, true, LIMITS.output);
  return lines.join('\n');
}

/** `3 of 8 tests failed` — counts every case that did not pass. */
export function failedSummary(r: ExerciseResult): string {
  const failed = r.cases.filter((c) => c.status !== 'pass').length;
  const timeouts = r.cases.filter((c) => c.status === 'timeout').length;
  const crashes = r.cases.filter((c) => c.status === 'crash').length;
  const extra = [timeouts ? `${timeouts} timed out` : '', crashes ? `${crashes} crashed` : ''].filter(Boolean).join(', ');
  return `${failed} of ${r.cases.length} test${r.cases.length === 1 ? '' : 's'} failed${extra ? `: ${extra}` : ''}`;
}

/** The load error of an exercise, as a transcript section. */
export function loadErrorTranscript(r: ExerciseResult, style: Style = plain): string {
  return [
    style.bad(`✗ the exercise could not be loaded (graded file: ${r.file})`),
    indent(style.heading('Why:'), '  '),
    indent(cap(r.loadError ?? 'unknown error'), '    '),
  ].join('\n');
}

/** Plain transcript of every case of an exercise that did not pass (JUnit, step summary). */
export function exerciseFailures(r: ExerciseResult): string {
  const parts: string[] = [];
  if (r.loadError) parts.push(loadErrorTranscript(r));
  for (const c of r.cases) if (c.status !== 'pass' && !(r.loadError && c.status === 'error')) parts.push(caseTranscript(c));
  return parts.join('\n\n');
}
