import { describe, expect, it } from 'vitest';
import { mostRecentScheduleTime, parseSchedule, type Schedule } from './schedule.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function schedule(spec: string, tz?: string): Schedule {
  const r = parseSchedule(spec, tz);
  if (!r.ok) throw new Error(r.error);
  return r.schedule;
}

describe('CronJob schedules', () => {
  it('finds the next minute matching all five fields', () => {
    expect(iso(schedule('*/15 * * * *').next(at('2025-01-01T10:07:00Z')))).toBe('2025-01-01T10:15:00.000Z');
    expect(iso(schedule('*/15 * * * *').next(at('2025-01-01T10:15:00Z')))).toBe('2025-01-01T10:30:00.000Z');
    expect(iso(schedule('30 2 * * *').next(at('2025-01-01T10:00:00Z')))).toBe('2025-01-02T02:30:00.000Z');
    expect(iso(schedule('0 0 1 3 *').next(at('2025-01-01T10:00:00Z')))).toBe('2025-03-01T00:00:00.000Z');
  });

  it('understands the descriptors @hourly, @daily, @weekly (Sunday) and @every', () => {
    expect(iso(schedule('@hourly').next(at('2025-01-01T10:07:00Z')))).toBe('2025-01-01T11:00:00.000Z');
    expect(iso(schedule('@daily').next(at('2025-01-01T10:07:00Z')))).toBe('2025-01-02T00:00:00.000Z');
    expect(iso(schedule('@weekly').next(at('2025-01-01T10:07:00Z')))).toBe('2025-01-05T00:00:00.000Z');
    expect(iso(schedule('@every 90s').next(at('2025-01-01T10:07:00Z')))).toBe('2025-01-01T10:08:30.000Z');
  });

  it('with both day fields restricted, either one matching is enough (cron OR rule)', () => {
    // 2025-01-01 is a Wednesday; the 15th or any Monday: Monday 6th comes first.
    expect(iso(schedule('0 0 15 * 1').next(at('2025-01-01T10:00:00Z')))).toBe('2025-01-06T00:00:00.000Z');
    // Day of week restricted alone: only Mondays.
    expect(iso(schedule('0 0 * * 1').next(at('2025-01-06T10:00:00Z')))).toBe('2025-01-13T00:00:00.000Z');
  });

  it('evaluates spec.timeZone on that zone\'s wall clock and rejects unknown zones', () => {
    // 09:00 in New York in January is 14:00 UTC.
    expect(iso(schedule('0 9 * * *', 'America/New_York').next(at('2025-01-01T10:00:00Z')))).toBe('2025-01-01T14:00:00.000Z');
    const r = parseSchedule('0 9 * * *', 'Mars/Olympus_Mons');
    expect(r.ok).toBe(false);
  });

  it('mostRecentScheduleTime returns the latest missed time and how many were missed', () => {
    const s = schedule('*/15 * * * *');
    const r = mostRecentScheduleTime(s, at('2025-01-01T10:07:00Z'), at('2025-01-01T10:50:00Z'));
    expect(iso(r.time)).toBe('2025-01-01T10:45:00.000Z');
    expect(r.missed).toBe(3);
    expect(mostRecentScheduleTime(s, at('2025-01-01T10:46:00Z'), at('2025-01-01T10:50:00Z'))).toEqual({ time: undefined, missed: 0 });
    const many = mostRecentScheduleTime(schedule('* * * * *'), at('2025-01-01T00:00:00Z'), at('2025-01-01T05:00:30Z'));
    expect(many).toEqual({ time: at('2025-01-01T05:00:00Z'), missed: 300 });
    // Irregular schedules are walked: weekdays at 09:00 over two weeks from Wed 1 Jan 2025.
    const weekdays = mostRecentScheduleTime(schedule('0 9 * * 1-5'), at('2025-01-01T00:00:00Z'), at('2025-01-14T12:00:00Z'));
    expect(weekdays).toEqual({ time: at('2025-01-14T09:00:00Z'), missed: 10 });
  });
});
