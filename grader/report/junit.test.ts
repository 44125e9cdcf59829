import { describe, expect, it } from 'vitest';
import { toJunitXml, xmlAttr, xmlText } from './junit.ts';
import { crashed, exercise, failedCluster, loadFailed, mixed, pass, report, timedOut } from './sample-reports.ts';

const HOSTILE = 'evil <tag> & "quote" \'apos\' ]]> \u0000\u0001\u0008\u000b\u001b[31m\uFFFE\uD800 end';

/** A strict enough check of XML 1.0 well-formedness for what this writer emits. */
function assertWellFormed(xml: string): void {
  // eslint-disable-next-line no-control-regex
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  expect(xml).not.toContain('<![CDATA[');
  // Every & starts an entity or character reference.
  expect(xml.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, '')).not.toContain('&');
  // Tags balance.
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([A-Za-z?][\w-]*)([^<>]*?)(\/?)>/g)) {
    if (m[2] === '?xml') continue;
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else if (!m[4]) stack.push(m[2]!);
    // attribute values never contain a raw < or "
    for (const v of (m[3] ?? '').matchAll(/="([^"]*)"/g)) expect(v[1]).not.toMatch(/[<\n]/);
  }
  expect(stack).toEqual([]);
  // Outside tags, no raw > sequence from data could end a CDATA or confuse a parser.
  expect(xml).not.toContain(']]>');
}

describe('JUnit XML', () => {
  it('has one testsuite per exercise and one testcase per case, with counts and times in seconds', () => {
    const xml = toJunitXml(mixed);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tinykube" tests="8" failures="2" errors="3" time="3.456">')).toBe(true);
    expect(xml).toContain('<testsuite name="sched-taints" tests="2" failures="0" errors="0" skipped="0" time="0.123">');
    expect(xml).toContain('<testsuite name="sched-fit" tests="4" failures="2" errors="1" skipped="0" time="0.123">');
    expect(xml).toContain('<testsuite name="store-txn" tests="2" failures="0" errors="2" skipped="0" time="0.123">');
    expect(xml).toContain('<testcase classname="sched-taints" name="tolerates" time="0.012"/>');
    expect(xml.match(/<testcase /g)).toHaveLength(8);
    assertWellFormed(xml);
  });

  it('gives a failed or timed-out case a <failure> with the transcript, a crash an <error>', () => {
    const xml = toJunitXml(report([exercise('sched-fit', [failedCluster, timedOut, crashed])]));
    expect(xml).toContain('<failure message="expected &quot;Pending&quot; to be &quot;Running&quot;" type="fail">');
    expect(xml).toContain('1. created node n1 (cpu 1000m)');
    expect(xml).toContain('<failure message="did not finish within 10 s" type="timeout">');
    expect(xml).toContain('<error message="the code called process.exit(1)" type="crash">');
    expect(xml).toContain('<system-out>learner says hi\n</system-out>');
  });

  it('gives every case of an exercise that did not load an <error> naming the load error', () => {
    const xml = toJunitXml(report([loadFailed]));
    expect(xml.match(/<error message="could not run because the exercise could not be loaded[^"]*SyntaxError/g)).toHaveLength(2);
  });

  it('gives an exercise with no cases one errored "loads" testcase', () => {
    const xml = toJunitXml(report([exercise('a', [], { status: 'error', loadError: 'grader/tests/a.ts is missing' })]));
    expect(xml).toContain('<testsuite name="a" tests="1" failures="0" errors="1"');
    expect(xml).toContain('<testcase classname="a" name="loads" time="0.000">');
    expect(xml).toContain('<error message="grader/tests/a.ts is missing" type="error">');
    assertWellFormed(xml);
  });

  it('escapes hostile names, messages and output, and makes forbidden characters visible', () => {
    const c = { ...failedCluster, name: HOSTILE, message: HOSTILE, output: HOSTILE, steps: [HOSTILE] };
    const r = exercise(`id-${HOSTILE}`, [c, pass(HOSTILE)], { title: HOSTILE });
    const xml = toJunitXml(report([r]));
    assertWellFormed(xml);
    expect(xml).toContain('evil &lt;tag&gt; &amp; &quot;quote&quot; &apos;apos&apos; ]]&gt; \\u{0000}\\u{0001}\\u{0008}\\u{000b}\\u{001b}[31m\\u{fffe}\\u{d800} end');
    expect(xml).toContain('evil &lt;tag&gt; &amp; "quote" \'apos\' ]]&gt;'); // text content keeps quotes
  });

  it('keeps newlines in attributes as character references', () => {
    expect(xmlAttr('a\nb\tc\rd')).toBe('a&#10;b&#9;c&#13;d');
    expect(xmlText('a\nb')).toBe('a\nb');
  });

  it('marks the run untrusted in the root name when grader files were tampered with', () => {
    expect(toJunitXml(report([exercise('a', [pass('x')])], ['x was modified']))).toContain(
      '<testsuites name="tinykube (UNTRUSTED: grader files modified)"',
    );
  });
});
