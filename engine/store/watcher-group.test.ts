import { describe, expect, it } from 'vitest';
import { newWatcher, wantsType, WatcherGroup } from './watcher-group.ts';
import { prefixEnd } from './kv.ts';

const w = (id: number, key: string, rangeEnd?: string, filters?: Array<'NOPUT' | 'NODELETE'>) => newWatcher(id, key, { rangeEnd, filters }, 1, () => {});

function matching(g: WatcherGroup, key: string): number[] {
  const ids: number[] = [];
  g.forEachMatching(key, (x) => ids.push(x.id));
  return ids.sort((a, b) => a - b);
}

describe('WatcherGroup', () => {
  it('finds single-key watchers by key and range watchers by containment', () => {
    const g = new WatcherGroup();
    g.add(w(1, '/pods/a'));
    g.add(w(2, '/pods/', prefixEnd('/pods/')));
    g.add(w(3, '/pods/', prefixEnd('/pods/')));
    g.add(w(4, '/', '\0'));
    g.add(w(5, '/nodes/', prefixEnd('/nodes/')));
    expect(matching(g, '/pods/a')).toEqual([1, 2, 3, 4]);
    expect(matching(g, '/pods/b')).toEqual([2, 3, 4]);
    expect(matching(g, '/nodes/n')).toEqual([4, 5]);
    expect(g.size).toBe(5);
  });

  it('forgets removed watchers and counts each once', () => {
    const g = new WatcherGroup();
    const a = w(1, '/a');
    const b = w(2, '/', '\0');
    g.add(a);
    g.add(a);
    g.add(b);
    expect(g.size).toBe(2);
    expect(g.delete(a)).toBe(true);
    expect(g.delete(a)).toBe(false);
    g.delete(b);
    expect(matching(g, '/a')).toEqual([]);
    expect(g.size).toBe(0);
  });

  it('applies NOPUT and NODELETE filters', () => {
    expect(wantsType(w(1, '/a', undefined, ['NOPUT']), 'PUT')).toBe(false);
    expect(wantsType(w(1, '/a', undefined, ['NOPUT']), 'DELETE')).toBe(true);
    expect(wantsType(w(1, '/a', undefined, ['NODELETE']), 'DELETE')).toBe(false);
  });
});
