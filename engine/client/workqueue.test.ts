import { describe, expect, it } from 'vitest';
import { WorkQueue } from './workqueue.ts';

/** Resolves true when `p` settles within a few host turns, false if it is still pending. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
}

describe('WorkQueue', () => {
  it('hands keys out in the order they were first added', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    q.add('c');
    expect(await q.get()).toEqual({ key: 'a', shutdown: false });
    expect(await q.get()).toEqual({ key: 'b', shutdown: false });
    expect(await q.get()).toEqual({ key: 'c', shutdown: false });
  });

  it('processes a key added many times before a worker gets it only once', async () => {
    const q = new WorkQueue();
    for (let i = 0; i < 5; i++) q.add('default/web');
    q.add('default/db');
    q.add('default/web');
    expect(q.len()).toBe(2);
    const first = await q.get();
    expect(first).toEqual({ key: 'default/web', shutdown: false });
    q.done('default/web');
    expect(await q.get()).toEqual({ key: 'default/db', shutdown: false });
    expect(q.len()).toBe(0);
  });

  it('never hands out a key that is being processed, even when re-added', async () => {
    const q = new WorkQueue();
    q.add('k');
    await q.get();
    q.add('k');
    expect(q.len()).toBe(0);
    const second = q.get();
    expect(await settled(second)).toBe(false);
    q.done('k');
    expect(await second).toEqual({ key: 'k', shutdown: false });
  });

  it('processes a key re-added during processing once more after done()', async () => {
    const q = new WorkQueue();
    q.add('k');
    await q.get();
    q.add('k');
    q.add('k');
    q.done('k');
    expect(q.len()).toBe(1);
    expect(await q.get()).toEqual({ key: 'k', shutdown: false });
    q.done('k');
    expect(q.len()).toBe(0);
  });

  it('does not re-queue a key on done() when nobody re-added it', async () => {
    const q = new WorkQueue();
    q.add('k');
    await q.get();
    q.done('k');
    expect(q.len()).toBe(0);
  });

  it('wakes a waiting get() when a key is added, serving waiters in order', async () => {
    const q = new WorkQueue();
    const w1 = q.get();
    const w2 = q.get();
    expect(await settled(w1)).toBe(false);
    q.add('x');
    q.add('y');
    expect(await w1).toEqual({ key: 'x', shutdown: false });
    expect(await w2).toEqual({ key: 'y', shutdown: false });
  });

  it('ignores adds after shutDown but still hands out what was queued, then reports shutdown', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.shutDown();
    q.add('b');
    expect(q.shuttingDown()).toBe(true);
    expect(await q.get()).toEqual({ key: 'a', shutdown: false });
    expect(await q.get()).toEqual({ shutdown: true });
  });

  it('releases waiting workers with shutdown: true on shutDown', async () => {
    const q = new WorkQueue();
    const w = q.get();
    q.shutDown();
    expect(await w).toEqual({ shutdown: true });
  });

  it('shutDownWithDrain waits until every handed-out key is done', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    await q.get();
    await q.get();
    const drained = q.shutDownWithDrain();
    q.done('a');
    expect(await settled(drained)).toBe(false);
    q.done('b');
    expect(await settled(drained)).toBe(true);
  });

  it('shutDownWithDrain resolves at once when nothing is being processed', async () => {
    const q = new WorkQueue();
    expect(await settled(q.shutDownWithDrain())).toBe(true);
  });

  it('two workers never hold the same key at once', async () => {
    const q = new WorkQueue();
    const holding = new Set<string>();
    let overlap = false;
    let processed = 0;
    const worker = async () => {
      for (;;) {
        const r = await q.get();
        if (r.shutdown) return;
        if (holding.has(r.key)) overlap = true;
        holding.add(r.key);
        await Promise.resolve();
        // Changes keep arriving for the same keys while they are processed.
        q.add(r.key === 'a' ? 'b' : 'a');
        await Promise.resolve();
        holding.delete(r.key);
        processed++;
        q.done(r.key);
        if (processed >= 50) q.shutDown();
      }
    };
    q.add('a');
    q.add('b');
    await Promise.all([worker(), worker(), worker()]);
    expect(overlap).toBe(false);
    expect(processed).toBeGreaterThanOrEqual(50);
  });
});
