import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { isGone, startControllers, type ControllerTestbed } from '../testing/testbed.ts';
import { runningPod } from '../testing/fake-kubelet.ts';
import { POD_GC_CONTROLLER, podGCController } from './pod-gc-controller.ts';

let bed: ControllerTestbed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

async function setup(seed: string, threshold?: number) {
  bed = await startControllers(seed, { [POD_GC_CONTROLLER]: podGCController({ terminatedPodThreshold: threshold }) });
  const client = bed.cluster.client('kubectl');
  const clock = bed.cluster.clock;
  await client.nodes().create({ metadata: { name: 'node-1' } });
  return { client, clock };
}

const gone = (client: Client, name: string) => isGone(() => client.pods('default').get(name));

describe('pod garbage collector', () => {
  it('pods bound to a deleted node are force-deleted after the 40 s quarantine', async () => {
    const { client, clock } = await setup('podgc-orphan');
    await runningPod(client, clock, 'web', 'node-1');
    await client.nodes().delete('node-1');
    await clock.advance(30_000);
    expect(await gone(client, 'web')).toBe(false);
    expect(await clock.runUntil(() => gone(client, 'web'), { timeoutMs: 60_000 })).toBe(true);
    const deletes = bed!.cluster.trace.entries().filter((e) => e.verb === 'delete' && e.name === 'web');
    expect(deletes.map((e) => e.user)).toEqual([POD_GC_CONTROLLER]);
  });

  it('a terminating pod on a NotReady node stays until the node is tainted out-of-service', async () => {
    const { client, clock } = await setup('podgc-out-of-service');
    await runningPod(client, clock, 'web', 'node-1');
    await client.pods('default').delete('web'); // graceful: waits for a kubelet that never comes
    await clock.advance(5 * 60_000);
    expect(await gone(client, 'web')).toBe(false);
    const node = await client.nodes().get('node-1');
    const taints: corev1.Taint[] = [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }];
    await client.nodes().update({ ...node, spec: { ...node.spec, taints } });
    expect(await clock.runUntil(() => gone(client, 'web'), { timeoutMs: 30_000 })).toBe(true);
  });

  it('terminated pods beyond the threshold are deleted, oldest first', async () => {
    const { client, clock } = await setup('podgc-terminated', 2);
    for (const name of ['a', 'b', 'c', 'd']) {
      const p = await runningPod(client, clock, name, 'node-1');
      await client.pods('default').updateStatus({ ...p, status: { ...p.status, phase: 'Succeeded' } });
      await clock.advance(1_000);
    }
    expect(await clock.runUntil(async () => (await client.pods('default').list()).items.length === 2, { timeoutMs: 30_000 })).toBe(true);
    expect((await client.pods('default').list()).items.map((p) => p.metadata?.name)).toEqual(['c', 'd']);
  });
});
