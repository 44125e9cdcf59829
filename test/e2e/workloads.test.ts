/**
 * Issue 3's acceptance, end to end on the virtual clock: a whole cluster (apiserver, scheduler,
 * controller-manager, three nodes with kubelets and simulated runtimes) driven only through the
 * API, as kubectl would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import { createCluster, type Cluster } from '../../engine/cluster/index.ts';
import { isReady, isTerminating, nginxDeployment, podsWithLabel, secondsSince, waitFor } from './helpers.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function threeNodes(seed: string): Promise<Cluster> {
  cluster = await createCluster({ nodes: 3, seed });
  return cluster;
}

describe('workloads end to end', () => {
  it('a 3-replica nginx Deployment on 3 nodes becomes 3 Running, Ready pods, one per node', async () => {
    const c = await threeNodes('spread');
    await c.client('kubectl').deployments('default').create(nginxDeployment('web', 3));
    await waitFor(c, '3 ready pods', async () => {
      const pods = await podsWithLabel(c, 'default', 'web');
      return pods.length === 3 && pods.every((p) => p.status?.phase === 'Running' && isReady(p));
    });
    const pods = await podsWithLabel(c, 'default', 'web');
    expect(new Set(pods.map((p) => p.spec?.nodeName)).size).toBe(3);
    expect(new Set(pods.map((p) => p.status?.podIP)).size).toBe(3);
    const d = await c.client().deployments('default').get('web');
    expect(d.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3, observedGeneration: 1 });
  });

  it('rolls out a new image within maxSurge and maxUnavailable at every intermediate state, then rolls back', async () => {
    const c = await threeNodes('rollout');
    const kubectl = c.client('kubectl');
    const replicas = 4; // maxSurge 25% → 1 (rounds up), maxUnavailable 25% → 1 (rounds down)
    await kubectl.deployments('default').create(nginxDeployment('web', replicas));
    await waitFor(c, 'initial rollout', async () => (await podsWithLabel(c, 'default', 'web')).filter(isReady).length === replicas);
    const firstRs = (await kubectl.replicasets('default').list()).items.map((r) => r.metadata?.name);

    // Watch every pod change during the rollout and check the bounds on each state.
    const pods = new Map<string, corev1.Pod>();
    for (const p of await podsWithLabel(c, 'default', 'web')) pods.set(p.metadata!.name!, p);
    const violations: string[] = [];
    const list = await kubectl.pods('default').list();
    const watch = kubectl.pods('default').watch({ resourceVersion: list.metadata.resourceVersion, labelSelector: 'app=web' }, (e) => {
      const p = e.object as corev1.Pod;
      if (e.type === 'DELETED') pods.delete(p.metadata!.name!);
      else pods.set(p.metadata!.name!, p);
      const live = [...pods.values()].filter((x) => !isTerminating(x));
      const ready = live.filter(isReady);
      if (live.length > replicas + 1) violations.push(`${live.length} pods > replicas + maxSurge at ${c.clock.now()}`);
      if (ready.length < replicas - 1) violations.push(`${ready.length} ready < replicas - maxUnavailable at ${c.clock.now()}`);
    });
    await kubectl.deployments('default').patch('web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } } });
    await waitFor(c, 'rollout to nginx:1.28', async () => {
      const d = await kubectl.deployments('default').get('web');
      const ps = (await podsWithLabel(c, 'default', 'web')).filter((p) => !isTerminating(p));
      return d.status?.updatedReplicas === replicas && d.status?.availableReplicas === replicas && ps.length === replicas && ps.every((p) => p.spec?.containers[0]?.image === 'nginx:1.28' && isReady(p));
    });
    watch.stop();
    expect(violations).toEqual([]);
    const d = await kubectl.deployments('default').get('web');
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');

    // kubectl rollout undo: put the previous ReplicaSet's template back on the Deployment.
    const old = (await kubectl.replicasets('default').list()).items.find((r) => r.metadata?.name === firstRs[0])!;
    const template = structuredClone(old.spec!.template!);
    delete template.metadata!.labels!['pod-template-hash'];
    await kubectl.deployments('default').patch('web', 'merge', { spec: { template } });
    await waitFor(c, 'rollback to nginx:1.27', async () => {
      const ps = (await podsWithLabel(c, 'default', 'web')).filter((p) => !isTerminating(p));
      return ps.length === replicas && ps.every((p) => p.spec?.containers[0]?.image === 'nginx:1.27' && isReady(p));
    });
    const back = await kubectl.deployments('default').get('web');
    expect(back.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    const rs = (await kubectl.replicasets('default').list()).items;
    expect(rs.find((r) => r.metadata?.name === firstRs[0])?.spec?.replicas).toBe(replicas);
  });

  it('recreates the pods of a node that stops heartbeating on other nodes about five minutes later', async () => {
    const c = await threeNodes('node-failure');
    const kubectl = c.client('kubectl');
    await kubectl.deployments('default').create(nginxDeployment('web', 3));
    await waitFor(c, '3 ready pods', async () => (await podsWithLabel(c, 'default', 'web')).filter(isReady).length === 3);
    const victim = (await podsWithLabel(c, 'default', 'web')).find((p) => p.spec?.nodeName === 'node-1')!;
    expect(victim).toBeDefined();

    const stoppedAt = c.clock.now();
    await c.nodes.stop('node-1');
    // The node goes NotReady (Unknown) after the 50 s grace period and gets the unreachable taint...
    await waitFor(c, 'node-1 Ready=Unknown', async () => {
      const n = await kubectl.nodes().get('node-1');
      return n.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'Unknown') ?? false;
    });
    expect(secondsSince(c, stoppedAt)).toBeGreaterThanOrEqual(40);
    expect(secondsSince(c, stoppedAt)).toBeLessThanOrEqual(60);
    // ...and the pod tolerates it for 300 s (DefaultTolerationSeconds), then is evicted and replaced.
    await waitFor(c, 'a replacement pod running on another node', async () => {
      const ps = (await podsWithLabel(c, 'default', 'web')).filter((p) => !isTerminating(p));
      return ps.length === 3 && ps.every((p) => p.spec?.nodeName !== 'node-1' && isReady(p));
    }, 10 * 60_000);
    const elapsed = secondsSince(c, stoppedAt);
    expect(elapsed).toBeGreaterThanOrEqual(340);
    expect(elapsed).toBeLessThanOrEqual(420);
    const evicted = await kubectl.pods('default').get(victim.metadata!.name!);
    expect(evicted.metadata?.deletionTimestamp).toBeDefined(); // stays Terminating: its kubelet is gone
  });

  it('a pod asking for 64 CPUs stays Pending with the upstream message', async () => {
    const c = await threeNodes('too-big');
    const kubectl = c.client('kubectl');
    await kubectl.pods('default').create({ metadata: { name: 'big' }, spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '64' } } }] } });
    await waitFor(c, 'PodScheduled=False', async () => {
      const p = await kubectl.pods('default').get('big');
      return p.status?.conditions?.some((x) => x.type === 'PodScheduled' && x.status === 'False') ?? false;
    });
    await c.clock.advance(60_000);
    const p = await kubectl.pods('default').get('big');
    expect(p.status?.phase).toBe('Pending');
    expect(p.spec?.nodeName).toBeUndefined();
    const cond = p.status?.conditions?.find((x) => x.type === 'PodScheduled');
    expect(cond?.reason).toBe('Unschedulable');
    expect(cond?.message).toMatch(/^0\/3 nodes are available: 3 Insufficient cpu\. /);
    const events = (await kubectl.events('default').list()).items.filter((e) => e.involvedObject.name === 'big');
    expect(events.some((e) => e.reason === 'FailedScheduling' && e.type === 'Warning' && e.message?.startsWith('0/3 nodes are available: 3 Insufficient cpu.'))).toBe(true);
  });

  it('a busybox pod running `exit 1` reaches CrashLoopBackOff with the upstream backoff timings', async () => {
    const c = await threeNodes('crashloop');
    const kubectl = c.client('kubectl');
    await kubectl.pods('default').create({ metadata: { name: 'crash' }, spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] } });
    // restartCount → the cluster time it was first seen.
    const seenAt = new Map<number, number>();
    let sawBackOff = '';
    const ok = await c.clock.runUntil(async () => {
      const cs = (await kubectl.pods('default').get('crash')).status?.containerStatuses?.[0];
      if (cs && !seenAt.has(cs.restartCount)) seenAt.set(cs.restartCount, c.clock.now());
      if (cs?.state?.waiting?.reason === 'CrashLoopBackOff') sawBackOff = cs.state.waiting.message ?? '';
      return seenAt.has(6);
    }, { timeoutMs: 15 * 60_000 });
    expect(ok).toBe(true);
    expect(sawBackOff).toMatch(/^back-off \d+[ms0-9]* restarting failed container=c pod=crash_default\(/);
    // The first restart is immediate; then the kubelet waits 10 s, doubling each time (upstream
    // flowcontrol.Backoff): restarts 2..6 come 10, 30, 70, 150 and 310 s after restart 1.
    const t1 = seenAt.get(1)!;
    const after = [2, 3, 4, 5, 6].map((k) => (seenAt.get(k)! - t1) / 1000);
    [10, 30, 70, 150, 310].forEach((want, i) => {
      expect(after[i]).toBeGreaterThanOrEqual(want - 1);
      expect(after[i]).toBeLessThanOrEqual(want + 3);
    });
  });

  it('is repeatable: the same seed gives the same trace of API writes, a different seed another', async () => {
    const run = async (seed: string) => {
      const c = await createCluster({ nodes: 3, seed });
      try {
        await c.client('kubectl').deployments('default').create(nginxDeployment('web', 3));
        await c.clock.advance(60_000);
        return c.trace.entries().map((e) => `${e.time} ${e.user} ${e.verb} ${e.resource}/${e.subresource ?? ''} ${e.namespace ?? ''}/${e.name ?? ''} ${e.code} ${e.resourceVersion ?? ''}`);
      } finally {
        await c.close();
      }
    };
    const a = await run('same');
    expect(a.length).toBeGreaterThan(20);
    expect(await run('same')).toEqual(a);
    expect(await run('other')).not.toEqual(a);
  });
});
