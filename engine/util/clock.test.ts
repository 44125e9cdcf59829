import { describe, expect, it } from 'vitest';
import { DEFAULT_VIRTUAL_START, RealClock, VirtualClock } from './clock.ts';

describe('VirtualClock', () => {
  it('starts at a fixed instant and stands still until advanced', async () => {
    const clock = new VirtualClock();
    expect(clock.now()).toBe(DEFAULT_VIRTUAL_START);
    await clock.flush();
    expect(clock.now()).toBe(DEFAULT_VIRTUAL_START);
  });

  it('fires a timer only once its time is reached', async () => {
    const clock = new VirtualClock(0);
    const fired: number[] = [];
    clock.setTimeout(() => fired.push(clock.now()), 10_000);
    await clock.advance(9_999);
    expect(fired).toEqual([]);
    await clock.advance(1);
    expect(fired).toEqual([10_000]);
  });

  it('fires timers in due order, and same-instant timers in scheduling order', async () => {
    const clock = new VirtualClock(0);
    const order: string[] = [];
    clock.setTimeout(() => order.push('b@20'), 20);
    clock.setTimeout(() => order.push('a@10'), 10);
    clock.setTimeout(() => order.push('c@20'), 20);
    await clock.advance(100);
    expect(order).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(100);
  });

  it('lets the promise chain a timer started finish before the next timer fires', async () => {
    const clock = new VirtualClock(0);
    const log: string[] = [];
    clock.setTimeout(async () => {
      await Promise.resolve();
      await Promise.resolve();
      log.push('first done');
    }, 5);
    clock.setTimeout(() => log.push('second'), 5);
    await clock.advance(5);
    expect(log).toEqual(['first done', 'second']);
  });

  it('repeats intervals and stops them when cleared', async () => {
    const clock = new VirtualClock(0);
    let ticks = 0;
    const h = clock.setInterval(() => ticks++, 10_000);
    await clock.advance(35_000);
    expect(ticks).toBe(3);
    clock.clearInterval(h);
    await clock.advance(100_000);
    expect(ticks).toBe(3);
  });

  it('does not fire a cleared timeout', async () => {
    const clock = new VirtualClock(0);
    let fired = false;
    const h = clock.setTimeout(() => (fired = true), 1);
    clock.clearTimeout(h);
    await clock.advance(10);
    expect(fired).toBe(false);
  });

  it('sleep resolves after virtual time passes', async () => {
    const clock = new VirtualClock(0);
    let woke = false;
    void clock.sleep(300_000).then(() => (woke = true));
    await clock.advance(299_999);
    expect(woke).toBe(false);
    await clock.advance(1);
    expect(woke).toBe(true);
  });

  it('runUntilIdle fires chains of timers and reports the time that passed', async () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    const step = (n: number) => {
      seen.push(clock.now());
      if (n > 0) clock.setTimeout(() => step(n - 1), 1_000);
    };
    clock.setTimeout(() => step(3), 1_000);
    const passed = await clock.runUntilIdle();
    expect(seen).toEqual([1_000, 2_000, 3_000, 4_000]);
    expect(passed).toBe(4_000);
    expect(clock.pending()).toBe(0);
  });

  it('runUntilIdle stops at its limit when an interval keeps the queue busy', async () => {
    const clock = new VirtualClock(0);
    clock.setInterval(() => {}, 1_000);
    const passed = await clock.runUntilIdle(10_000);
    expect(passed).toBe(10_000);
  });

  it('runUntil returns true as soon as the predicate holds', async () => {
    const clock = new VirtualClock(0);
    let ready = false;
    clock.setTimeout(() => (ready = true), 50_000);
    clock.setTimeout(() => {}, 90_000);
    expect(await clock.runUntil(() => ready)).toBe(true);
    expect(clock.now()).toBe(50_000);
  });

  it('runUntil returns false at its deadline when the predicate never holds', async () => {
    const clock = new VirtualClock(0);
    clock.setInterval(() => {}, 1_000);
    expect(await clock.runUntil(() => false, { timeoutMs: 5_000 })).toBe(false);
    expect(clock.now()).toBe(5_000);
  });

  it('rejects a negative advance', async () => {
    await expect(new VirtualClock(0).advance(-1)).rejects.toThrow(RangeError);
  });
});

describe('RealClock', () => {
  it('runs timers on the host clock, sped up by its speed', async () => {
    const clock = new RealClock(100);
    const start = clock.now();
    await clock.sleep(1_000); // 10 ms of wall time
    expect(clock.now() - start).toBeGreaterThanOrEqual(900);
  });

  it('clears timers', async () => {
    const clock = new RealClock();
    let fired = false;
    clock.clearTimeout(clock.setTimeout(() => (fired = true), 1));
    await new Promise((r) => setTimeout(r, 20));
    expect(fired).toBe(false);
  });
});

describe('VirtualClock ordering (property)', () => {
  it('fires any mix of timeouts, intervals and clears in (due, scheduling) order, like a naive model', async () => {
    const fc = await import('fast-check');
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('timeout' as const), ms: fc.integer({ min: 0, max: 50 }) }),
            fc.record({ op: fc.constant('interval' as const), ms: fc.integer({ min: 1, max: 40 }) }),
            fc.record({ op: fc.constant('clear' as const), which: fc.nat() }),
          ),
          { maxLength: 40 },
        ),
        async (ops) => {
          const clock = new VirtualClock(0);
          const fired: string[] = [];
          const handles: number[] = [];
          // The model: every live timer with its next due time and a global scheduling sequence.
          const model: Array<{ id: number; due: number; seq: number; every?: number; live: boolean }> = [];
          let seq = 0;
          ops.forEach((o, i) => {
            if (o.op === 'clear') {
              const h = handles[o.which % Math.max(1, handles.length)];
              if (h === undefined) return;
              clock.clearTimeout(h);
              const m = model.find((x) => x.id === h);
              if (m) m.live = false;
              return;
            }
            const name = `${o.op}${i}`;
            const h = o.op === 'timeout' ? clock.setTimeout(() => fired.push(name), o.ms) : clock.setInterval(() => fired.push(name), o.ms);
            handles.push(h);
            model.push({ id: h, due: o.ms, seq: seq++, every: o.op === 'interval' ? Math.max(1, o.ms) : undefined, live: true });
            (model[model.length - 1] as { name?: string }).name = name;
          });
          await clock.advance(100);
          const expected: string[] = [];
          for (;;) {
            const live = model.filter((m) => m.live && m.due <= 100).sort((a, b) => a.due - b.due || a.seq - b.seq);
            const next = live[0];
            if (!next) break;
            expected.push((next as { name?: string }).name as string);
            if (next.every === undefined) next.live = false;
            else {
              next.due += next.every;
              next.seq = seq++;
            }
          }
          expect(fired).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
