import { describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { Indexer } from './indexer.ts';
import { BY_NODE_INDEX, defaultIndexersFor } from './index-funcs.ts';
import { newLister } from './lister.ts';
import { labelSelectorAsSelector } from '../../api/labels.ts';
import { StatusError } from '../../api/errors.ts';

const pod = (ns: string, name: string, labels: Record<string, string> = {}, nodeName?: string): corev1.Pod => ({
  metadata: { namespace: ns, name, labels },
  spec: { containers: [], ...(nodeName ? { nodeName } : {}) },
});

function setup() {
  const idx = new Indexer<corev1.Pod>(defaultIndexersFor('Pod'));
  idx.add(pod('default', 'web-1', { app: 'web', tier: 'fe' }, 'n1'));
  idx.add(pod('default', 'web-2', { app: 'web', tier: 'fe' }, 'n2'));
  idx.add(pod('default', 'db', { app: 'db' }, 'n1'));
  idx.add(pod('prod', 'web-1', { app: 'web' }));
  return { idx, lister: newLister(idx) };
}

describe('Lister', () => {
  it('gets a namespaced object by namespace and name, and undefined when absent', () => {
    const { lister } = setup();
    expect(lister.get('prod', 'web-1')?.metadata?.namespace).toBe('prod');
    expect(lister.get('prod', 'nope')).toBeUndefined();
  });

  it('gets a cluster-scoped object by name alone', () => {
    const idx = new Indexer();
    idx.add({ kind: 'Node', metadata: { name: 'n1' } });
    expect(newLister(idx).get('n1')?.metadata?.name).toBe('n1');
  });

  it('lists across namespaces with a label map or a selector object', () => {
    const { lister } = setup();
    expect(lister.list({ app: 'web' }).map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`)).toEqual([
      'default/web-1',
      'default/web-2',
      'prod/web-1',
    ]);
    const notDb = { matches: (l: Readonly<Record<string, string>>) => l['app'] !== 'db' };
    expect(lister.list(notDb)).toHaveLength(3);
    expect(lister.list()).toHaveLength(4);
  });

  it('accepts label selector strings and selectors built by engine/api', () => {
    const { lister } = setup();
    expect(lister.list('app=web,tier in (fe)')).toHaveLength(2);
    expect(lister.list(labelSelectorAsSelector({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }))).toHaveLength(1);
    expect(() => lister.list('app in (')).toThrow(StatusError);
  });

  it('lists one namespace through namespace(ns)', () => {
    const { lister } = setup();
    expect(lister.namespace('default').list({ tier: 'fe' }).map((p) => p.metadata?.name)).toEqual(['web-1', 'web-2']);
    expect(lister.namespace('default').get('db')?.metadata?.labels?.['app']).toBe('db');
    expect(lister.namespace('prod').get('db')).toBeUndefined();
  });

  it('answers index queries such as pods by node', () => {
    const { lister } = setup();
    expect(lister.byIndex(BY_NODE_INDEX, 'n1').map((p) => p.metadata?.name)).toEqual(['db', 'web-1']);
  });

  it('sees changes made to the cache after it was created', () => {
    const { idx, lister } = setup();
    idx.deleteByKey('default/db');
    expect(lister.get('default', 'db')).toBeUndefined();
  });

  it('exposes no way to change the cache', () => {
    const { lister } = setup();
    expect(Object.keys(lister).sort()).toEqual(['byIndex', 'get', 'getByKey', 'list', 'namespace']);
  });
});
