/**
 * Time for the whole engine. Nothing in engine/ except this file reads the host's time or
 * schedules on the host's timers: every component gets a Clock from the cluster, so a test can
 * fast-forward five minutes of node-eviction timeout in milliseconds and every run is
 * repeatable.
 *
 * Two implementations:
 *  - VirtualClock: time stands still until someone advances it; timers fire in due order.
 *  - RealClock: the host's wall clock, optionally sped up (`tinykube up --speed 10`).
 */

export type TimerHandle = number;

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `fn` once, `ms` milliseconds of this clock's time from now. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
  /** Calls `fn` every `ms` milliseconds of this clock's time. */
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle | undefined): void;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

/** Host hooks, read once here and nowhere else in engine/. */
const host = globalThis as unknown as {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(h: unknown): void;
  setImmediate?: (fn: () => void) => unknown;
  Date: DateConstructor;
};

/**
 * Lets all pending promise callbacks (microtasks) run. A setImmediate (or a 0 ms host timeout
 * in the browser) runs only after the microtask queue is empty, so one hop drains every chain of
 * in-memory async work that the last timer started.
 */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => {
    if (host.setImmediate) host.setImmediate(resolve);
    else host.setTimeout(resolve, 0);
  });
}

interface Timer {
  id: number;
  due: number;
  seq: number;
  fn: () => void;
  /** Period for intervals; undefined for one-shot timers. */
  every?: number;
}

interface HeapEntry {
  id: number;
  due: number;
  seq: number;
}

/** A binary min-heap of timer entries by (due, seq): O(log n) per timer with 30,000 sleeping containers. */
class TimerHeap {
  private items: HeapEntry[] = [];

  peek(): HeapEntry | undefined {
    return this.items[0];
  }

  clear(): void {
    this.items = [];
  }

  push(e: HeapEntry): void {
    const a = this.items;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i] as HeapEntry, a[parent] as HeapEntry)) break;
      [a[i], a[parent]] = [a[parent] as HeapEntry, a[i] as HeapEntry];
      i = parent;
    }
  }

  pop(): HeapEntry | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l] as HeapEntry, a[m] as HeapEntry)) m = l;
        if (r < a.length && before(a[r] as HeapEntry, a[m] as HeapEntry)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as HeapEntry, a[i] as HeapEntry];
        i = m;
      }
    }
    return top;
  }
}

const before = (x: HeapEntry, y: HeapEntry) => x.due < y.due || (x.due === y.due && x.seq < y.seq);

/** 2025-01-01T00:00:00Z: a fixed start so that timestamps in tests are repeatable. */
export const DEFAULT_VIRTUAL_START = Date.UTC(2025, 0, 1);

export interface RunUntilOptions {
  /** Give up after this much virtual time (default 10 minutes). */
  timeoutMs?: number;
}

/**
 * A clock whose time moves only when told to. Timers due at the same instant fire in the order
 * they were scheduled. After each timer fires, the clock yields to the host so that the promise
 * chains the timer started finish before the next timer fires — the same order a real event
 * loop would give.
 *
 * Example:
 *   const clock = new VirtualClock();
 *   clock.setTimeout(() => console.log('tick'), 10_000);
 *   await clock.advance(9_999);   // nothing
 *   await clock.advance(1);       // tick
 */
export class VirtualClock implements Clock {
  private current: number;
  private timers = new Map<number, Timer>();
  /** Due order of (due, seq); entries whose timer was cleared or rescheduled are skipped lazily. */
  private heap = new TimerHeap();
  private nextId = 1;
  private seq = 0;

  constructor(start: number = DEFAULT_VIRTUAL_START) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.schedule(fn, ms);
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle === undefined) return;
    this.timers.delete(handle);
    if (this.timers.size === 0) this.heap.clear();
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.schedule(fn, ms, Math.max(1, ms));
  }

  clearInterval(handle: TimerHandle | undefined): void {
    this.clearTimeout(handle);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }

  /** Number of timers waiting to fire. */
  pending(): number {
    return this.timers.size;
  }

  /** When the next timer is due, or undefined when none is waiting. */
  nextDue(): number | undefined {
    const t = this.peek();
    return t?.due;
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`advance: duration must be >= 0, got ${ms}`);
    const target = this.current + ms;
    await yieldToHost();
    for (;;) {
      const t = this.peek();
      if (!t || t.due > target) break;
      this.current = Math.max(this.current, t.due);
      this.fire(t);
      await yieldToHost();
    }
    this.current = target;
    await yieldToHost();
  }

  /** Lets pending async work finish without moving time. */
  async flush(): Promise<void> {
    await yieldToHost();
  }

  /**
   * Fires timers one after another until none is left, or until the next one is more than
   * `limitMs` of virtual time away (intervals never leave the queue empty). Returns how much
   * virtual time passed.
   */
  async runUntilIdle(limitMs = 60 * 60 * 1000): Promise<number> {
    const start = this.current;
    const deadline = start + limitMs;
    await yieldToHost();
    for (;;) {
      const t = this.peek();
      if (!t || t.due > deadline) break;
      this.current = Math.max(this.current, t.due);
      this.fire(t);
      await yieldToHost();
    }
    return this.current - start;
  }

  /**
   * Advances time timer by timer until `predicate` holds. Returns true as soon as it does, false
   * when `timeoutMs` of virtual time passed first (the clock then stands at the deadline).
   */
  async runUntil(predicate: () => boolean | Promise<boolean>, options: RunUntilOptions = {}): Promise<boolean> {
    const deadline = this.current + (options.timeoutMs ?? 10 * 60 * 1000);
    await yieldToHost();
    for (;;) {
      if (await predicate()) return true;
      const t = this.peek();
      if (!t || t.due > deadline) {
        this.current = deadline;
        await yieldToHost();
        return await predicate();
      }
      this.current = Math.max(this.current, t.due);
      this.fire(t);
      await yieldToHost();
    }
  }

  private schedule(fn: () => void, ms: number, every?: number): TimerHandle {
    const id = this.nextId++;
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const t: Timer = { id, due: this.current + delay, seq: this.seq++, fn, every };
    this.timers.set(id, t);
    this.heap.push({ id, due: t.due, seq: t.seq });
    return id;
  }

  /** The next timer to fire: the heap's top, skipping entries of cleared or rescheduled timers. */
  private peek(): Timer | undefined {
    for (;;) {
      const top = this.heap.peek();
      if (!top) return undefined;
      const t = this.timers.get(top.id);
      if (t && t.seq === top.seq) return t;
      this.heap.pop();
    }
  }

  private fire(t: Timer): void {
    this.heap.pop();
    if (t.every !== undefined) {
      t.due += t.every;
      t.seq = this.seq++;
      this.heap.push({ id: t.id, due: t.due, seq: t.seq });
    } else {
      this.timers.delete(t.id);
    }
    t.fn();
  }
}

/**
 * The host's clock. With `speed` > 1, time runs that many times faster than the wall clock
 * (starting from the real time of construction), and timers shrink to match.
 */
export class RealClock implements Clock {
  private readonly realStart = host.Date.now();
  private handles = new Map<number, unknown>();
  private nextId = 1;

  constructor(private readonly speed = 1) {
    if (!(speed > 0)) throw new RangeError(`RealClock: speed must be > 0, got ${speed}`);
  }

  now(): number {
    const real = host.Date.now();
    return this.realStart + (real - this.realStart) * this.speed;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.handles.set(
      id,
      host.setTimeout(() => {
        this.handles.delete(id);
        fn();
      }, Math.max(0, ms) / this.speed),
    );
    return id;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle === undefined) return;
    const h = this.handles.get(handle);
    if (h !== undefined) host.clearTimeout(h);
    this.handles.delete(handle);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    const period = Math.max(1, ms) / this.speed;
    const tick = () => {
      this.handles.set(id, host.setTimeout(tick, period));
      fn();
    };
    this.handles.set(id, host.setTimeout(tick, period));
    return id;
  }

  clearInterval(handle: TimerHandle | undefined): void {
    this.clearTimeout(handle);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.setTimeout(resolve, ms));
  }
}
