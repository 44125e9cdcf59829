import { describe, expect, it } from 'vitest';
import { TreeIndex } from './tree-index.ts';
import { newKeyIndex } from '../../solutions/store/key-index.ts';
import { prefixEnd } from './kv.ts';

function keysIn(tree: TreeIndex, key: string, end: string | undefined): string[] {
  const out: string[] = [];
  tree.range(key, end, (ki) => void out.push(ki.key));
  return out;
}

describe('TreeIndex', () => {
  it('visits keys in sorted order whatever the insertion order', () => {
    const tree = new TreeIndex(newKeyIndex);
    for (const k of ['/b', '/a/2', '/c', '/a/1', '/a']) tree.getOrCreate(k);
    expect(keysIn(tree, '\0', '\0')).toEqual(['/a', '/a/1', '/a/2', '/b', '/c']);
    expect(tree.size).toBe(5);
  });

  it('follows etcd range conventions: no end is one key, prefixEnd is a prefix, "\\0" is everything after', () => {
    const tree = new TreeIndex(newKeyIndex);
    for (const k of ['/a', '/a/1', '/a/2', '/b', '/c']) tree.getOrCreate(k);
    expect(keysIn(tree, '/a', undefined)).toEqual(['/a']);
    expect(keysIn(tree, '/zz', undefined)).toEqual([]);
    expect(keysIn(tree, '/a/', prefixEnd('/a/'))).toEqual(['/a/1', '/a/2']);
    expect(keysIn(tree, '/b', '\0')).toEqual(['/b', '/c']);
    expect(keysIn(tree, '/c', '/a')).toEqual([]);
  });

  it('returns the same index object for a key until it is removed', () => {
    const tree = new TreeIndex(newKeyIndex);
    const ki = tree.getOrCreate('/k');
    expect(tree.getOrCreate('/k')).toBe(ki);
    tree.remove('/k');
    expect(tree.get('/k')).toBeUndefined();
    expect(keysIn(tree, '\0', '\0')).toEqual([]);
    expect(tree.getOrCreate('/k')).not.toBe(ki);
  });

  it('stays sorted and complete across many inserts and removals (chunk splits)', () => {
    const tree = new TreeIndex(newKeyIndex);
    const keys: string[] = [];
    // A deterministic shuffle of 5,000 keys.
    for (let i = 0; i < 5000; i++) keys.push(`/k/${String((i * 7919) % 5000).padStart(5, '0')}`);
    for (const k of keys) tree.getOrCreate(k);
    const sorted = [...keys].sort();
    expect(keysIn(tree, '\0', '\0')).toEqual(sorted);
    for (const k of sorted.filter((_, i) => i % 3 === 0)) tree.remove(k);
    expect(keysIn(tree, '\0', '\0')).toEqual(sorted.filter((_, i) => i % 3 !== 0));
    expect(keysIn(tree, '/k/01000', '/k/01010')).toEqual(['/k/01000', '/k/01001', '/k/01003', '/k/01004', '/k/01006', '/k/01007', '/k/01009']);
  });

  it('stops a range walk when the visitor returns false', () => {
    const tree = new TreeIndex(newKeyIndex);
    for (const k of ['a', 'b', 'c']) tree.getOrCreate(k);
    const seen: string[] = [];
    tree.range('a', '\0', (ki) => {
      seen.push(ki.key);
      return seen.length < 2;
    });
    expect(seen).toEqual(['a', 'b']);
  });
});
