/**
 * The cluster clock across restarts. With --speed N > 1, simulated time runs ahead of the wall
 * clock; a fresh RealClock after a restart would start back at wall time, so every stored
 * timestamp (creationTimestamp, node leases, conditions) would lie in the future. ResumedClock is
 * a RealClock that never starts before the time the previous run reached: that time is saved in
 * <data-dir>/clock.json on shutdown (and every few seconds, for a crash).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RealClock } from '../../engine/util/clock.ts';

export const CLOCK_FILE = 'clock.json';

export class ResumedClock extends RealClock {
  private readonly offset: number;

  /** `resumeAt`: the simulated time the last run reached (ms since the epoch), if any. */
  constructor(speed: number, resumeAt?: number) {
    super(speed);
    this.offset = resumeAt === undefined ? 0 : Math.max(0, resumeAt - super.now());
  }

  override now(): number {
    return super.now() + this.offset;
  }
}

export function readSavedTime(dataDir: string): number | undefined {
  try {
    const doc = JSON.parse(readFileSync(join(dataDir, CLOCK_FILE), 'utf8')) as { now?: unknown };
    return typeof doc.now === 'number' && Number.isFinite(doc.now) ? doc.now : undefined;
  } catch {
    return undefined; // missing or damaged: start at wall time, as a first run does
  }
}

export function saveTime(dataDir: string, now: number): void {
  const path = join(dataDir, CLOCK_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ now })}\n`);
  renameSync(tmp, path);
}
