/**
 * The Deployment controller with the ReplicaSet controller on a virtual-clock cluster; fake node
 * agents bind pods and make them Running/Ready (engine/controllers/replicaset/testing). Every
 * assertion goes through the API, as a kubectl user would see it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { appsv1, corev1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import { manageReplicas } from '../../../solutions/controllers/replicaset/manage-replicas.ts';
import { rollingUpdate } from '../../../solutions/controllers/deployment/rolling-update.ts';
import { replicaSetController } from '../replicaset/replica-set-controller.ts';
import { FakeNodeAgents, runController } from '../replicaset/testing/index.ts';
import { deploymentController } from './deployment-controller.ts';
import { computeHash } from './pod-template-hash.ts';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

const BROKEN = 'nginx:does-not-start';

/**
 * Mirrors the default namespace's pods (a list, then a watch from its resourceVersion) and calls
 * `onChange` after each change is applied. The watch is stopped after the test.
 */
async function watchPods(admin: Client, onChange: (pods: ReadonlyMap<string, corev1.Pod>) => void): Promise<ReadonlyMap<string, corev1.Pod>> {
  const pods = new Map<string, corev1.Pod>();
  for (const p of (await admin.pods('default').list()).items as corev1.Pod[]) pods.set(p.metadata!.name!, p);
  const rsv = (await admin.pods('default').list()).metadata?.resourceVersion;
  const watch = admin.pods('default').watch({ resourceVersion: rsv }, (ev) => {
    if (ev.type === 'BOOKMARK' || ev.type === 'ERROR') return;
    const pod = ev.object as corev1.Pod;
    if (ev.type === 'DELETED') pods.delete(pod.metadata!.name!);
    else pods.set(pod.metadata!.name!, pod);
    onChange(pods);
  });
  cleanup.push(async () => watch.stop());
  return pods;
}

function deployment(name: string, replicas: number, spec: Partial<appsv1.DeploymentSpec> = {}, image = 'nginx:1.27'): appsv1.Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image }] } },
      ...spec,
    },
  };
}

async function setup(seed: string) {
  const cluster: Cluster = await createCluster({ seed });
  cleanup.push(() => cluster.close());
  // Pods of the BROKEN image run but never become ready.
  const agents = new FakeNodeAgents(cluster, { nodes: ['node-1', 'node-2', 'node-3'], ready: (p) => p.spec?.containers?.[0]?.image !== BROKEN });
  await agents.start();
  cleanup.push(() => agents.stop());
  const rsc = await runController(cluster, 'replicaset-controller', replicaSetController({ manageReplicas }));
  cleanup.push(() => rsc.stop());
  const dc = await runController(cluster, 'deployment-controller', deploymentController({ rollingUpdate }));
  cleanup.push(() => dc.stop());
  const admin = cluster.client('kubectl');
  const deployments = admin.deployments('default');
  const get = (name: string) => deployments.get(name);
  const replicaSets = async (name: string) =>
    ((await admin.replicasets('default').list()).items as appsv1.ReplicaSet[])
      .filter((rs) => rs.metadata?.ownerReferences?.some((r) => r.kind === 'Deployment' && r.name === name))
      .sort((a, b) => Number(a.metadata?.annotations?.['deployment.kubernetes.io/revision']) - Number(b.metadata?.annotations?.['deployment.kubernetes.io/revision']));
  const setImage = async (name: string, image: string) => {
    await deployments.patch(name, 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } });
  };
  const condition = async (name: string, type: string) => (await get(name)).status?.conditions?.find((c) => c.type === type);
  /** Rolled out: status current, all replicas updated and available, old ones gone. */
  const rolledOut = (name: string) => async () => {
    const d = await get(name);
    const s = d.status;
    const r = d.spec?.replicas ?? 1;
    return (
      (s?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0) &&
      s?.updatedReplicas === r &&
      s?.replicas === r &&
      s?.availableReplicas === r &&
      s?.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable') === true
    );
  };
  const events = async (reason: string) => {
    await dc.ctx.recorder.flush();
    return ((await admin.events('default').list()).items as corev1.Event[]).filter((e) => e.reason === reason).map((e) => e.message ?? '');
  };
  return { cluster, admin, deployments, get, replicaSets, setImage, condition, rolledOut, events, agents };
}

describe('Deployment controller', () => {
  it('creates a ReplicaSet <name>-<pod-template-hash> that brings up every replica, and reports it', async () => {
    const { cluster, deployments, get, replicaSets, rolledOut, events } = await setup('dep-create');
    await deployments.create(deployment('web', 3));
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);

    const [rs] = await replicaSets('web');
    const hash = rs!.metadata?.labels?.['pod-template-hash'];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(rs!.metadata?.name).toBe(`web-${hash}`);
    expect(rs!.spec?.selector?.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.spec?.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata?.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs!.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });

    const d = await get('web');
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status?.unavailableReplicas ?? 0).toBe(0);
    expect(d.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'True',
      reason: 'NewReplicaSetAvailable',
      message: `ReplicaSet "web-${hash}" has successfully progressed.`,
    });
    expect(await events('ScalingReplicaSet')).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
  });

  it('rolls out a new template within maxSurge and maxUnavailable at every intermediate state', async () => {
    const { cluster, admin, deployments, setImage, rolledOut, replicaSets, events } = await setup('dep-rolling');
    const replicas = 10; // 25% / 25% → maxSurge 3 (up), maxUnavailable 2 (down)
    await deployments.create(deployment('web', replicas));
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);

    // Watch every pod change and check the two bounds on each one.
    const violations: string[] = [];
    let changes = 0;
    let maxActive = 0;
    let minAvailable = Infinity;
    await watchPods(admin, (pods) => {
      changes++;
      const active = [...pods.values()].filter((p) => !p.metadata?.deletionTimestamp);
      const available = active.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      maxActive = Math.max(maxActive, active.length);
      minAvailable = Math.min(minAvailable, available);
      if (active.length > replicas + 3) violations.push(`${active.length} pods > ${replicas} + 3`);
      if (available < replicas - 2) violations.push(`${available} available < ${replicas} - 2`);
    });

    await setImage('web', 'nginx:1.28');
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    expect(violations).toEqual([]);
    expect(changes).toBeGreaterThan(20);
    // The rollout used its budget: the whole surge, and some unavailability.
    expect(maxActive).toBe(13);
    expect(minAvailable).toBeLessThan(10);

    const [old, current] = await replicaSets('web');
    expect(old!.spec?.replicas).toBe(0);
    expect(current!.spec?.replicas).toBe(10);
    expect(current!.spec?.template?.spec?.containers?.[0]?.image).toBe('nginx:1.28');
    const scaling = await events('ScalingReplicaSet');
    expect(scaling).toContain(`Scaled up replica set ${current!.metadata?.name} from 0 to 3`);
    expect(scaling).toContain(`Scaled down replica set ${old!.metadata?.name} from 10 to 8`);
  });

  it('a template equal to an old ReplicaSet\'s (rollout undo) brings that ReplicaSet back with the next revision', async () => {
    const { cluster, get, setImage, rolledOut, replicaSets } = await setup('dep-rollback');
    await (await setup2(cluster)).create;
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    await setImage('web', 'nginx:1.28');
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    const [v1Before] = await replicaSets('web');

    await setImage('web', 'nginx:1.27');
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    const rss = await replicaSets('web');
    expect(rss).toHaveLength(2); // no third ReplicaSet: the first one came back
    const v1 = rss.find((rs) => rs.metadata?.uid === v1Before!.metadata?.uid)!;
    expect(v1.spec?.replicas).toBe(3);
    expect(v1.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(v1.metadata?.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect((await get('web')).metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(rss.find((rs) => rs !== v1)!.spec?.replicas).toBe(0);

    async function setup2(c: Cluster) {
      return { create: c.client('kubectl').deployments('default').create(deployment('web', 3)) };
    }
  });

  it('reports ProgressDeadlineExceeded when a rollout makes no progress for progressDeadlineSeconds, and keeps the old pods', async () => {
    const { cluster, deployments, setImage, rolledOut, condition, replicaSets } = await setup('dep-deadline');
    await deployments.create(deployment('web', 3, { progressDeadlineSeconds: 60 }));
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    await setImage('web', BROKEN);
    expect(await cluster.clock.runUntil(async () => (await condition('web', 'Progressing'))?.reason === 'ReplicaSetUpdated')).toBe(true);
    const started = cluster.clock.now();

    expect(await cluster.clock.runUntil(async () => (await condition('web', 'Progressing'))?.reason === 'ProgressDeadlineExceeded', { timeoutMs: 120_000 })).toBe(true);
    const waited = cluster.clock.now() - started;
    expect(waited).toBeGreaterThanOrEqual(59_000);
    expect(waited).toBeLessThan(70_000);
    const [old, stuck] = await replicaSets('web');
    expect(await condition('web', 'Progressing')).toMatchObject({ status: 'False', message: `ReplicaSet "${stuck!.metadata?.name}" has timed out progressing.` });
    // maxUnavailable 25% of 3 rounds down to 0: all old pods stay; maxSurge gives one new pod.
    expect(old!.spec?.replicas).toBe(3);
    expect(stuck!.spec?.replicas).toBe(1);
    expect(await condition('web', 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
  });

  it('keeps at most revisionHistoryLimit old ReplicaSets, deleting the oldest revisions', async () => {
    const { cluster, deployments, setImage, rolledOut, replicaSets } = await setup('dep-history');
    await deployments.create(deployment('web', 2, { revisionHistoryLimit: 1 }));
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    for (const image of ['nginx:1.28', 'nginx:1.29', 'nginx:1.30']) {
      await setImage('web', image);
      expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    }
    expect(await cluster.clock.runUntil(async () => (await replicaSets('web')).length === 2)).toBe(true);
    const rss = await replicaSets('web');
    expect(rss.map((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'])).toEqual(['3', '4']);
    expect(rss.map((rs) => rs.spec?.template?.spec?.containers?.[0]?.image)).toEqual(['nginx:1.29', 'nginx:1.30']);
  });

  it('Recreate removes every old pod before the first new one is created', async () => {
    const { cluster, admin, deployments, setImage, rolledOut } = await setup('dep-recreate');
    await deployments.create(deployment('web', 3, { strategy: { type: 'Recreate' } }));
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    let overlap = false;
    const pods = await watchPods(admin, (current) => {
      const images = new Set([...current.values()].map((p) => p.spec?.containers?.[0]?.image));
      if (images.size > 1) overlap = true;
    });
    await setImage('web', 'nginx:1.28');
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    expect(overlap).toBe(false);
    expect([...pods.values()].every((p) => p.spec?.containers?.[0]?.image === 'nginx:1.28')).toBe(true);
  });

  it('a paused Deployment does not roll out template changes until resumed', async () => {
    const { cluster, deployments, setImage, rolledOut, replicaSets, condition } = await setup('dep-paused');
    await deployments.create(deployment('web', 2));
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    await deployments.patch('web', 'merge', { spec: { paused: true } });
    await setImage('web', 'nginx:1.28');
    await cluster.clock.advance(30_000);
    expect(await replicaSets('web')).toHaveLength(1);
    expect(await condition('web', 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });

    await deployments.patch('web', 'merge', { spec: { paused: false } });
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    const rss = await replicaSets('web');
    expect(rss).toHaveLength(2);
    expect(rss[1]!.spec?.template?.spec?.containers?.[0]?.image).toBe('nginx:1.28');
  });

  it('scaling during a stuck rollout shares the new replicas among the ReplicaSets in proportion', async () => {
    const { cluster, deployments, setImage, rolledOut, replicaSets, events } = await setup('dep-proportional');
    await deployments.create(deployment('web', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    await setImage('web', BROKEN);
    // Stuck at old 8 (available) + new 5 (never ready): 13 = 10 + maxSurge.
    expect(await cluster.clock.runUntil(async () => (await replicaSets('web')).map((rs) => rs.spec?.replicas).join() === '8,5')).toBe(true);
    await cluster.clock.advance(10_000);
    expect((await replicaSets('web')).map((rs) => rs.spec?.replicas)).toEqual([8, 5]);

    await deployments.patch('web', 'merge', { spec: { replicas: 20 } });
    // 23 allowed − 13 = 10 more: old gets round(8·23/13) − 8 = 6, new round(5·23/13) − 5 = 4.
    expect(await cluster.clock.runUntil(async () => (await replicaSets('web')).map((rs) => rs.spec?.replicas).join() === '14,9')).toBe(true);
    const [old, cur] = await replicaSets('web');
    const scaling = await events('ScalingReplicaSet');
    expect(scaling).toContain(`Scaled up replica set ${old!.metadata?.name} from 8 to 14`);
    expect(scaling).toContain(`Scaled up replica set ${cur!.metadata?.name} from 5 to 9`);
    expect(old!.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('20');
    expect(old!.metadata?.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('23');
  });
  it('changing only spec.replicas scales the current ReplicaSet: a rollout happens only when the template changes', async () => {
    const { cluster, deployments, get, rolledOut, replicaSets, events } = await setup('dep-scale-only');
    await deployments.create(deployment('web', 2));
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    await deployments.patch('web', 'merge', { spec: { replicas: 5 }, metadata: { labels: { team: 'a' } } });
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    const rss = await replicaSets('web');
    expect(rss).toHaveLength(1);
    expect(rss[0]!.spec?.replicas).toBe(5);
    expect(rss[0]!.metadata?.annotations?.['deployment.kubernetes.io/desired-replicas']).toBe('5');
    expect((await get('web')).metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(await events('ScalingReplicaSet')).toContain(`Scaled up replica set ${rss[0]!.metadata?.name} from 2 to 5`);
  });

  it('with the defaults (progressDeadlineSeconds 600) a stuck rollout is reported after ten minutes, not before', async () => {
    const { cluster, deployments, setImage, rolledOut, condition, get } = await setup('dep-default-deadline');
    await deployments.create(deployment('web', 2));
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    expect((await get('web')).spec).toMatchObject({ progressDeadlineSeconds: 600, revisionHistoryLimit: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } });
    await setImage('web', BROKEN);
    await cluster.clock.advance(590_000);
    expect((await condition('web', 'Progressing'))?.status).toBe('True');
    expect(await cluster.clock.runUntil(async () => (await condition('web', 'Progressing'))?.reason === 'ProgressDeadlineExceeded', { timeoutMs: 30_000 })).toBe(true);
  });

  it('a name collision with a foreign ReplicaSet bumps status.collisionCount and picks another hash', async () => {
    const { cluster, admin, deployments, get, rolledOut, replicaSets } = await setup('dep-collision');
    // Paused from the start: the controller creates no ReplicaSet yet, so we can squat its name.
    await deployments.create(deployment('web', 2, { paused: true }));
    const template = (await get('web')).spec?.template;
    const squatted = `web-${computeHash(template)}`;
    await admin.replicasets('default').create({
      metadata: { name: squatted },
      spec: { replicas: 0, selector: { matchLabels: { other: 'x' } }, template: { metadata: { labels: { other: 'x' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    await deployments.patch('web', 'merge', { spec: { paused: false } });
    expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
    expect((await get('web')).status?.collisionCount).toBe(1);
    const [rs] = await replicaSets('web');
    expect(rs!.metadata?.name).toBe(`web-${computeHash(template, 1)}`);
    expect(rs!.metadata?.name).not.toBe(squatted);
  });
  it("copies a ReplicaSet's ReplicaFailure into the Deployment's conditions", async () => {
    const { cluster, admin, rolledOut } = await setup('dep-replica-failure');
    await admin.namespaces().create({ metadata: { name: 'doomed' } });
    const deployments = admin.deployments('doomed');
    await deployments.create({ ...deployment('web', 1), metadata: { name: 'web', namespace: 'doomed' } });
    const ready = async () => (await deployments.get('web')).status?.availableReplicas === 1;
    expect(await cluster.clock.runUntil(ready)).toBe(true);
    void rolledOut;
    // No namespace controller here: the namespace stays Terminating and refuses new pods.
    await admin.namespaces().delete('doomed');
    await deployments.patch('web', 'merge', { spec: { replicas: 3 } });
    const failure = async () => (await deployments.get('web')).status?.conditions?.find((c) => c.type === 'ReplicaFailure');
    expect(await cluster.clock.runUntil(async () => (await failure()) !== undefined)).toBe(true);
    expect(await failure()).toMatchObject({ status: 'True', reason: 'FailedCreate' });
  });

  it('the same seed gives the same run: identical ReplicaSet and pod names', async () => {
    const names = async (seed: string) => {
      const { cluster, admin, deployments, rolledOut } = await setup(seed);
      await deployments.create(deployment('web', 3));
      expect(await cluster.clock.runUntil(rolledOut('web'))).toBe(true);
      const pods = ((await admin.pods('default').list()).items as corev1.Pod[]).map((p) => `${p.metadata?.name}@${p.spec?.nodeName}`);
      return pods.sort();
    };
    const first = await names('dep-repeat');
    const second = await names('dep-repeat');
    expect(second).toEqual(first);
    expect(await names('dep-other-seed')).not.toEqual(first);
  });
});
