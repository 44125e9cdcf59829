import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { debounce, isIgnored, watchDir, type Burst, type Timers } from './watch.ts';

/** Timers that fire only when the test says so. */
function manualTimers() {
  let next = 0;
  const pending = new Map<number, () => void>();
  const timers: Timers = {
    set(fn) {
      pending.set(++next, fn);
      return next;
    },
    clear(h) {
      pending.delete(h as number);
    },
  };
  return {
    timers,
    fire() {
      const fns = [...pending.values()];
      pending.clear();
      fns.forEach((f) => f());
    },
    get pending() {
      return pending.size;
    },
  };
}

describe('debounce', () => {
  it('turns a burst of events into one call with every file and the time of the first event', () => {
    const t = manualTimers();
    let clock = 100;
    const bursts: Burst[] = [];
    const d = debounce((b) => bursts.push(b), { ms: 100, timers: t.timers, now: () => clock });
    d.push('a.ts');
    clock = 130;
    d.push('a.ts');
    d.push('b.ts');
    expect(t.pending).toBe(1);
    expect(bursts).toEqual([]);
    t.fire();
    expect(bursts).toEqual([{ files: ['a.ts', 'b.ts'], firstEventAt: 100 }]);
    clock = 500;
    d.push('c.ts');
    t.fire();
    expect(bursts[1]).toEqual({ files: ['c.ts'], firstEventAt: 500 });
  });

  it('drops a pending burst when cancelled', () => {
    const t = manualTimers();
    const bursts: Burst[] = [];
    const d = debounce((b) => bursts.push(b), { ms: 100, timers: t.timers, now: () => 0 });
    d.push('a.ts');
    d.cancel();
    t.fire();
    expect(bursts).toEqual([]);
  });
});

describe('watching exercises/', () => {
  it('ignores editor swap and backup files', () => {
    expect(['a.ts.swp', 'a.ts~', '.#a.ts', '4913', 'x/.a.ts.swx'].map(isIgnored)).toEqual([true, true, true, true, true]);
    expect(isIgnored('scheduler/fit.ts')).toBe(false);
  });

  it('reports a file saved in a subfolder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tk-watch-'));
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dir, 'scheduler'));
    const seen = new Promise<string>((resolve) => {
      const w = watchDir(dir, (file) => {
        w.close();
        resolve(file);
      });
    });
    writeFileSync(join(dir, 'scheduler', 'fit.ts'), 'export {}\n');
    expect(await seen).toMatch(/fit\.ts$/);
  });
});
