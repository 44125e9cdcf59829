/**
 * Cron schedules as CronJobs accept them: robfig/cron/v3's ParseStandard (the parser upstream's
 * CronJob validation and controller use). Five fields — minute hour day-of-month month
 * day-of-week — each `*`, `?` (day fields), a number or name (JAN–DEC, SUN–SAT), a range `a-b`,
 * a step `*\/n` or `a-b/n`, or a comma list; or a descriptor: @yearly @annually @monthly @weekly
 * @daily @midnight @hourly, `@every <duration>`. Errors are values with robfig's wording.
 *
 * The parsed form (sets of allowed values) is what a CronJob controller needs to find the next
 * run time; `dayOfMonthStar`/`dayOfWeekStar` record the cron rule that a restricted
 * day-of-month OR day-of-week must match when both are restricted.
 */

export interface CronSchedule {
  minute: ReadonlySet<number>;
  hour: ReadonlySet<number>;
  dayOfMonth: ReadonlySet<number>;
  month: ReadonlySet<number>;
  dayOfWeek: ReadonlySet<number>;
  dayOfMonthStar: boolean;
  dayOfWeekStar: boolean;
}

export type CronParseResult = { ok: true; schedule: CronSchedule } | { ok: false; error: string };

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const BOUNDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];

class CronError extends Error {}

function parseInt10(s: string): number {
  if (!/^\d+$/.test(s)) throw new CronError(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

function value(s: string, b: Bounds): number {
  const named = b.names?.[s.toLowerCase()];
  return named ?? parseInt10(s);
}

function parseRange(expr: string, b: Bounds, out: Set<number>): void {
  const [rangePart, stepPart, extra] = expr.split('/');
  if (extra !== undefined) throw new CronError(`too many slashes: ${expr}`);
  const lowHigh = (rangePart as string).split('-');
  let start: number;
  let end: number;
  const star = lowHigh[0] === '*' || lowHigh[0] === '?';
  if (star) {
    if (lowHigh.length > 1) throw new CronError(`too many hyphens: ${expr}`);
    start = b.min;
    end = b.max;
  } else {
    start = value(lowHigh[0] as string, b);
    if (lowHigh.length === 1) end = start;
    else if (lowHigh.length === 2) end = value(lowHigh[1] as string, b);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (stepPart !== undefined) {
    step = parseInt10(stepPart);
    if (step <= 0) throw new CronError(`step of range should be a positive number: ${expr}`);
    // `N/step` means N through max.
    if (!star && lowHigh.length === 1) end = b.max;
  }
  if (start < b.min) throw new CronError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  for (let v = start; v <= end; v += step) out.add(v);
}

function parseField(field: string, b: Bounds): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) parseRange(part, b, out);
  return out;
}

const all = (b: Bounds) => {
  const s = new Set<number>();
  for (let v = b.min; v <= b.max; v++) s.add(v);
  return s;
};

function descriptor(spec: string): CronSchedule {
  const one = (n: number) => new Set([n]);
  const base = { minute: one(0), hour: one(0), dayOfMonth: all(BOUNDS[2] as Bounds), month: all(BOUNDS[3] as Bounds), dayOfWeek: all(BOUNDS[4] as Bounds), dayOfMonthStar: true, dayOfWeekStar: true };
  switch (spec) {
    case '@yearly':
    case '@annually':
      return { ...base, dayOfMonth: one(1), month: one(1), dayOfMonthStar: false };
    case '@monthly':
      return { ...base, dayOfMonth: one(1), dayOfMonthStar: false };
    case '@weekly':
      return { ...base, dayOfWeek: one(0), dayOfWeekStar: false };
    case '@daily':
    case '@midnight':
      return base;
    case '@hourly':
      return { ...base, hour: all(BOUNDS[1] as Bounds) };
  }
  if (spec.startsWith('@every ')) {
    if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(spec.slice(7).trim())) throw new CronError(`failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(spec.slice(7))}`);
    // An interval, not a calendar: represented as "every minute"; the controller treats @every separately.
    return { ...base, minute: all(BOUNDS[0] as Bounds), hour: all(BOUNDS[1] as Bounds) };
  }
  throw new CronError(`unrecognized descriptor: ${spec}`);
}

/** robfig/cron ParseStandard. */
export function parseCronSchedule(spec: string): CronParseResult {
  try {
    const s = spec.trim();
    if (s === '') throw new CronError('empty spec string');
    if (s.startsWith('@')) return { ok: true, schedule: descriptor(s) };
    const fields = s.split(/\s+/);
    if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
    const [mi, h, dom, mo, dow] = fields.map((f, i) => parseField(f, BOUNDS[i] as Bounds));
    // Sunday may be written 7 in some crons; robfig rejects it (max 6), as does upstream.
    return {
      ok: true,
      schedule: {
        minute: mi as Set<number>,
        hour: h as Set<number>,
        dayOfMonth: dom as Set<number>,
        month: mo as Set<number>,
        dayOfWeek: dow as Set<number>,
        dayOfMonthStar: fields[2] === '*' || fields[2] === '?',
        dayOfWeekStar: fields[4] === '*' || fields[4] === '?',
      },
    };
  } catch (e) {
    if (e instanceof CronError) return { ok: false, error: e.message };
    throw e;
  }
}
