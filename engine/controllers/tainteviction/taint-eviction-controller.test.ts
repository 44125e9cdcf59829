/**
 * Taint-based eviction alone: NoExecute taints are put on a node by hand (as `kubectl taint`
 * would), no node lifecycle controller runs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { startControllers, type ControllerTestbed } from '../testing/testbed.ts';
import { runningPod } from '../testing/fake-kubelet.ts';
import { TAINT_EVICTION_CONTROLLER, taintEvictionController } from './taint-eviction-controller.ts';

let bed: ControllerTestbed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

async function setup(seed: string) {
  bed = await startControllers(seed, { [TAINT_EVICTION_CONTROLLER]: taintEvictionController() });
  const client = bed.cluster.client('kubectl');
  await client.nodes().create({ metadata: { name: 'node-1' } });
  return { client, clock: bed.cluster.clock };
}

async function taint(client: Client, taints: corev1.Taint[]) {
  const node = await client.nodes().get('node-1');
  await client.nodes().update({ ...node, spec: { ...node.spec, taints } });
}

const deleting = async (client: Client, name: string) => (await client.pods('default').get(name)).metadata?.deletionTimestamp !== undefined;

describe('taint eviction controller', () => {
  it('a pod that does not tolerate a NoExecute taint is evicted at once; NoSchedule evicts nothing', async () => {
    const { client, clock } = await setup('te-now');
    await runningPod(client, clock, 'web', 'node-1');
    await taint(client, [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    await clock.advance(60_000);
    expect(await deleting(client, 'web')).toBe(false);

    await taint(client, [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }]);
    expect(await clock.runUntil(() => deleting(client, 'web'), { timeoutMs: 1_000 })).toBe(true);
  });

  it('tolerationSeconds delays the eviction by exactly that long; removing the taint first cancels it', async () => {
    const { client, clock } = await setup('te-delay');
    const toleration: corev1.Toleration = { key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 };
    await runningPod(client, clock, 'web', 'node-1', { tolerations: [toleration] });
    await runningPod(client, clock, 'api', 'node-1', { tolerations: [toleration] });
    await taint(client, [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }]);
    await clock.advance(59_000);
    expect(await deleting(client, 'web')).toBe(false);
    await clock.advance(2_000);
    expect(await deleting(client, 'web')).toBe(true);
    expect(await deleting(client, 'api')).toBe(true);
  });

  it('the eviction is cancelled when the taint goes before tolerationSeconds run out', async () => {
    const { client, clock } = await setup('te-cancel');
    await runningPod(client, clock, 'web', 'node-1', { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] });
    await taint(client, [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }]);
    await clock.advance(30_000);
    await taint(client, []);
    await clock.advance(120_000);
    expect(await deleting(client, 'web')).toBe(false);
  });

  it('a toleration without tolerationSeconds tolerates forever', async () => {
    const { client, clock } = await setup('te-forever');
    await runningPod(client, clock, 'web', 'node-1', { tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }] });
    await taint(client, [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }]);
    await clock.advance(60 * 60_000);
    expect(await deleting(client, 'web')).toBe(false);
  });
});
