import { describe, expect, it } from 'vitest';
import { humanDuration, timestampSince } from './duration.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (apimachinery duration.HumanDuration)', () => {
  it.each([
    [-5 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [5 * s, '5s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 2 * s, '3m2s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [2 * h + 5 * m + 180 * m, '5h5m'],
    [8 * h, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [8 * d, '8d'],
    [400 * d, '400d'],
    [730 * d, '2y'],
    [750 * d, '2y20d'],
    [3000 * d, '8y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('timestampSince', () => {
  it('prints <unknown> for a missing or unparsable timestamp', () => {
    expect(timestampSince(0, undefined)).toBe('<unknown>');
    expect(timestampSince(0, 'not a time')).toBe('<unknown>');
  });
  it('measures against the given now', () => {
    expect(timestampSince(Date.parse('2024-01-01T00:05:00Z'), '2024-01-01T00:00:00Z')).toBe('5m');
  });
});
