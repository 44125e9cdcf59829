/**
 * Node lifecycle and taint-based eviction on the virtual clock: kubelets are played by
 * FakeKubelet (Node + Lease through the API); the whole five-minute eviction runs in milliseconds.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { startControllers, type ControllerTestbed } from '../testing/testbed.ts';
import { TAINT_EVICTION_CONTROLLER, taintEvictionController } from '../tainteviction/taint-eviction-controller.ts';
import { FakeKubelet, runningPod } from '../testing/fake-kubelet.ts';
import { NODE_LIFECYCLE_CONTROLLER, nodeLifecycleController } from './node-lifecycle-controller.ts';

let bed: ControllerTestbed | undefined;
let kubelets: FakeKubelet[] = [];
afterEach(async () => {
  for (const k of kubelets) k.close();
  kubelets = [];
  await bed?.close();
  bed = undefined;
});

async function setup(seed: string, nodes: string[] = ['node-1', 'node-2']) {
  bed = await startControllers(seed, {
    [NODE_LIFECYCLE_CONTROLLER]: nodeLifecycleController(),
    [TAINT_EVICTION_CONTROLLER]: taintEvictionController(),
  });
  const client = bed.cluster.client('kubectl');
  const clock = bed.cluster.clock;
  kubelets = [];
  for (const name of nodes) {
    const k = new FakeKubelet(bed.cluster.client(`system:node:${name}`), clock, name);
    await k.register();
    kubelets.push(k);
  }
  return { client, clock, kubelets };
}

const ready = (n: corev1.Node) => n.status?.conditions?.find((c) => c.type === 'Ready');
const taintsOf = (n: corev1.Node) => (n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
const podReady = (p: corev1.Pod) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status;

async function events(client: Client, reason: string) {
  return (await client.events('default').list()).items.filter((e) => e.reason === reason);
}

describe('node lifecycle controller', () => {
  it('a node that keeps renewing its Lease stays Ready without posting status again', async () => {
    const { client, clock } = await setup('nlc-lease');
    await clock.advance(5 * 60_000);
    expect(ready(await client.nodes().get('node-1'))?.status).toBe('True');
    expect(taintsOf(await client.nodes().get('node-1'))).toEqual([]);
  });

  it('a node whose Lease stops being renewed becomes Ready=Unknown after the 50 s grace period, not before', async () => {
    const { client, clock, kubelets } = await setup('nlc-grace');
    await clock.advance(30_000);
    kubelets[0]!.stopHeartbeats();
    const lastRenew = clock.now() - (clock.now() % 10_000); // renewals happen on the 10 s marks
    await clock.advance(lastRenew + 49_000 - clock.now());
    expect(ready(await client.nodes().get('node-1'))?.status).toBe('True');

    expect(await clock.runUntil(async () => ready(await client.nodes().get('node-1'))?.status === 'Unknown', { timeoutMs: 10_000 })).toBe(true);
    const elapsed = clock.now() - lastRenew;
    expect(elapsed).toBeGreaterThan(50_000);
    expect(elapsed).toBeLessThanOrEqual(55_000); // next monitor pass (nodeMonitorPeriod 5 s)

    const node = await client.nodes().get('node-1');
    expect(ready(node)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    for (const type of ['MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(node.status?.conditions?.find((c) => c.type === type)?.status).toBe('Unknown');
    }
    // lastHeartbeatTime stays the last time the kubelet was heard from.
    expect(Date.parse(ready(node)!.lastHeartbeatTime!)).toBeLessThan(lastRenew);
    expect(ready(await client.nodes().get('node-2'))?.status).toBe('True');
    expect((await events(client, 'NodeNotReady')).some((e) => e.message === 'Node node-1 status is now: NodeNotReady')).toBe(true);
  });

  it('a registered node that never posts status becomes Unknown (NodeStatusNeverUpdated) after the 60 s startup grace period', async () => {
    const { client, clock } = await setup('nlc-never-posted');
    await client.nodes().create({ metadata: { name: 'silent' } });
    await clock.advance(55_000);
    expect((await client.nodes().get('silent')).status?.conditions ?? []).toEqual([]);
    expect(await clock.runUntil(async () => ready(await client.nodes().get('silent'))?.status === 'Unknown', { timeoutMs: 15_000 })).toBe(true);
    expect(ready(await client.nodes().get('silent'))).toMatchObject({ reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.' });
  });

  it('an unreachable node gets the unreachable NoExecute and NoSchedule taints, with timeAdded on NoExecute', async () => {
    const { client, clock, kubelets } = await setup('nlc-taints');
    kubelets[0]!.stopHeartbeats();
    expect(await clock.runUntil(async () => taintsOf(await client.nodes().get('node-1')).length === 2, { timeoutMs: 120_000 })).toBe(true);
    const node = await client.nodes().get('node-1');
    expect(taintsOf(node)).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
    expect(node.spec?.taints?.find((t) => t.effect === 'NoExecute')?.timeAdded).toBeDefined();
    expect(taintsOf(await client.nodes().get('node-2'))).toEqual([]);
  });

  it('a node reporting Ready=False gets the not-ready taints', async () => {
    const { client, clock, kubelets } = await setup('nlc-not-ready');
    await kubelets[0]!.postStatus('False');
    expect(await clock.runUntil(async () => taintsOf(await client.nodes().get('node-1')).length === 2, { timeoutMs: 30_000 })).toBe(true);
    expect(taintsOf(await client.nodes().get('node-1'))).toEqual(['node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/not-ready:NoSchedule']);
  });

  it('pods on an unreachable node are marked Ready=False', async () => {
    const { client, clock, kubelets } = await setup('nlc-pods-not-ready');
    await runningPod(client, clock, 'web', 'node-1');
    await runningPod(client, clock, 'db', 'node-2');
    kubelets[0]!.stopHeartbeats();
    expect(await clock.runUntil(async () => podReady(await client.pods('default').get('web')) === 'False', { timeoutMs: 120_000 })).toBe(true);
    expect(podReady(await client.pods('default').get('db'))).toBe('True');
    expect((await events(client, 'NodeNotReady')).some((e) => e.involvedObject.name === 'web' && e.message === 'Node is not ready')).toBe(true);
  });

  it('the whole scenario: a dead node\'s pods are evicted about 300 s after the unreachable taint', async () => {
    const { client, clock, kubelets } = await setup('nlc-eviction');
    await runningPod(client, clock, 'web', 'node-1');
    await runningPod(client, clock, 'db', 'node-2');
    const web = await client.pods('default').get('web');
    // DefaultTolerationSeconds admission gave the pod 300 s for both taints.
    expect(web.spec?.tolerations?.find((t) => t.key === 'node.kubernetes.io/unreachable')?.tolerationSeconds).toBe(300);

    const start = clock.now();
    kubelets[0]!.stopHeartbeats();
    expect(await clock.runUntil(async () => taintsOf(await client.nodes().get('node-1')).length === 2, { timeoutMs: 120_000 })).toBe(true);
    const tainted = clock.now();

    await clock.advance(290_000);
    expect((await client.pods('default').get('web')).metadata?.deletionTimestamp).toBeUndefined();

    expect(await clock.runUntil(async () => (await client.pods('default').get('web')).metadata?.deletionTimestamp !== undefined, { timeoutMs: 30_000 })).toBe(true);
    const evictedAfter = clock.now() - tainted;
    expect(evictedAfter).toBeGreaterThanOrEqual(300_000);
    expect(evictedAfter).toBeLessThanOrEqual(305_000);
    expect(clock.now() - start).toBeLessThan(6 * 60_000); // "about five minutes"

    const evicted = await client.pods('default').get('web');
    expect(evicted.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' });
    expect((await events(client, 'TaintManagerEviction')).map((e) => e.message)).toContain('Marking for deletion Pod default/web');
    expect((await client.pods('default').get('db')).metadata?.deletionTimestamp).toBeUndefined();
  });

  it('a node that comes back loses its taints and its pods are not evicted', async () => {
    const { client, clock, kubelets } = await setup('nlc-recover');
    await runningPod(client, clock, 'web', 'node-1');
    kubelets[0]!.stopHeartbeats();
    expect(await clock.runUntil(async () => taintsOf(await client.nodes().get('node-1')).length === 2, { timeoutMs: 120_000 })).toBe(true);
    await clock.advance(60_000);

    kubelets[0]!.alive = true;
    await kubelets[0]!.renewLease();
    await kubelets[0]!.postStatus('True');
    expect(await clock.runUntil(async () => taintsOf(await client.nodes().get('node-1')).length === 0, { timeoutMs: 30_000 })).toBe(true);
    await clock.advance(10 * 60_000);
    expect((await client.pods('default').get('web')).metadata?.deletionTimestamp).toBeUndefined();
    expect((await events(client, 'TaintManagerEviction')).map((e) => e.message)).toContain('Cancelling deletion of Pod default/web');
  });

  it('when every node is unreachable the controller assumes it is cut off and does not add NoExecute taints', async () => {
    const { client, clock, kubelets } = await setup('nlc-master-disruption', ['node-1']);
    await runningPod(client, clock, 'web', 'node-1');
    kubelets[0]!.stopHeartbeats();
    expect(await clock.runUntil(async () => ready(await client.nodes().get('node-1'))?.status === 'Unknown', { timeoutMs: 120_000 })).toBe(true);
    await clock.advance(10 * 60_000);
    expect(taintsOf(await client.nodes().get('node-1'))).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect((await client.pods('default').get('web')).metadata?.deletionTimestamp).toBeUndefined();
  });
});
