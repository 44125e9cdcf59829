import { describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { Indexer } from './indexer.ts';
import { BY_NODE_INDEX, defaultIndexersFor, NAMESPACE_INDEX } from './index-funcs.ts';
import { deepCopy, deepFreeze, isDeepFrozen } from './deep-freeze.ts';

const pod = (ns: string, name: string, nodeName?: string, labels: Record<string, string> = {}): corev1.Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: ns, name, labels },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...(nodeName ? { nodeName } : {}) },
});

const podIndexer = () => new Indexer<corev1.Pod>(defaultIndexersFor('Pod'));

describe('Indexer', () => {
  it('keys objects by namespace/name and returns them sorted by key', () => {
    const idx = podIndexer();
    idx.add(pod('b', 'web'));
    idx.add(pod('a', 'web'));
    idx.add(pod('a', 'db'));
    expect(idx.listKeys()).toEqual(['a/db', 'a/web', 'b/web']);
    expect(idx.getByKey('a/web')?.metadata?.name).toBe('web');
  });

  it('finds pods by the node they are bound to, following updates and deletes', () => {
    const idx = podIndexer();
    idx.add(pod('a', 'web', 'n1'));
    idx.add(pod('b', 'db', 'n1'));
    idx.add(pod('a', 'pending'));
    expect(idx.indexKeys(BY_NODE_INDEX, 'n1')).toEqual(['a/web', 'b/db']);
    idx.update(pod('a', 'web', 'n2'));
    expect(idx.indexKeys(BY_NODE_INDEX, 'n1')).toEqual(['b/db']);
    expect(idx.indexKeys(BY_NODE_INDEX, 'n2')).toEqual(['a/web']);
    idx.delete(pod('b', 'db'));
    expect(idx.listIndexFuncValues(BY_NODE_INDEX)).toEqual(['n2']);
  });

  it('does not file unbound pods under any node', () => {
    const idx = podIndexer();
    idx.add(pod('a', 'pending'));
    expect(idx.listIndexFuncValues(BY_NODE_INDEX)).toEqual([]);
  });

  it('indexes by namespace', () => {
    const idx = podIndexer();
    idx.add(pod('a', 'x'));
    idx.add(pod('b', 'y'));
    idx.add(pod('a', 'z'));
    expect(idx.byIndex(NAMESPACE_INDEX, 'a').map((p) => p.metadata?.name)).toEqual(['x', 'z']);
  });

  it('replace swaps the whole content and rebuilds the indices', () => {
    const idx = podIndexer();
    idx.add(pod('a', 'old', 'n1'));
    idx.replace([pod('a', 'new', 'n2')]);
    expect(idx.listKeys()).toEqual(['a/new']);
    expect(idx.indexKeys(BY_NODE_INDEX, 'n1')).toEqual([]);
    expect(idx.indexKeys(BY_NODE_INDEX, 'n2')).toEqual(['a/new']);
  });

  it('accepts pluggable index functions, indexing what is already cached', () => {
    const idx = podIndexer();
    idx.add(pod('a', 'web', undefined, { app: 'web' }));
    idx.add(pod('a', 'api', undefined, { app: 'api' }));
    idx.addIndexers({ byApp: (o) => (o.metadata?.labels?.['app'] ? [o.metadata.labels['app']] : []) });
    idx.add(pod('b', 'web2', undefined, { app: 'web' }));
    expect(idx.indexKeys('byApp', 'web')).toEqual(['a/web', 'b/web2']);
    expect(() => idx.addIndexers({ byApp: () => [] })).toThrow(/conflict/);
  });

  it('refuses to look up an index that does not exist', () => {
    expect(() => podIndexer().byIndex('nope', 'x')).toThrow(/does not exist/);
  });

  it('stores a frozen copy, so the caller keeps a mutable original', () => {
    const idx = podIndexer();
    const original = pod('a', 'web');
    const stored = idx.add(original);
    expect(stored).not.toBe(original);
    original.metadata!.name = 'changed';
    expect(idx.getByKey('a/web')?.metadata?.name).toBe('web');
  });
});

describe('frozen cache objects', () => {
  it('throw a TypeError when a caller mutates what the cache returns, at any depth', () => {
    const idx = podIndexer();
    idx.add(pod('a', 'web', 'n1', { app: 'web' }));
    const cached = idx.getByKey('a/web')!;
    expect(() => {
      cached.metadata!.labels!['app'] = 'evil';
    }).toThrow(TypeError);
    expect(() => {
      cached.spec!.containers[0]!.image = 'evil';
    }).toThrow(TypeError);
    expect(() => {
      cached.spec!.containers.push({ name: 'x' });
    }).toThrow(TypeError);
    expect(idx.getByKey('a/web')?.metadata?.labels?.['app']).toBe('web');
  });

  it('can be copied into a mutable object with deepCopy', () => {
    const frozen = deepFreeze(pod('a', 'web'));
    expect(isDeepFrozen(frozen)).toBe(true);
    const copy = deepCopy(frozen);
    copy.metadata!.name = 'web2';
    copy.spec!.containers.push({ name: 'sidecar', image: 'busybox' });
    expect(copy.spec!.containers).toHaveLength(2);
    expect(frozen.spec!.containers).toHaveLength(1);
  });
});
