/**
 * Housekeeping controllers together with the ReplicaSet controller: a node that stops
 * heartbeating has its pod evicted about five minutes later and the ReplicaSet replaces it; the
 * ReplicaSet's deletion then cascades to its pods through the garbage collector. Kubelets are
 * played by FakeKubelet; no scheduler runs, so the replacement stays unassigned.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { defaultParts } from '../cluster/default-parts.ts';
import { manageReplicas } from '../../solutions/controllers/replicaset/manage-replicas.ts';
import { defaultControllers } from './default-controllers.ts';
import { FakeKubelet } from './testing/fake-kubelet.ts';
import { replicaSetController } from './replicaset/replica-set-controller.ts';
import { startControllers, type ControllerTestbed } from './testing/testbed.ts';
import { formatTimestamp } from '../client/index.ts';

let bed: ControllerTestbed | undefined;
let kubelets: FakeKubelet[] = [];
afterEach(async () => {
  for (const k of kubelets) k.close();
  kubelets = [];
  await bed?.close();
  bed = undefined;
});

describe('node failure with the controller-manager', () => {
  it('a dead node\'s ReplicaSet pod is evicted ~300 s after the taint and replaced; deleting the ReplicaSet cascades', async () => {
    bed = await startControllers('kcm-node-failure', {
      'replicaset-controller': replicaSetController({ manageReplicas }),
      ...defaultControllers(defaultParts),
    });
    const { clock } = bed.cluster;
    const kubectl = bed.cluster.client('kubectl');
    for (const name of ['node-1', 'node-2']) {
      const k = new FakeKubelet(bed.cluster.client(`system:node:${name}`), clock, name);
      await k.register();
      kubelets.push(k);
    }
    await kubectl.replicasets('default').create({
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      },
    });
    const pods = async () => (await kubectl.pods('default').list()).items;
    expect(await clock.runUntil(async () => (await pods()).length === 1, { timeoutMs: 10_000 })).toBe(true);

    // Play scheduler and kubelet: bind the pod to node-1 and report it Running and Ready.
    const first = (await pods())[0]!;
    const name = first.metadata!.name!;
    await kubectl.pods('default').bind(name, { metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } });
    const bound = await kubectl.pods('default').get(name);
    const now = formatTimestamp(clock.now());
    const cond = (type: string): corev1.PodCondition => ({ type, status: 'True', lastTransitionTime: now });
    await kubectl.pods('default').updateStatus({ ...bound, status: { ...bound.status, phase: 'Running', conditions: [cond('Ready'), cond('PodScheduled')] } });

    const dead = clock.now();
    kubelets[0]!.stopHeartbeats();
    expect(
      await clock.runUntil(async () => (await pods()).some((p) => p.metadata?.name !== name), { timeoutMs: 10 * 60_000 }),
    ).toBe(true);
    const replacedAfter = clock.now() - dead;
    // 50 s grace (+ up to one 5 s monitor period) + 300 s toleration.
    expect(replacedAfter).toBeGreaterThanOrEqual(350_000);
    expect(replacedAfter).toBeLessThanOrEqual(370_000);
    expect((await kubectl.pods('default').get(name)).metadata?.deletionTimestamp).toBeDefined();

    // Deleting the ReplicaSet: the unassigned replacement goes at once; the pod on the dead node
    // stays Terminating (no kubelet will confirm it), as upstream.
    await kubectl.replicasets('default').delete('web');
    expect(await clock.runUntil(async () => (await pods()).length === 1, { timeoutMs: 60_000 })).toBe(true);
    expect((await pods())[0]!.metadata?.name).toBe(name);
  });

  it('the same seed gives the same run: the API trace of a node failure is identical twice', async () => {
    const run = async () => {
      const b = await startControllers('kcm-determinism', defaultControllers(defaultParts));
      const ks: FakeKubelet[] = [];
      try {
        for (const name of ['node-1', 'node-2']) {
          const k = new FakeKubelet(b.cluster.client(`system:node:${name}`), b.cluster.clock, name);
          await k.register();
          ks.push(k);
        }
        const kubectl = b.cluster.client('kubectl');
        await kubectl.pods('default').create({ metadata: { name: 'web' }, spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'nginx' }] } });
        ks[0]!.stopHeartbeats();
        await b.cluster.clock.advance(7 * 60_000);
        return b.cluster.trace.entries().map((e) => `${e.time} ${e.user} ${e.verb} ${e.resource}/${e.subresource ?? ''} ${e.namespace ?? ''}/${e.name ?? ''} ${e.code} ${e.resourceVersion ?? ''}`);
      } finally {
        for (const k of ks) k.close();
        await b.close();
      }
    };
    const first = await run();
    const second = await run();
    expect(first.length).toBeGreaterThan(20);
    expect(first.some((l) => l.includes('taint-eviction-controller delete pods/ default/web'))).toBe(true);
    expect(second).toEqual(first);
  });
});
