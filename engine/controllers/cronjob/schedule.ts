/**
 * When a CronJob runs (upstream: pkg/controller/cronjob/utils.go mostRecentScheduleTime /
 * nextScheduleTime over robfig/cron/v3 SpecSchedule.Next, with `CRON_TZ=<spec.timeZone>`).
 *
 * Schedules are evaluated on the wall clock of `timeZone` (an IANA name; absent: UTC, which is
 * the kube-controller-manager's zone in tinykube) through Intl, so no `node:*` import is needed.
 * Times are ms since the epoch; schedule times fall on whole minutes (or, for `@every d`, every d
 * since the reference time).
 *
 * Worked example: `*\/15 * * * *`, earliest 10:07, now 10:50 → missed 10:15, 10:30, 10:45: the
 * most recent is 10:45 and 3 start times were missed.
 */
import { parseCronSchedule, type CronSchedule } from '../../api/validation/cron.ts';

export const MINUTE_MS = 60_000;

export interface Schedule {
  /** The first schedule time strictly after `t`, or undefined if none within ~5 years. */
  next(t: number): number | undefined;
}

interface WallClock {
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function wallClockIn(timeZone: string | undefined): (t: number) => WallClock {
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    return (t) => {
      const d = new Date(t);
      return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
    };
  }
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: 'numeric' });
  return (t) => {
    const parts: Record<string, string> = {};
    for (const p of fmt.formatToParts(new Date(t))) parts[p.type] = p.value;
    return { month: Number(parts.month), day: Number(parts.day), weekday: WEEKDAYS[parts.weekday ?? 'Sun'] ?? 0, hour: Number(parts.hour) % 24, minute: Number(parts.minute) };
  };
}

/** Is `timeZone` a zone Intl knows (upstream: time.LoadLocation)? */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** robfig's dayMatches: with both day fields restricted, either may match. */
function dayMatches(s: CronSchedule, w: WallClock): boolean {
  const dom = s.dayOfMonth.has(w.day);
  const dow = s.dayOfWeek.has(w.weekday);
  if (s.dayOfMonthStar || s.dayOfWeekStar) return dom && dow;
  return dom || dow;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function parseGoDuration(s: string): number | undefined {
  let total = 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * (DURATION_UNITS[m[2] as string] as number);
    consumed = re.lastIndex;
  }
  return consumed === s.length && total > 0 ? total : undefined;
}

/** Parses spec.schedule (+ spec.timeZone) into a Schedule, or an error message. */
export function parseSchedule(spec: string, timeZone?: string): { ok: true; schedule: Schedule } | { ok: false; error: string } {
  const trimmed = spec.trim();
  if (trimmed.startsWith('@every ')) {
    // robfig ConstantDelaySchedule: every d (rounded down to whole seconds, at least 1 s).
    const d = parseGoDuration(trimmed.slice(7).trim());
    if (d === undefined) return { ok: false, error: `failed to parse duration ${trimmed}` };
    const every = Math.max(1000, Math.floor(d / 1000) * 1000);
    return { ok: true, schedule: { next: (t) => Math.floor(t / 1000) * 1000 + every } };
  }
  if (timeZone && !isValidTimeZone(timeZone)) return { ok: false, error: `unknown time zone ${timeZone}` };
  const r = parseCronSchedule(trimmed);
  if (!r.ok) return r;
  const s = r.schedule;
  const wall = wallClockIn(timeZone);
  return {
    ok: true,
    schedule: {
      next(t) {
        let c = (Math.floor(t / MINUTE_MS) + 1) * MINUTE_MS;
        const limit = c + 5 * 366 * 24 * 60 * MINUTE_MS;
        while (c < limit) {
          const w = wall(c);
          if (!s.month.has(w.month) || !dayMatches(s, w)) c += (24 * 60 - w.hour * 60 - w.minute) * MINUTE_MS;
          else if (!s.hour.has(w.hour)) c += (60 - w.minute) * MINUTE_MS;
          else if (!s.minute.has(w.minute)) c += MINUTE_MS;
          else return c;
        }
        return undefined;
      },
    },
  };
}

/**
 * mostRecentScheduleTime: the latest schedule time in (earliest, now] and how many schedule
 * times fell in that window. The times are walked one by one up to `walkLimit`, then the rest is
 * extrapolated from the last gap, so a controller that was down for years does not walk every
 * minute. (Upstream extrapolates from the first gap at once, which miscounts irregular schedules
 * such as `0 9 * * 1-5`; the walk gets those right.)
 */
export function mostRecentScheduleTime(schedule: Schedule, earliest: number, now: number, walkLimit = 100_000): { time?: number; missed: number } {
  const t1 = schedule.next(earliest);
  if (t1 === undefined || t1 > now) return { missed: 0 };
  const t2 = schedule.next(t1);
  if (t2 === undefined || t2 > now) return { time: t1, missed: 1 };
  let time = t2;
  let missed = 2;
  for (let t = schedule.next(t2); t !== undefined && t <= now; t = schedule.next(t)) {
    if (missed >= walkLimit) {
      const step = t - time;
      const more = Math.floor((now - t) / step) + 1;
      return { time: t + (more - 1) * step, missed: missed + more };
    }
    time = t;
    missed++;
  }
  return { time, missed };
}
