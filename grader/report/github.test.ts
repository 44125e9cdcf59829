import { describe, expect, it } from 'vitest';
import { pointsNotice, toStepSummary } from './github.ts';
import { exercise, failedCluster, mixed, pass, report } from './sample-reports.ts';

describe('the GitHub step summary', () => {
  it('has the points and a table row per exercise with ✓/✗ and points', () => {
    const md = toStepSummary(mixed);
    expect(md).toContain('## tinykube: Points 10/30');
    expect(md).toContain('| | Exercise | Title | Points | Result |');
    expect(md).toContain('| ✓ | `sched-taints` | Title of sched-taints | 10/10 | passed |');
    expect(md).toContain('| ✗ | `sched-fit` | Title of sched-fit | 0/10 | 3 of 4 tests failed: 1 timed out, 1 crashed |');
    expect(md).toContain('| ✗ | `store-txn` | Title of store-txn | 0/10 | could not be loaded |');
  });

  it('puts each failing exercise’s transcripts in a collapsed <details>', () => {
    const md = toStepSummary(mixed);
    expect(md).toContain('<details><summary>✗ <code>sched-fit</code> Title of sched-fit — 3 of 4 tests failed');
    expect(md).toContain('1. created node n1 (cpu 1000m)');
    expect(md).toContain('SyntaxError: Unexpected token');
    expect(md).not.toContain('<code>sched-taints</code>');
    expect(md.match(/<details>/g)).toHaveLength(md.match(/<\/details>/g)!.length);
  });

  it('cannot be broken by hostile names: pipes, HTML and fences are neutralised', () => {
    const evil = 'a | b </pre></details><script>x</script> ```';
    const md = toStepSummary(report([exercise('x', [{ ...failedCluster, name: evil, message: evil }], { title: evil })]));
    expect(md).not.toContain('<script>');
    expect(md).toContain('a \\| b &lt;/pre&gt;');
    expect(md.match(/<\/pre>/g)).toHaveLength(1);
  });

  it('warns when the run is untrusted', () => {
    const md = toStepSummary(report([exercise('a', [pass('x')])], ['grader/tests/a.ts was modified']));
    expect(md).toContain('> [!CAUTION]');
    expect(md).toContain('> - grader/tests/a.ts was modified');
  });
});

describe('the points notice', () => {
  it('is the annotation GitHub Classroom reads: Points X/Y titled "Autograding complete"', () => {
    const lines = pointsNotice(mixed).split('\n');
    expect(lines[0]).toBe('::notice title=Autograding complete::Points 10/30');
    expect(lines[1]).toBe('::notice title=Autograding report::{"totalPoints":10,"maxPoints":30}');
  });
});

describe('the step summary size', () => {
  it('stays far below GitHub’s 1 MiB limit even when every case of every exercise fails loudly', () => {
    const loud = { ...failedCluster, output: 'z'.repeat(5_000), clusterLog: Array.from({ length: 200 }, (_, i) => `event ${i}`) };
    const exercises = Array.from({ length: 30 }, (_, i) => exercise(`ex-${i}`, Array.from({ length: 20 }, (_, k) => ({ ...loud, name: `case ${k}` }))));
    const md = toStepSummary(report(exercises));
    expect(md.length).toBeLessThan(800_000);
    expect(md).toContain('not shown');
  });
});
