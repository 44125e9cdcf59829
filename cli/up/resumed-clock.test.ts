import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResumedClock, readSavedTime, saveTime } from './resumed-clock.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the clock across restarts', () => {
  it('resumes at the time the last run reached when that is ahead of the wall clock', () => {
    const ahead = Date.now() + 3_600_000;
    const clock = new ResumedClock(20, ahead);
    expect(clock.now()).toBeGreaterThanOrEqual(ahead);
    expect(clock.now()).toBeLessThan(ahead + 60_000);
  });

  it('starts at wall time on a first run or when the saved time is behind', () => {
    const before = Date.now();
    expect(new ResumedClock(1).now()).toBeGreaterThanOrEqual(before);
    expect(new ResumedClock(1, before - 86_400_000).now()).toBeGreaterThanOrEqual(before);
  });

  it('saves and reads the time in the data dir; a damaged file reads as none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tinykube-clock-'));
    dirs.push(dir);
    expect(readSavedTime(dir)).toBeUndefined();
    saveTime(dir, 1_800_000_000_000);
    expect(readSavedTime(dir)).toBe(1_800_000_000_000);
    writeFileSync(join(dir, 'clock.json'), '{"now":"soon"}');
    expect(readSavedTime(dir)).toBeUndefined();
  });
});
