import { describe, expect, it } from 'vitest';
import { graderTranscript } from './transcript.ts';
import { caseResult, resultFor, smallCourse } from './testing.ts';

const ch = smallCourse().chapters[0]!;
const ex = ch.exercises[0]!;

describe("the grader's transcript in the runner", () => {
  it("shows the failing case's reason, steps and values without the report's exercise line", () => {
    const r = resultFor(ex, ch, [caseResult('a pod stays Pending', 'fail', { message: 'expected phase Pending', expected: '"Pending"', actual: '"Running"', steps: ['created pod big'] })]);
    const text = graderTranscript(r, { color: false });
    expect(text).toContain('a pod stays Pending');
    expect(text).toContain('expected phase Pending');
    expect(text).toContain('created pod big');
    expect(text).toContain('"Running"');
    expect(text).not.toContain('Title of a1');
    expect(text.split('\n')[0]).toContain('✗ a pod stays Pending');
  });

  it('shows why a file could not be loaded', () => {
    const r = resultFor(ex, ch, [], 'SyntaxError: Unexpected token');
    expect(graderTranscript(r, { color: false })).toContain('SyntaxError: Unexpected token');
  });
});
