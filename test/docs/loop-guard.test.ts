/**
 * The playground's loop guards (docs/.vitepress/theme/components/playground/loop-guard.ts): guarded
 * code behaves as before, except that a loop running past the limit throws instead of freezing the
 * browser tab.
 */
import { describe, expect, it } from 'vitest';
import { guardLoops, LOOP_LIMIT_MS } from '../../docs/.vitepress/theme/components/playground/loop-guard.ts';

/** Evaluates a function body (guarded) and returns its result. */
function run(body: string): unknown {
  const guarded = guardLoops(`export function f() {\n${body}\n}`, 'scheduler.score');
  return new Function(`${guarded.replace('export function', 'function')}; return f();`)();
}

describe('guardLoops', () => {
  it('leaves the result of finite loops of every kind unchanged', () => {
    expect(run('let s = 0; for (let i = 0; i < 10; i++) s += i; return s;')).toBe(45);
    expect(run('let s = 0, i = 0; while (i < 5) { s += i; i++; } return s;')).toBe(10);
    expect(run('let i = 0; do i++; while (i < 3); return i;')).toBe(3);
    expect(run('let s = ""; for (const k in { a: 1, b: 2 }) s += k; for (const v of [3, 4]) s += v; return s;')).toBe('ab34');
    expect(run('let n = 0; for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) n++; return n;')).toBe(9);
  });

  it('keeps labels working: continue and break to an outer loop', () => {
    expect(run('let n = 0; outer: for (let i = 0; i < 3; i++) { for (let j = 0; j < 3; j++) { if (j === 1) continue outer; if (i === 2) break outer; n++; } } return n;')).toBe(2);
  });

  it('does not touch loops written in strings or comments', () => {
    const code = 'export const s = "while (true) {}"; // for (;;) {}\n';
    expect(guardLoops(code, 'x')).toBe(code);
  });

  it('stops an endless loop after the limit with a RangeError naming the part', () => {
    const t0 = Date.now();
    expect(() => run('while (true) {}')).toThrow(/scheduler\.score: a loop ran for more than 1 s/);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(LOOP_LIMIT_MS);
    expect(() => run('for (;;);')).toThrow(RangeError);
    expect(() => run('let i = 0; do { i = 0; } while (i < 1);')).toThrow(RangeError);
  });
});
