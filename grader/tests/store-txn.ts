/**
 * Pristine tests of the exercise `store-txn` (part `store.txn`, etcd's txn guard): a cluster whose
 * store decides every txn compare with the graded part, seen through the API as two kubectl users
 * racing each other would see it, then the compare rules one by one
 * (engine/store/txn-compare-suite.ts).
 *
 * The apiserver writes every object with one guarded txn (storage/etcd3 store.go): create is
 * `CREATE(key) = 0` → put, else 409 AlreadyExists (`configmaps "x" already exists`); update and
 * delete are `MOD(key) = the revision read` → write, else re-read and retry, and a request whose
 * resourceVersion is no longer the stored one gets 409 Conflict (`Operation cannot be fulfilled on
 * configmaps "x": the object has been modified; please apply your changes to the latest version
 * and try again`). Delete preconditions (rest.BeforeDelete) answer 409 Conflict naming the kind.
 */
import { expect } from 'vitest';
import { CONFLICT_MODIFIED, isStatusError } from '../../engine/api/errors.ts';
import type { corev1 } from '../../engine/api/types.ts';
import type { TxnComparePart } from '../../engine/store/txn-compare.ts';
import { txnCompareCases } from '../../engine/store/txn-compare-suite.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';
import { statusErrorOf } from './helpers.ts';

const NS = 'default';

function configMap(name: string, data: Record<string, string>): corev1.ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data };
}

/** The outcome of each call of a race, as `ok` or `<code> <reason>: <message>`. */
async function race(calls: Promise<unknown>[]): Promise<string[]> {
  const settled = await Promise.allSettled(calls);
  return settled.map((s) => {
    if (s.status === 'fulfilled') return 'ok';
    const e: unknown = s.reason;
    return isStatusError(e) ? `${e.code} ${e.reason}: ${e.message}` : `not a Status error: ${String(e)}`;
  });
}

const clusterCases: GradeCase<TxnComparePart>[] = [
  {
    name: 'two clients update a ConfigMap from the same read: the second gets 409 Conflict and the first one\'s change stays',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster();
      t.step('alice created ConfigMap settings (color=red)');
      await c.client('alice').configmaps(NS).create(configMap('settings', { color: 'red' }));
      t.step('alice and bob each got settings');
      const seenByAlice = await c.client('alice').configmaps(NS).get('settings');
      const seenByBob = await c.client('bob').configmaps(NS).get('settings');
      t.step('alice updated it to color=green, then bob updated his copy to color=blue');
      await c.client('alice').configmaps(NS).update({ ...seenByAlice, data: { color: 'green' } });
      const err = await statusErrorOf(c.client('bob').configmaps(NS).update({ ...seenByBob, data: { color: 'blue' } }));
      expect([err.code, err.reason, err.message]).toEqual([409, 'Conflict', `Operation cannot be fulfilled on configmaps "settings": ${CONFLICT_MODIFIED}`]);
      expect((await c.client().configmaps(NS).get('settings')).data).toEqual({ color: 'green' });
    },
  },
  {
    name: 'two updates sent at the same time from the same resourceVersion: exactly one wins, the other gets 409 Conflict',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster();
      const cms = c.client().configmaps(NS);
      t.step('created ConfigMap settings (color=red) and got it');
      const seen = await cms.create(configMap('settings', { color: 'red' }));
      t.step('alice (color=green) and bob (color=blue) sent their updates at the same time');
      const outcomes = await race([
        c.client('alice').configmaps(NS).update({ ...seen, data: { color: 'green' } }),
        c.client('bob').configmaps(NS).update({ ...seen, data: { color: 'blue' } }),
      ]);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      expect(outcomes.filter((o) => o !== 'ok')).toEqual([`409 Conflict: Operation cannot be fulfilled on configmaps "settings": ${CONFLICT_MODIFIED}`]);
      const winner = outcomes[0] === 'ok' ? 'green' : 'blue';
      const now = await cms.get('settings');
      expect(now.data).toEqual({ color: winner });
      expect(Number(now.metadata?.resourceVersion)).toBeGreaterThan(Number(seen.metadata?.resourceVersion));
    },
  },
  {
    name: 'creating a name that exists gets 409 AlreadyExists and leaves the object as it was',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster();
      const cms = c.client('kubectl').configmaps(NS);
      t.step('created ConfigMap settings (color=red)');
      const first = await cms.create(configMap('settings', { color: 'red' }));
      t.step('created ConfigMap settings again (color=blue)');
      const err = await statusErrorOf(cms.create(configMap('settings', { color: 'blue' })));
      expect([err.code, err.reason, err.message]).toEqual([409, 'AlreadyExists', 'configmaps "settings" already exists']);
      const now = await cms.get('settings');
      expect([now.data, now.metadata?.uid, now.metadata?.resourceVersion]).toEqual([{ color: 'red' }, first.metadata?.uid, first.metadata?.resourceVersion]);
      t.step('created ConfigMap other (a=1)');
      expect((await cms.create(configMap('other', { a: '1' }))).data).toEqual({ a: '1' });
    },
  },
  {
    name: 'two creates of one name at the same time: exactly one is created, the other gets 409 AlreadyExists',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster();
      t.step('alice (color=green) and bob (color=blue) created ConfigMap settings at the same time');
      const outcomes = await race([
        c.client('alice').configmaps(NS).create(configMap('settings', { color: 'green' })),
        c.client('bob').configmaps(NS).create(configMap('settings', { color: 'blue' })),
      ]);
      expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
      expect(outcomes.filter((o) => o !== 'ok')).toEqual(['409 AlreadyExists: configmaps "settings" already exists']);
      const winner = outcomes[0] === 'ok' ? 'green' : 'blue';
      expect((await c.client().configmaps(NS).list()).items.map((cm) => `${cm.metadata?.name} ${cm.data?.color}`)).toEqual([`settings ${winner}`]);
    },
  },
  {
    name: 'a delete whose uid or resourceVersion precondition does not match gets 409 Conflict; with matching ones it deletes',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster();
      const cms = c.client('kubectl').configmaps(NS);
      t.step('created ConfigMap settings (color=red), then updated it (color=green)');
      const v1 = await cms.create(configMap('settings', { color: 'red' }));
      const v2 = await cms.update({ ...v1, data: { color: 'green' } });
      const uid = v1.metadata?.uid ?? '';

      t.step('deleted settings with precondition uid=not-the-uid');
      const wrongUid = await statusErrorOf(cms.delete('settings', { preconditions: { uid: 'not-the-uid' } }));
      expect([wrongUid.code, wrongUid.reason, wrongUid.message]).toEqual([
        409,
        'Conflict',
        `Operation cannot be fulfilled on ConfigMap "settings": the UID in the precondition (not-the-uid) does not match the UID in record (${uid}). The object might have been deleted and then recreated`,
      ]);
      t.step(`deleted settings with precondition resourceVersion=${v1.metadata?.resourceVersion} (before the update)`);
      const staleRv = await statusErrorOf(cms.delete('settings', { preconditions: { resourceVersion: v1.metadata?.resourceVersion } }));
      expect([staleRv.code, staleRv.reason, staleRv.message]).toEqual([
        409,
        'Conflict',
        `Operation cannot be fulfilled on ConfigMap "settings": the ResourceVersion in the precondition (${v1.metadata?.resourceVersion}) does not match the ResourceVersion in record (${v2.metadata?.resourceVersion}). The object might have been modified`,
      ]);
      expect((await cms.get('settings')).data).toEqual({ color: 'green' });

      t.step('deleted settings with its current uid and resourceVersion');
      await cms.delete('settings', { preconditions: { uid, resourceVersion: v2.metadata?.resourceVersion } });
      const gone = await statusErrorOf(cms.get('settings'));
      expect([gone.code, gone.reason]).toEqual([404, 'NotFound']);
    },
  },
];

const partCases = txnCompareCases.map(
  (c): GradeCase<TxnComparePart> => ({ name: c.name, kind: 'part', run: (part) => c.run(part) }),
);

export default defineExerciseTests({
  part: 'store.txn',
  load: (m) => exportOf<TxnComparePart>(m, 'txnCompare', 'object'),
  cases: [...clusterCases, ...partCases],
});
