/**
 * The ReplicaSet controller on a real (virtual-clock) cluster, with fake node agents standing in
 * for the scheduler and kubelets. Everything is observed through the API.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { appsv1, corev1 } from '../../api/types.ts';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import { manageReplicas } from '../../../solutions/controllers/replicaset/manage-replicas.ts';
import { ReplicaSetController, replicaSetController } from './replica-set-controller.ts';
import { controllerContext } from './testing/index.ts';
import type { ApiServerInterface } from '../../apiserver/types.ts';
import { isConflict } from '../../api/errors.ts';
import { createClient, createSharedInformerFactory } from '../../client/index.ts';
import { FakeNodeAgents, runController } from './testing/index.ts';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

function replicaSet(name: string, replicas: number, extra: Partial<appsv1.ReplicaSetSpec> = {}): appsv1.ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
      ...extra,
    },
  };
}

async function setup(seed: string, opts: { nodes?: string[]; ready?: (p: corev1.Pod) => boolean; agents?: boolean } = {}) {
  const cluster: Cluster = await createCluster({ seed });
  cleanup.push(() => cluster.close());
  let agents: FakeNodeAgents | undefined;
  if (opts.agents !== false) {
    agents = new FakeNodeAgents(cluster, { nodes: opts.nodes ?? ['node-1', 'node-2', 'node-3'], ready: opts.ready });
    await agents.start();
    cleanup.push(() => agents!.stop());
  }
  const rsc = await runController(cluster, 'replicaset-controller', replicaSetController({ manageReplicas }));
  cleanup.push(() => rsc.stop());
  const admin = cluster.client('kubectl');
  const pods = async (sel = '') => (await admin.pods('default').list({ labelSelector: sel })).items as corev1.Pod[];
  const rsStatus = async (name: string) => (await admin.replicasets('default').get(name)).status ?? ({} as appsv1.ReplicaSetStatus);
  return { cluster, admin, agents, rsc, pods, rsStatus };
}

describe('ReplicaSet controller', () => {
  it('creates the missing pods named <rs>-<5 chars>, owned by the ReplicaSet, with SuccessfulCreate events and a full status', async () => {
    const { cluster, admin, pods, rsStatus, rsc } = await setup('rs-create');
    await admin.replicasets('default').create(replicaSet('web', 3));
    expect(await cluster.clock.runUntil(async () => (await rsStatus('web')).availableReplicas === 3)).toBe(true);

    const list = await pods('app=web');
    expect(list).toHaveLength(3);
    const rs = await admin.replicasets('default').get('web');
    for (const p of list) {
      expect(p.metadata?.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata?.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata?.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(rs.status).toMatchObject({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });

    await rsc.ctx.recorder.flush();
    const events = (await admin.events('default').list()).items.filter((e) => e.reason === 'SuccessfulCreate');
    expect(events.map((e) => e.message).sort()).toEqual(list.map((p) => `Created pod: ${p.metadata?.name}`).sort());
    expect(events.every((e) => e.involvedObject.kind === 'ReplicaSet' && e.source?.component === 'replicaset-controller')).toBe(true);
  });

  it('repeated changes to the ReplicaSet while it creates pods never create extra pods', async () => {
    const { cluster, admin, rsStatus } = await setup('rs-expect');
    await admin.replicasets('default').create(replicaSet('web', 5));
    // Poke the ReplicaSet repeatedly while it works: every poke triggers a sync.
    for (let i = 0; i < 5; i++) {
      await admin.replicasets('default').patch('web', 'merge', { metadata: { annotations: { poke: String(i) } } });
    }
    expect(await cluster.clock.runUntil(async () => (await rsStatus('web')).readyReplicas === 5)).toBe(true);
    await cluster.clock.advance(60_000);
    const creates = cluster.trace.entries().filter((e) => e.user === 'replicaset-controller' && e.resource === 'pods' && e.verb === 'create');
    expect(creates).toHaveLength(5);
  });

  it('creates in slow-start batches: a create the apiserver refuses stops the sync after the first batch and sets ReplicaFailure', async () => {
    const { cluster, admin } = await setup('rs-slowstart', { agents: false });
    await admin.namespaces().create({ metadata: { name: 'doomed' } });
    await admin.replicasets('doomed').create({ ...replicaSet('web', 0), metadata: { name: 'web', namespace: 'doomed' } });
    await cluster.clock.runUntil(async () => (await admin.replicasets('doomed').get('web')).status?.observedGeneration === 1);
    // A terminating namespace (no namespace controller here) forbids new pods.
    await admin.namespaces().delete('doomed');
    const rs = await admin.replicasets('doomed').get('web');
    await admin.replicasets('doomed').update({ ...rs, spec: { ...rs.spec!, replicas: 10 } });
    expect(
      await cluster.clock.runUntil(async () => (await admin.replicasets('doomed').get('web')).status?.conditions?.some((c) => c.type === 'ReplicaFailure') ?? false),
    ).toBe(true);
    const failed = await admin.replicasets('doomed').get('web');
    expect(failed.status?.conditions?.[0]).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
    // Only the first batch (one pod) was attempted in that sync, not ten: the writes up to the
    // status that reports the failure hold exactly one (refused) create.
    const writes = cluster.trace.entries().filter((e) => e.user === 'replicaset-controller');
    const reported = writes.findIndex((e) => e.resource === 'replicasets' && e.subresource === 'status' && e.namespace === 'doomed' && e !== writes[0]);
    const creates = writes.slice(0, reported).filter((e) => e.resource === 'pods' && e.verb === 'create');
    expect(creates.map((e) => e.code)).toEqual([403]);
  });

  it('adopts a matching orphan pod instead of creating one, and releases a pod whose labels stop matching', async () => {
    const { cluster, admin, pods, rsStatus } = await setup('rs-adopt');
    await admin.pods('default').create({ metadata: { name: 'orphan', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } });
    await admin.replicasets('default').create(replicaSet('web', 2));
    expect(await cluster.clock.runUntil(async () => (await rsStatus('web')).readyReplicas === 2)).toBe(true);
    const owned = await pods('app=web');
    expect(owned).toHaveLength(2);
    const orphan = await admin.pods('default').get('orphan');
    expect(orphan.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web', controller: true });

    await admin.pods('default').update({ ...orphan, metadata: { ...orphan.metadata, labels: { app: 'debug' } } });
    expect(await cluster.clock.runUntil(async () => (await pods('app=web')).length === 2 && ((await admin.pods('default').get('orphan')).metadata?.ownerReferences?.length ?? 0) === 0)).toBe(true);
    expect((await admin.pods('default').get('orphan')).metadata?.ownerReferences ?? []).toEqual([]);
  });

  it('scales down in the upstream order: unassigned and not-ready pods go first, ready ones on crowded nodes next', async () => {
    // node-3 never makes pods ready; the agents bind round robin over three nodes.
    const { cluster, admin, pods, rsStatus, agents, rsc } = await setup('rs-scale-down', { ready: (p) => p.spec?.nodeName !== 'node-3' });
    await admin.replicasets('default').create(replicaSet('web', 6));
    expect(await cluster.clock.runUntil(async () => (await rsStatus('web')).readyReplicas === 4 && (await rsStatus('web')).replicas === 6)).toBe(true);
    const before = await pods('app=web');
    const onNode = (n: string) => before.filter((p) => p.spec?.nodeName === n).map((p) => p.metadata!.name!);
    expect(onNode('node-3')).toHaveLength(2);

    // Scale to 3: the two not-ready pods on node-3 go, then one ready pod (from node-1 or node-2,
    // each holding two).
    await agents!.stop();
    const rs = await admin.replicasets('default').get('web');
    await admin.replicasets('default').update({ ...rs, spec: { ...rs.spec!, replicas: 3 } });
    await cluster.clock.runUntil(async () => (await rsStatus('web')).replicas === 3);
    const deleted = cluster.trace
      .entries()
      .filter((e) => e.user === 'replicaset-controller' && e.resource === 'pods' && e.verb === 'delete')
      .map((e) => e.name!);
    expect(deleted).toHaveLength(3);
    expect(deleted).toEqual(expect.arrayContaining(onNode('node-3')));
    const kept = before.map((p) => p.metadata!.name!).filter((n) => !deleted.includes(n));
    expect(kept.filter((n) => onNode('node-1').includes(n) || onNode('node-2').includes(n))).toHaveLength(3);
    await rsc.ctx.recorder.flush();
    const events = (await admin.events('default').list()).items.filter((e) => e.reason === 'SuccessfulDelete');
    expect(events.map((e) => e.message).sort()).toEqual(deleted.map((n) => `Deleted pod: ${n}`).sort());
  });

  it('honours controller.kubernetes.io/pod-deletion-cost when scaling down', async () => {
    const { cluster, admin, pods, rsStatus } = await setup('rs-cost');
    await admin.replicasets('default').create(replicaSet('web', 3));
    expect(await cluster.clock.runUntil(async () => (await rsStatus('web')).availableReplicas === 3)).toBe(true);
    const [a, b, c] = await pods('app=web');
    const cost = async (p: corev1.Pod, v: string) => {
      const fresh = await admin.pods('default').get(p.metadata!.name!);
      await admin.pods('default').update({ ...fresh, metadata: { ...fresh.metadata, annotations: { 'controller.kubernetes.io/pod-deletion-cost': v } } });
    };
    await cost(a!, '100');
    await cost(b!, '-5');
    await cost(c!, '50');
    const rs = await admin.replicasets('default').get('web');
    await admin.replicasets('default').update({ ...rs, spec: { ...rs.spec!, replicas: 1 } });
    expect(await cluster.clock.runUntil(async () => (await pods('app=web')).length === 1)).toBe(true);
    expect((await pods('app=web')).map((p) => p.metadata?.name)).toEqual([a!.metadata?.name]);
  });

  it('counts a pod available only minReadySeconds after it became ready', async () => {
    const { cluster, admin, rsStatus } = await setup('rs-minready');
    await admin.replicasets('default').create(replicaSet('web', 2, { minReadySeconds: 30 }));
    expect(await cluster.clock.runUntil(async () => (await rsStatus('web')).readyReplicas === 2)).toBe(true);
    expect((await rsStatus('web')).availableReplicas).toBe(0);
    await cluster.clock.advance(29_000);
    expect((await rsStatus('web')).availableReplicas).toBe(0);
    expect(await cluster.clock.runUntil(async () => (await rsStatus('web')).availableReplicas === 2, { timeoutMs: 5_000 })).toBe(true);
  });

  it('replaces a pod that is deleted', async () => {
    const { cluster, admin, pods, rsStatus } = await setup('rs-replace');
    await admin.replicasets('default').create(replicaSet('web', 2));
    expect(await cluster.clock.runUntil(async () => (await rsStatus('web')).readyReplicas === 2)).toBe(true);
    const [victim] = await pods('app=web');
    await admin.pods('default').delete(victim!.metadata!.name!);
    expect(
      await cluster.clock.runUntil(async () => {
        const now = await pods('app=web');
        return now.length === 2 && !now.some((p) => p.metadata?.name === victim!.metadata?.name) && (await rsStatus('web')).readyReplicas === 2;
      }),
    ).toBe(true);
  });
  it('a second sync while its informer lags behind its own creates creates nothing more (expectations)', async () => {
    const cluster = await createCluster({ seed: 'rs-expect-lag' });
    cleanup.push(() => cluster.close());
    // The controller's informers watch through a connection whose events can be held back.
    let held: Array<() => void> | undefined;
    const inner = cluster.apiserver;
    const laggy: ApiServerInterface = {
      create: (...a) => inner.create(...a),
      get: (...a) => inner.get(...a),
      list: (...a) => inner.list(...a),
      update: (...a) => inner.update(...a),
      patch: (...a) => inner.patch(...a),
      delete: (...a) => inner.delete(...a),
      deleteCollection: (...a) => inner.deleteCollection(...a),
      watch: (ref, options, onEvent) => inner.watch(ref, options, (e) => (held ? held.push(() => onEvent(e)) : onEvent(e))),
    };
    const base = controllerContext(cluster, 'replicaset-controller');
    const ctx = { ...base, informers: createSharedInformerFactory(createClient(laggy, { user: 'replicaset-controller' }), { clock: cluster.clock }) };
    const rsc = new ReplicaSetController(ctx, { manageReplicas });
    ctx.informers.start();
    await ctx.informers.waitForCacheSync();
    cleanup.push(() => ctx.informers.stop());
    await cluster.client('kubectl').replicasets('default').create(replicaSet('web', 4));
    await cluster.clock.runUntil(() => ctx.informers.replicasets().lister().get('default', 'web') !== undefined);

    // A stale cache also makes the status write 409 (the work queue would retry): not the point here.
    const sync = () => rsc.sync('default/web').catch((err) => expect(isConflict(err)).toBe(true));
    held = [];
    await sync();
    await sync(); // the cache still shows no pods
    const creates = () => cluster.trace.entries().filter((e) => e.user === 'replicaset-controller' && e.resource === 'pods' && e.verb === 'create');
    expect(creates()).toHaveLength(4);
    for (const deliver of held) deliver();
    held = undefined;
    await cluster.clock.flush();
    await sync();
    expect(creates()).toHaveLength(4);
    expect(ctx.informers.pods().lister().list()).toHaveLength(4);
    await base.recorder.flush();
  });
});
