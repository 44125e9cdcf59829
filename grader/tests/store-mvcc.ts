/**
 * Pristine tests of the exercise `store-mvcc` (part `store.mvcc`, etcd's keyIndex): a cluster
 * whose store indexes every key with the graded part, seen through the API as `kubectl get`
 * and `kubectl get --watch` would show it, then the keyIndex's edge cases one by one
 * (engine/store/key-index-suite.ts).
 *
 * Upstream behaviour checked here: every write gives the object a new metadata.resourceVersion
 * (the etcd revision of the write); a watch from a resourceVersion replays every change after it
 * in order (etcd watch from a start revision); a list with resourceVersionMatch=Exact reads the
 * collection as it was at that revision; a deleted object answers 404 NotFound (`configmaps "x"
 * not found`) while a watch sees DELETED; after etcd compacts, a watch from a compacted
 * resourceVersion gets 410 Expired `too old resource version: X (Y)` (apiserver watch cache) and
 * an exact list gets 410 `The resourceVersion for the provided list is too old.`
 * (storage/etcd3 interpretListError).
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { TypedWatchEvent } from '../../engine/client/index.ts';
import { keyIndexCases } from '../../engine/store/key-index-suite.ts';
import type { KeyIndexFactory } from '../../engine/store/key-index.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';
import { statusErrorOf } from './helpers.ts';

const NS = 'default';

function configMap(name: string, data: Record<string, string>): corev1.ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data };
}

const rvOf = (o: { metadata?: { resourceVersion?: string } }) => o.metadata?.resourceVersion ?? '';

/** `kubectl get configmaps --watch-only --resource-version=<from>`, collected until stopped. */
function watchConfigMaps(c: Cluster, from: string) {
  const events: TypedWatchEvent<corev1.ConfigMap>[] = [];
  const handle = c.client().configmaps(NS).watch({ resourceVersion: from }, (e) => events.push(e));
  return { events, handle };
}

/** One line per event: `MODIFIED settings color=blue`, or the Status of an ERROR. */
function brief(e: TypedWatchEvent<corev1.ConfigMap>): string {
  const o = e.object;
  if (o.kind === 'Status') return `${e.type} ${(o as { code?: number }).code} ${(o as { message?: string }).message}`;
  const cm = o as corev1.ConfigMap;
  return `${e.type} ${cm.metadata?.name} ${Object.entries(cm.data ?? {}).map(([k, v]) => `${k}=${v}`).join(',')}`;
}

async function bareCluster(t: CaseContext): Promise<Cluster> {
  return t.cluster();
}

const clusterCases: GradeCase<KeyIndexFactory>[] = [
  {
    name: 'every update gives the object a new resourceVersion, and a watch from an old one replays the changes in order',
    kind: 'cluster',
    async run(_part, t) {
      const c = await bareCluster(t);
      const cms = c.client('kubectl').configmaps(NS);
      t.step('created ConfigMap settings (color=red)');
      const v1 = await cms.create(configMap('settings', { color: 'red' }));
      t.step('updated it to color=green, then to color=blue');
      const v2 = await cms.update({ ...v1, data: { color: 'green' } });
      const v3 = await cms.update({ ...v2, data: { color: 'blue' } });
      expect(new Set([rvOf(v1), rvOf(v2), rvOf(v3)]).size).toBe(3);
      expect(rvOf(await cms.get('settings'))).toBe(rvOf(v3));

      t.step(`watched configmaps from resourceVersion ${rvOf(v1)} (the create)`);
      const w = watchConfigMaps(c, rvOf(v1));
      await c.clock.flush();
      w.handle.stop();
      expect(w.events.map(brief)).toEqual(['MODIFIED settings color=green', 'MODIFIED settings color=blue']);
      expect(w.events.map((e) => rvOf(e.object as corev1.ConfigMap))).toEqual([rvOf(v2), rvOf(v3)]);
    },
  },
  {
    name: 'a list at an exact old resourceVersion shows the objects as they were then',
    kind: 'cluster',
    async run(_part, t) {
      const c = await bareCluster(t);
      const cms = c.client('kubectl').configmaps(NS);
      t.step('created ConfigMap settings (color=red) and ConfigMap other (a=1)');
      const v1 = await cms.create(configMap('settings', { color: 'red' }));
      const other = await cms.create(configMap('other', { a: '1' }));
      t.step('updated settings to color=green, deleted other, created late (b=2)');
      await cms.update({ ...v1, data: { color: 'green' } });
      await cms.delete('other');
      await cms.create(configMap('late', { b: '2' }));

      t.step(`listed configmaps at resourceVersion ${rvOf(other)} (resourceVersionMatch=Exact)`);
      const then = await cms.list({ resourceVersion: rvOf(other), resourceVersionMatch: 'Exact' });
      expect(then.metadata?.resourceVersion).toBe(rvOf(other));
      expect(then.items.map((cm) => `${cm.metadata?.name} ${JSON.stringify(cm.data)} rv ${rvOf(cm)}`)).toEqual([
        `other {"a":"1"} rv ${rvOf(other)}`,
        `settings {"color":"red"} rv ${rvOf(v1)}`,
      ]);
      const now = await cms.list();
      expect(now.items.map((cm) => `${cm.metadata?.name} ${JSON.stringify(cm.data)}`)).toEqual(['late {"b":"2"}', 'settings {"color":"green"}']);
    },
  },
  {
    name: 'a deleted object is gone from get (404 NotFound) and list, but a watch started before the delete sees DELETED',
    kind: 'cluster',
    async run(_part, t) {
      const c = await bareCluster(t);
      const cms = c.client('kubectl').configmaps(NS);
      t.step('created ConfigMap settings (color=red)');
      const created = await cms.create(configMap('settings', { color: 'red' }));
      t.step(`watched configmaps from resourceVersion ${rvOf(created)}`);
      const w = watchConfigMaps(c, rvOf(created));
      t.step('deleted settings');
      await cms.delete('settings');
      await c.clock.flush();
      w.handle.stop();
      expect(w.events.map(brief)).toEqual(['DELETED settings color=red']);

      t.step('got settings');
      const err = await statusErrorOf(cms.get('settings'));
      expect([err.code, err.reason, err.message]).toEqual([404, 'NotFound', 'configmaps "settings" not found']);
      expect((await cms.list()).items).toEqual([]);

      t.step('created settings again (color=blue)');
      const again = await cms.create(configMap('settings', { color: 'blue' }));
      expect(again.metadata?.uid).not.toBe(created.metadata?.uid);
      expect((await cms.get('settings')).data).toEqual({ color: 'blue' });
    },
  },
  {
    name: 'after compaction, a watch from a compacted resourceVersion gets 410 Expired and an exact list 410; current objects still read back',
    kind: 'cluster',
    async run(_part, t) {
      const c = await bareCluster(t);
      const cms = c.client('kubectl').configmaps(NS);
      t.step('created ConfigMaps a and b, updated a (n=2)');
      const a1 = await cms.create(configMap('a', { n: '1' }));
      const b = await cms.create(configMap('b', { n: '1' }));
      const a2 = await cms.update({ ...a1, data: { n: '2' } });
      const compactAt = c.kv.currentRevision();
      t.step(`etcd compacted at revision ${compactAt}`);
      await c.kv.compact(compactAt);

      t.step(`watched configmaps from resourceVersion ${rvOf(a1)}`);
      const w = watchConfigMaps(c, rvOf(a1));
      await w.handle.done;
      expect(w.events.map((e) => e.type)).toEqual(['ERROR']);
      expect(w.events[0]?.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired', message: `too old resource version: ${rvOf(a1)} (${compactAt - 1})` });

      t.step(`listed configmaps at resourceVersion ${rvOf(a1)} (resourceVersionMatch=Exact)`);
      const err = await statusErrorOf(cms.list({ resourceVersion: rvOf(a1), resourceVersionMatch: 'Exact' }));
      expect([err.code, err.reason, err.message]).toEqual([410, 'Expired', 'The resourceVersion for the provided list is too old.']);

      t.step('got a and b');
      expect([(await cms.get('a')).data, rvOf(await cms.get('a'))]).toEqual([{ n: '2' }, rvOf(a2)]);
      expect([(await cms.get('b')).data, rvOf(await cms.get('b'))]).toEqual([{ n: '1' }, rvOf(b)]);
      t.step('updated a (n=3), watching from the compaction point');
      const w2 = watchConfigMaps(c, String(compactAt));
      await cms.update({ ...a2, data: { n: '3' } });
      await c.clock.flush();
      w2.handle.stop();
      expect(w2.events.map(brief)).toEqual(['MODIFIED a n=3']);
    },
  },
];

const partCases = keyIndexCases.map(
  (c): GradeCase<KeyIndexFactory> => ({ name: c.name, kind: 'part', run: (factory) => c.run(factory) }),
);

export default defineExerciseTests({
  part: 'store.mvcc',
  load: (m) => exportOf<KeyIndexFactory>(m, 'newKeyIndex', 'function'),
  cases: [...clusterCases, ...partCases],
});
