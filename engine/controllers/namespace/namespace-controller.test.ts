/**
 * Deleting a namespace deletes everything in it, then the namespace (virtual clock; no kubelet:
 * the test plays the kubelet's final pod delete).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import { isGone, startControllers, type ControllerTestbed } from '../testing/testbed.ts';
import { NAMESPACE_CONTROLLER, namespaceController } from './namespace-controller.ts';

let bed: ControllerTestbed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

async function setup(seed: string) {
  bed = await startControllers(seed, { [NAMESPACE_CONTROLLER]: namespaceController() });
  const client = bed.cluster.client('kubectl');
  await client.namespaces().create({ metadata: { name: 'dev' } });
  return { clock: bed.cluster.clock, client };
}

const pod = (name: string, nodeName?: string): corev1.Pod => ({
  metadata: { name },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }], ...(nodeName ? { nodeName } : {}) },
});

const condition = (ns: corev1.Namespace, type: string) => ns.status?.conditions?.find((c) => c.type === type);

async function contentCount(client: Client): Promise<number> {
  const lists = await Promise.all([client.configmaps('dev').list(), client.pods('dev').list(), client.deployments('dev').list(), client.secrets('dev').list()]);
  return lists.reduce((n, l) => n + l.items.length, 0);
}

describe('namespace controller', () => {
  it('deleting a namespace deletes its content of every kind, then the namespace itself', async () => {
    const { clock, client } = await setup('ns-basic');
    await client.configmaps('dev').create({ metadata: { name: 'settings' }, data: { a: '1' } });
    await client.secrets('dev').create({ metadata: { name: 'token' }, stringData: { t: 'x' } });
    await client.pods('dev').create(pod('web'));
    await client.deployments('dev').create({
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'n', image: 'nginx' }] } } },
    });
    await client.configmaps('default').create({ metadata: { name: 'elsewhere' }, data: {} });

    const marked = await client.namespaces().delete('dev');
    expect(marked.status?.phase).toBe('Terminating');
    expect(marked.spec?.finalizers).toEqual(['kubernetes']);

    expect(await clock.runUntil(() => isGone(() => client.namespaces().get('dev')), { timeoutMs: 60_000 })).toBe(true);
    expect(await contentCount(client)).toBe(0);
    // Other namespaces are untouched.
    expect((await client.configmaps('default').get('elsewhere')).metadata?.name).toBe('elsewhere');
  });

  it('waits namespaceDeletionGracePeriod (5 s) before deleting content', async () => {
    const { clock, client } = await setup('ns-grace');
    await client.configmaps('dev').create({ metadata: { name: 'settings' }, data: {} });
    await client.namespaces().delete('dev');
    await clock.advance(4_000);
    expect(await contentCount(client)).toBe(1);
    await clock.advance(2_000);
    expect(await clock.runUntil(() => isGone(() => client.namespaces().get('dev')), { timeoutMs: 1_000 })).toBe(true);
  });

  it('a pod in graceful termination holds the namespace, reported in NamespaceContentRemaining', async () => {
    const { clock, client } = await setup('ns-graceful-pod');
    await client.pods('dev').create(pod('web', 'node-1'));
    await client.namespaces().delete('dev');

    expect(
      await clock.runUntil(async () => condition(await client.namespaces().get('dev'), 'NamespaceContentRemaining')?.status === 'True', { timeoutMs: 60_000 }),
    ).toBe(true);
    const ns = await client.namespaces().get('dev');
    expect(condition(ns, 'NamespaceContentRemaining')).toMatchObject({
      reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: pods. has 1 resource instances',
    });
    expect(condition(ns, 'NamespaceDeletionContentFailure')).toMatchObject({ status: 'False', reason: 'ContentDeleted' });
    expect(ns.status?.phase).toBe('Terminating');
    expect((await client.pods('dev').get('web')).metadata?.deletionTimestamp).toBeDefined();

    // The kubelet finishes: the pod goes, then the namespace (rechecked after 30/2 + 1 s).
    await client.pods('dev').delete('web', { gracePeriodSeconds: 0 });
    expect(await clock.runUntil(() => isGone(() => client.namespaces().get('dev')), { timeoutMs: 20_000 })).toBe(true);
  });

  it('content held by a finalizer is reported in NamespaceFinalizersRemaining and holds the namespace', async () => {
    const { clock, client } = await setup('ns-finalizer');
    await client.configmaps('dev').create({ metadata: { name: 'held', finalizers: ['example.com/hold'] }, data: {} });
    await client.namespaces().delete('dev');

    expect(
      await clock.runUntil(async () => condition(await client.namespaces().get('dev'), 'NamespaceFinalizersRemaining')?.status === 'True', { timeoutMs: 60_000 }),
    ).toBe(true);
    expect(condition(await client.namespaces().get('dev'), 'NamespaceFinalizersRemaining')).toMatchObject({
      reason: 'SomeFinalizersRemain',
      message: 'Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances',
    });
    await clock.advance(60_000);
    expect((await client.namespaces().get('dev')).status?.phase).toBe('Terminating');

    const held = await client.configmaps('dev').get('held');
    await client.configmaps('dev').update({ ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect(await clock.runUntil(() => isGone(() => client.namespaces().get('dev')), { timeoutMs: 60_000 })).toBe(true);
  });

  it('a namespace that is not being deleted is left alone', async () => {
    const { clock, client } = await setup('ns-alive');
    await client.configmaps('dev').create({ metadata: { name: 'settings' }, data: {} });
    await clock.advance(60_000);
    expect(await contentCount(client)).toBe(1);
    expect((await client.namespaces().get('dev')).status?.phase).toBe('Active');
  });
});
