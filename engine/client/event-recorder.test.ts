import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { createCluster, type Cluster } from '../cluster/index.ts';
import { createEventRecorder, formatTimestamp, getReference } from './event-recorder.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function setup() {
  const c = (cluster = await createCluster({ seed: 'events' }));
  const admin = c.client();
  const pod = await admin.pods('default').create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web' },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  });
  const errors: unknown[] = [];
  const recorder = createEventRecorder(c.client('system:kubelet'), { component: 'kubelet', host: 'node-1', clock: c.clock, onError: (e) => errors.push(e) });
  const events = async (ns = 'default') => (await admin.events(ns).list()).items as corev1.Event[];
  return { c, admin, pod, recorder, errors, events };
}

describe('EventRecorder', () => {
  it('writes a core/v1 Event describing the object, its source and the time', async () => {
    const { c, pod, recorder, events } = await setup();
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await recorder.flush();
    const [e, ...rest] = await events();
    expect(rest).toEqual([]);
    expect(e?.metadata?.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(e?.involvedObject).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      namespace: 'default',
      name: 'web',
      uid: pod.metadata?.uid,
      resourceVersion: pod.metadata?.resourceVersion,
    });
    expect(e?.source).toEqual({ component: 'kubelet', host: 'node-1' });
    expect(e?.type).toBe('Warning');
    expect(e?.reason).toBe('BackOff');
    expect(e?.count).toBe(1);
    expect(e?.firstTimestamp).toBe(formatTimestamp(c.clock.now()));
    expect(e?.lastTimestamp).toBe(e?.firstTimestamp);
  });

  it('folds an identical event into the existing one: count 2 and a later lastTimestamp, written with a patch', async () => {
    const { c, pod, recorder, events } = await setup();
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await recorder.flush();
    await c.clock.advance(30_000);
    recorder.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await recorder.flush();
    const all = await events();
    expect(all).toHaveLength(1);
    expect(all[0]?.count).toBe(2);
    expect(all[0]?.firstTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(all[0]?.lastTimestamp).toBe('2025-01-01T00:00:30Z');
    const verbs = c.trace
      .entries()
      .filter((t) => t.resource === 'events' && t.user === 'system:kubelet')
      .map((t) => `${t.verb} ${t.code}`);
    expect(verbs).toEqual(['create 201', 'patch 200']);
  });

  it('creates separate Events for different reasons or messages', async () => {
    const { pod, recorder, events } = await setup();
    recorder.event(pod, 'Normal', 'Pulling', 'Pulling image "nginx:1.27"');
    recorder.event(pod, 'Normal', 'Pulled', 'Successfully pulled image "nginx:1.27"');
    recorder.event(pod, 'Normal', 'Created', 'Created container c');
    await recorder.flush();
    expect((await events()).map((e) => e.reason).sort()).toEqual(['Created', 'Pulled', 'Pulling']);
  });

  it('gives events recorded in the same instant by different components distinct names', async () => {
    const { c, pod, recorder, events } = await setup();
    const scheduler = createEventRecorder(c.client('system:kube-scheduler'), { component: 'default-scheduler', clock: c.clock });
    recorder.event(pod, 'Normal', 'Pulling', 'Pulling image');
    scheduler.event(pod, 'Normal', 'Scheduled', 'Successfully assigned default/web to node-1');
    await Promise.all([recorder.flush(), scheduler.flush()]);
    const names = (await events()).map((e) => e.metadata?.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
  });

  it('puts events about cluster-scoped objects in the default namespace', async () => {
    const { c, admin, events } = await setup();
    const node = await admin.nodes().create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } });
    const recorder = createEventRecorder(c.client('system:node-controller'), { component: 'node-controller', clock: c.clock });
    recorder.event(node, 'Normal', 'RegisteredNode', 'Node node-1 event: Registered Node node-1 in Controller');
    await recorder.flush();
    const e = (await events()).find((x) => x.reason === 'RegisteredNode');
    expect(e?.involvedObject).toMatchObject({ kind: 'Node', name: 'node-1' });
    expect(e?.involvedObject.namespace).toBeUndefined();
  });

  it('never lets a failed write reach the caller', async () => {
    const { recorder, errors } = await setup();
    const ghost = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ghost', namespace: 'no-such-namespace', uid: 'u1' } };
    expect(() => recorder.event(ghost, 'Warning', 'Failed', 'nope')).not.toThrow();
    await recorder.flush();
    expect(errors).toHaveLength(1);
  });

  it('drops events it cannot describe or whose type is not Normal or Warning', async () => {
    const { pod, recorder, errors, events } = await setup();
    recorder.event({ metadata: { name: 'no-kind' } }, 'Normal', 'X', 'y');
    recorder.event(pod, 'Info' as 'Normal', 'X', 'y');
    await recorder.flush();
    expect(errors).toHaveLength(2);
    expect(await events()).toEqual([]);
  });
});

describe('getReference', () => {
  it('copies an ObjectReference, and builds one from an object', () => {
    expect(getReference({ kind: 'Pod', name: 'a', namespace: 'ns' })).toEqual({ kind: 'Pod', name: 'a', namespace: 'ns' });
    expect(getReference({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'x', uid: 'u' } })).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'd',
      namespace: 'x',
      uid: 'u',
    });
  });
});
