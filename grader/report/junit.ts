/**
 * JUnit XML for CI test viewers (GitHub test reporters, GitLab, Jenkins): a <testsuites> root, one
 * <testsuite> per exercise (name = exercise id, with tests/failures/errors/time) and one <testcase>
 * per case (classname = exercise id). A case that failed or timed out gets <failure>, one that
 * crashed or could not run gets <error>; their text is the plain transcript. Times are seconds.
 *
 * Everything is escaped as XML 1.0 character data (no CDATA, so a `]]>` in a name is harmless);
 * characters XML 1.0 cannot carry at all (C0 controls other than tab/newline/return, lone
 * surrogates, U+FFFE/U+FFFF) are written as a visible `\u{…}` instead.
 */
import type { CaseResult, ExerciseResult, GradeReport } from '../results.ts';
import { caseTranscript, loadErrorTranscript, statusReason } from './transcript.ts';

// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(s: string): string {
  return s.replace(INVALID_XML, (ch) => `\\u{${ch.charCodeAt(0).toString(16).padStart(4, '0')}}`);
}

/** Escapes text content. */
export function xmlText(s: string): string {
  return visible(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (quoted with "); newlines and tabs survive as character references. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function secs(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

function firstLine(s: string | undefined): string {
  return (s ?? '').split('\n')[0]!.slice(0, 300);
}

function testcase(r: ExerciseResult, c: CaseResult): string {
  const open = `    <testcase classname="${xmlAttr(r.id)}" name="${xmlAttr(c.name)}" time="${secs(c.durationMs)}"`;
  if (c.status === 'pass') return `${open}/>`;
  const isError = c.status === 'crash' || c.status === 'error';
  const tag = isError ? 'error' : 'failure';
  const message = c.status === 'error' && r.loadError ? `${statusReason('error')}: ${firstLine(r.loadError)}` : firstLine(c.message) || statusReason(c.status);
  // The output goes in <system-out>, not twice.
  const body = c.status === 'error' && r.loadError ? loadErrorTranscript(r) : caseTranscript({ ...c, output: undefined });
  const lines = [`${open}>`, `      <${tag} message="${xmlAttr(message)}" type="${c.status}">${xmlText(body)}</${tag}>`];
  if (c.output) lines.push(`      <system-out>${xmlText(c.output)}</system-out>`);
  lines.push('    </testcase>');
  return lines.join('\n');
}

function testsuite(r: ExerciseResult): string {
  const cases = r.cases.length > 0 || r.status === 'pass' ? r.cases : null;
  const failures = r.cases.filter((c) => c.status === 'fail' || c.status === 'timeout').length;
  const errors = cases === null ? 1 : r.cases.filter((c) => c.status === 'crash' || c.status === 'error').length;
  const tests = cases === null ? 1 : r.cases.length;
  const head = `  <testsuite name="${xmlAttr(r.id)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="0" time="${secs(r.durationMs)}">`;
  const props = `    <properties>\n      <property name="title" value="${xmlAttr(r.title)}"/>\n      <property name="file" value="${xmlAttr(r.file)}"/>\n      <property name="points" value="${r.pointsEarned}/${r.points}"/>\n    </properties>`;
  const body =
    cases === null
      ? `    <testcase classname="${xmlAttr(r.id)}" name="loads" time="0.000">\n      <error message="${xmlAttr(firstLine(r.loadError) || 'no tests ran')}" type="error">${xmlText(r.loadError ? loadErrorTranscript(r) : 'no tests ran')}</error>\n    </testcase>`
      : cases.map((c) => testcase(r, c)).join('\n');
  return [head, props, body, '  </testsuite>'].filter((l) => l !== '').join('\n');
}

export function toJunitXml(report: GradeReport): string {
  const all = report.exercises.map((r) => ({
    tests: r.cases.length > 0 || r.status === 'pass' ? r.cases.length : 1,
    failures: r.cases.filter((c) => c.status === 'fail' || c.status === 'timeout').length,
    errors: r.cases.length > 0 || r.status === 'pass' ? r.cases.filter((c) => c.status === 'crash' || c.status === 'error').length : 1,
  }));
  const sum = (k: 'tests' | 'failures' | 'errors') => all.reduce((n, s) => n + s[k], 0);
  const name = report.tampered.length > 0 ? `${report.course} (UNTRUSTED: grader files modified)` : report.course;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(name)}" tests="${sum('tests')}" failures="${sum('failures')}" errors="${sum('errors')}" time="${secs(report.durationMs)}">`,
    ...report.exercises.map(testsuite),
    '</testsuites>',
    '',
  ].join('\n');
}
