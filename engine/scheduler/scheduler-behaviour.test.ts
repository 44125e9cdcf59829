/**
 * The scheduler bullets of shared/KUBERNETES-FACTS.md §Scheduler, one by one, observed through
 * the API on the virtual clock — what `kubectl get/describe pod` would show.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { schedulerParts } from '../../solutions/scheduler/index.ts';
import { FILTER_RESULT_ANNOTATION, FINAL_SCORE_RESULT_ANNOTATION, SELECTED_NODE_ANNOTATION } from './explain.ts';
import type { BindPlugin, Handle } from './framework/interface.ts';
import { defaultPlugins } from './framework/profile.ts';
import { asError } from './framework/status.ts';
import { newDefaultBinder } from './plugins/default-binder.ts';
import { makeNode, makePod, startSchedulerHarness, type SchedulerHarness } from './testing.ts';

let h: SchedulerHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});
const start = async (options: Parameters<typeof startSchedulerHarness>[1] = {}) => (h = await startSchedulerHarness(schedulerParts, options));
const NO_VICTIMS = (n: number) => `preemption: 0/${n} nodes are available: ${n} No preemption victims found for incoming pod..`;
const NOT_HELPFUL = (n: number) => `preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling..`;
const zone = (z: string) => ({ 'topology.kubernetes.io/zone': z });

describe('which pods the scheduler takes', () => {
  it('a pod created with spec.nodeName is not scheduled; it still counts against its node', async () => {
    const t = await start();
    await t.addNodes(makeNode('node-1', { cpu: '2' }), makeNode('node-2', { cpu: '2' }));
    await t.createPod(makePod('pinned', { nodeName: 'node-2', cpu: '1500m' }));
    await t.cluster.clock.advance(1000);
    expect(t.scheduler.stats.attempts).toBe(0);
    expect((await t.events('pinned')).filter((e) => e.reason === 'Scheduled')).toEqual([]);
    await t.createPod(makePod('web', { cpu: '1' }));
    expect(await t.waitBound('web')).toBe('node-1');
  });

  it('a pod is scheduled once: one bind, one Scheduled event, never moved afterwards', async () => {
    const t = await start();
    await t.addNodes(makeNode('node-1'), makeNode('node-2'));
    await t.createPod(makePod('web'));
    const node = await t.waitBound('web');
    await t.addNodes(makeNode('node-3'));
    await t.cluster.clock.advance(60_000);
    expect((await t.getPod('web')).spec?.nodeName).toBe(node);
    expect((await t.events('web')).filter((e) => e.reason === 'Scheduled')).toHaveLength(1);
    expect(t.scheduler.stats).toMatchObject({ attempts: 1, scheduled: 1 });
  });

  it('a pod for another scheduler is left alone; a second profile serves its schedulerName', async () => {
    const t = await start({ profiles: [{ schedulerName: 'default-scheduler', plugins: defaultPlugins() }, { schedulerName: 'my-scheduler', plugins: defaultPlugins() }] });
    await t.addNodes(makeNode('node-1'));
    await t.createPod(makePod('mine', { schedulerName: 'my-scheduler' }));
    await t.createPod(makePod('theirs', { schedulerName: 'other-scheduler' }));
    expect(await t.waitBound('mine')).toBe('node-1');
    const ev = (await t.events('mine')).find((e) => e.reason === 'Scheduled');
    expect(ev?.source?.component).toBe('my-scheduler');
    await t.cluster.clock.advance(30_000);
    expect((await t.getPod('theirs')).spec?.nodeName).toBeUndefined();
  });
});

describe('failure reporting', () => {
  it('reasons are counted per node and sorted as strings, as upstream FitError.Error', async () => {
    const t = await start();
    await t.addNodes(
      makeNode('node-1', { cpu: '1' }),
      makeNode('node-2', { cpu: '1' }),
      makeNode('node-3', { cpu: '1' }),
      makeNode('node-4', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      makeNode('node-5', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
    );
    await t.createPod(makePod('web', { cpu: '2' }));
    expect(await t.waitUnschedulable('web')).toBe(
      '0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: gpu}, 3 Insufficient cpu. ' +
        'preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..',
    );
  });

  it('a FailedScheduling Warning event carries the same message, and a pod with no nodes at all waits for one', async () => {
    const t = await start();
    await t.createPod(makePod('early'));
    expect(await t.waitUnschedulable('early')).toBe('no nodes available to schedule pods');
    const failed = (await t.events('early')).find((e) => e.reason === 'FailedScheduling');
    expect(failed).toMatchObject({ type: 'Warning', message: 'no nodes available to schedule pods' });
    await t.addNodes(makeNode('node-1'));
    expect(await t.waitBound('early')).toBe('node-1');
  });

  it('a cordoned node takes no pods (`node(s) were unschedulable`) unless the pod tolerates the unschedulable taint', async () => {
    const t = await start();
    await t.addNodes(makeNode('node-1', { unschedulable: true }));
    await t.createPod(makePod('web'));
    expect(await t.waitUnschedulable('web')).toBe(`0/1 nodes are available: 1 node(s) were unschedulable. ${NOT_HELPFUL(1)}`);
    await t.createPod(makePod('ds', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }));
    expect(await t.waitBound('ds')).toBe('node-1');
  });
});

describe('NodeResourcesFit', () => {
  it('assumed pods count at once: two pods that each fit alone do not both get the same free CPU', async () => {
    const t = await start();
    await t.addNodes(makeNode('node-1', { cpu: '1' }));
    await Promise.all([t.createPod(makePod('a', { cpu: '600m' })), t.createPod(makePod('b', { cpu: '600m' }))]);
    await t.cluster.clock.advance(5000);
    const nodes = await Promise.all(['a', 'b'].map(async (n) => (await t.getPod(n)).spec?.nodeName));
    expect(nodes.filter(Boolean)).toEqual(['node-1']);
  });

  it('three identical replicas without requests land on three different nodes (LeastAllocated counts 100m/200Mi each)', async () => {
    const t = await start();
    await t.addNodes(makeNode('node-1'), makeNode('node-2'), makeNode('node-3'));
    const placed: string[] = [];
    for (let i = 0; i < 3; i++) {
      await t.createPod(makePod(`web-${i}`, { labels: { app: 'web' } }));
      placed.push((await t.waitBound(`web-${i}`)) ?? '');
    }
    expect(placed.sort()).toEqual(['node-1', 'node-2', 'node-3']);
  });

  it('a pod that did not fit is scheduled once a pod on the node is deleted', async () => {
    const t = await start();
    await t.addNodes(makeNode('node-1', { cpu: '1' }));
    await t.createPod(makePod('a', { cpu: '800m' }));
    await t.waitBound('a');
    await t.createPod(makePod('b', { cpu: '800m' }));
    expect(await t.waitUnschedulable('b')).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
    await t.client.pods('default').delete('a', { gracePeriodSeconds: 0 });
    expect(await t.waitBound('b')).toBe('node-1');
  });
});

describe('NodeAffinity', () => {
  it('a nodeSelector no node matches gives `node(s) didn\'t match Pod\'s node affinity/selector`; labelling a node fixes it', async () => {
    const t = await start();
    await t.addNodes(makeNode('node-1'), makeNode('node-2'));
    await t.createPod(makePod('web', { nodeSelector: { disktype: 'ssd' } }));
    expect(await t.waitUnschedulable('web')).toBe(`0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL(2)}`);
    const n2 = await t.client.nodes().get('node-2');
    await t.client.nodes().update({ ...n2, metadata: { ...n2.metadata, labels: { ...n2.metadata?.labels, disktype: 'ssd' } } });
    expect(await t.waitBound('web')).toBe('node-2');
  });

  it('required terms are ORed, expressions inside a term ANDed; a preferred term wins among feasible nodes', async () => {
    const t = await start();
    await t.addNodes(
      makeNode('a', { labels: { ...zone('z1'), gen: '3' } }),
      makeNode('b', { labels: { ...zone('z2'), gen: '5' } }),
      makeNode('c', { labels: { ...zone('z3'), gen: '9' } }),
    );
    const affinity: corev1.Affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['z1'] }, { key: 'gen', operator: 'Gt', values: ['4'] }] },
            { matchExpressions: [{ key: 'gen', operator: 'Lt', values: ['6'] }, { key: 'missing', operator: 'DoesNotExist' }] },
          ],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'gen', operator: 'In', values: ['5'] }] } }],
      },
    };
    // Term 1 matches nothing (a has gen 3); term 2 matches a and b; b is preferred.
    await t.createPod(makePod('web', { affinity }));
    expect(await t.waitBound('web')).toBe('b');
    expect(t.scheduler.lastResult('default/web')?.filter['c']).toEqual({
      NodeUnschedulable: 'passed',
      NodeName: 'passed',
      TaintToleration: 'passed',
      NodeAffinity: "node(s) didn't match Pod's node affinity/selector",
    });
  });
});

describe('PodTopologySpread', () => {
  const spread = (when: 'DoNotSchedule' | 'ScheduleAnyway'): corev1.TopologySpreadConstraint[] => [
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: when, labelSelector: { matchLabels: { app: 'web' } } },
  ];

  it('DoNotSchedule keeps skew = count in domain − global minimum within maxSkew', async () => {
    const t = await start();
    await t.addNodes(makeNode('a', { labels: zone('z1') }), makeNode('b', { labels: zone('z2'), unschedulable: true }));
    for (const name of ['old-1', 'old-2']) await t.createPod(makePod(name, { nodeName: 'a', labels: { app: 'web' } }));
    await t.createPod(makePod('web', { labels: { app: 'web' }, topologySpreadConstraints: spread('DoNotSchedule') }));
    // a: 2 + 1 − min(2, 0) = 3 > 1; b is cordoned.
    expect(await t.waitUnschedulable('web')).toBe(
      "0/2 nodes are available: 1 node(s) didn't match pod topology spread constraints, 1 node(s) were unschedulable. " +
        'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling..',
    );
    const b = await t.client.nodes().get('b');
    await t.client.nodes().update({ ...b, spec: { ...b.spec, unschedulable: false } });
    expect(await t.waitBound('web')).toBe('b');
  });

  it('a node without the topology key is rejected with `(missing required label)`', async () => {
    const t = await start();
    await t.addNodes(makeNode('a'));
    await t.createPod(makePod('web', { labels: { app: 'web' }, topologySpreadConstraints: spread('DoNotSchedule') }));
    expect(await t.waitUnschedulable('web')).toBe(
      `0/1 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label). ${NOT_HELPFUL(1)}`,
    );
  });

  it('pods with DoNotSchedule spread evenly over three zones', async () => {
    const t = await start();
    await t.addNodes(makeNode('a', { labels: zone('z1') }), makeNode('b', { labels: zone('z2') }), makeNode('c', { labels: zone('z3') }));
    const placed: string[] = [];
    for (let i = 0; i < 6; i++) {
      await t.createPod(makePod(`web-${i}`, { labels: { app: 'web' }, topologySpreadConstraints: spread('DoNotSchedule') }));
      placed.push((await t.waitBound(`web-${i}`)) ?? '');
    }
    expect(placed.sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
  });

  it('ScheduleAnyway prefers the emptier domain but never blocks', async () => {
    const t = await start();
    await t.addNodes(makeNode('a', { labels: zone('z1') }), makeNode('b', { labels: zone('z2'), cpu: '1' }));
    for (const name of ['old-1', 'old-2', 'old-3']) await t.createPod(makePod(name, { nodeName: 'b', labels: { app: 'web' } }));
    await t.createPod(makePod('web', { labels: { app: 'web' }, topologySpreadConstraints: spread('ScheduleAnyway') }));
    expect(await t.waitBound('web')).toBe('a');
    const scores = t.scheduler.lastResult('default/web')?.finalScore;
    expect(scores?.['a']?.['PodTopologySpread']).toBe(200);
    expect(scores?.['b']?.['PodTopologySpread']).toBeLessThan(200);
  });
});

describe('PodTopologySpread system defaults', () => {
  const nodes = () => [
    makeNode('a', { labels: zone('z1') }),
    makeNode('b', { labels: zone('z1') }),
    makeNode('c', { labels: zone('z2'), cpu: '1', memory: '2Gi' }),
  ];
  // LeastAllocated prefers the big nodes a and b (97 vs 90); spreading over zones outweighs it.
  it('replicas selected by a Service spread over zones even onto a smaller node', async () => {
    const t = await start();
    await t.addNodes(...nodes());
    await t.client.services('default').create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    await t.cluster.clock.flush();
    await t.createPod(makePod('web-0', { labels: { app: 'web' } }));
    expect(['a', 'b']).toContain(await t.waitBound('web-0'));
    await t.createPod(makePod('web-1', { labels: { app: 'web' } }));
    expect(await t.waitBound('web-1')).toBe('c');
  });

  it('pods that belong to nothing are not spread by the defaults', async () => {
    const t = await start();
    await t.addNodes(...nodes());
    await t.createPod(makePod('web-0', { labels: { app: 'web' } }));
    await t.waitBound('web-0');
    await t.createPod(makePod('web-1', { labels: { app: 'web' } }));
    expect(['a', 'b']).toContain(await t.waitBound('web-1'));
    expect(t.scheduler.lastResult('default/web-1')?.finalScore['c']?.['PodTopologySpread']).toBeUndefined();
  });
});

describe('InterPodAffinity', () => {
  const anti: corev1.Affinity = {
    podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'kubernetes.io/hostname' }] },
  };

  it('required anti-affinity on hostname puts one pod per node; the extra one waits', async () => {
    const t = await start();
    await t.addNodes(makeNode('n1'), makeNode('n2'), makeNode('n3'));
    const placed: string[] = [];
    for (let i = 0; i < 3; i++) {
      await t.createPod(makePod(`cache-${i}`, { labels: { app: 'cache' }, affinity: anti }));
      placed.push((await t.waitBound(`cache-${i}`)) ?? '');
    }
    expect(placed.sort()).toEqual(['n1', 'n2', 'n3']);
    await t.createPod(makePod('cache-3', { labels: { app: 'cache' }, affinity: anti }));
    expect(await t.waitUnschedulable('cache-3')).toBe(`0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. ${NO_VICTIMS(3)}`);
  });

  it("existing pods' anti-affinity keeps others away: `node(s) didn't satisfy existing pods anti-affinity rules`", async () => {
    const t = await start();
    await t.addNodes(makeNode('n1'));
    await t.createPod(makePod('loner', { labels: { app: 'x' }, affinity: anti }));
    await t.waitBound('loner');
    await t.createPod(makePod('cache', { labels: { app: 'cache' } }));
    expect(await t.waitUnschedulable('cache')).toBe(`0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules. ${NO_VICTIMS(1)}`);
  });

  it('required affinity waits for a matching pod, then follows it to its node', async () => {
    const t = await start();
    await t.addNodes(makeNode('n1'), makeNode('n2'));
    const affinity: corev1.Affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] },
    };
    await t.createPod(makePod('web', { affinity }));
    expect(await t.waitUnschedulable('web')).toBe(`0/2 nodes are available: 2 node(s) didn't match pod affinity rules. ${NOT_HELPFUL(2)}`);
    await t.createPod(makePod('db', { nodeName: 'n2', labels: { app: 'db' } }));
    expect(await t.waitBound('web')).toBe('n2');
  });

  it('the first pod of a group with affinity to itself may go anywhere', async () => {
    const t = await start();
    await t.addNodes(makeNode('n1'));
    const affinity: corev1.Affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname' }] },
    };
    await t.createPod(makePod('web-0', { labels: { app: 'web' }, affinity }));
    expect(await t.waitBound('web-0')).toBe('n1');
  });
});

describe('the queue', () => {
  it('an unschedulable pod with no relevant event is retried after 5 minutes (podMaxInUnschedulablePodsDuration)', async () => {
    const t = await start();
    await t.addNodes(makeNode('node-1', { cpu: '1' }));
    await t.createPod(makePod('big', { cpu: '2' }));
    await t.waitUnschedulable('big');
    expect(t.scheduler.pendingPods().unschedulable).toEqual(['default/big']);
    await t.cluster.clock.advance(4 * 60_000);
    expect(t.scheduler.lastResult('default/big')?.attempt).toBe(1);
    await t.cluster.clock.advance(70_000);
    expect(t.scheduler.lastResult('default/big')?.attempt).toBe(2);
  });

  it('a failed bind is forgotten, reported, and retried after backoff', async () => {
    let failures = 1;
    const flaky = (handle: Handle): BindPlugin => {
      const inner = newDefaultBinder(handle);
      return {
        name: 'FlakyBinder',
        bind: async (pod, node) => (failures-- > 0 ? asError(new Error('etcd is having a bad day')) : inner.bind(pod, node)),
      };
    };
    const plugins = defaultPlugins().filter((p) => p.name !== 'DefaultBinder');
    const t = await start({ registry: { FlakyBinder: flaky }, profiles: [{ schedulerName: 'default-scheduler', plugins: [...plugins, { name: 'FlakyBinder' }] }] });
    await t.addNodes(makeNode('node-1', { cpu: '1' }));
    await t.createPod(makePod('web', { cpu: '800m' }));
    expect(await t.waitBound('web')).toBe('node-1');
    const events = await t.events('web');
    expect(events.map((e) => [e.reason, e.message])).toContainEqual([
      'FailedScheduling',
      'binding rejected: running Bind plugin "FlakyBinder": etcd is having a bad day',
    ]);
    expect(t.scheduler.stats).toMatchObject({ attempts: 2, scheduled: 1, errors: 1 });
  });
});

describe('nodes examined per pod', () => {
  it('with 200 nodes a cycle examines 100 of them, and the next cycle starts where it stopped', async () => {
    const t = await start();
    await t.addNodes(...Array.from({ length: 200 }, (_, i) => makeNode(`node-${String(i).padStart(3, '0')}`)));
    await t.createPod(makePod('a'));
    await t.waitBound('a');
    await t.createPod(makePod('b'));
    await t.waitBound('b');
    const a = Object.keys(t.scheduler.lastResult('default/a')?.filter ?? {});
    const b = Object.keys(t.scheduler.lastResult('default/b')?.filter ?? {});
    expect(a).toHaveLength(100);
    expect(b).toHaveLength(100);
    expect(new Set([...a, ...b]).size).toBe(200);
  });
});

describe('explainability', () => {
  it('per-plugin filter and score results are kept per pod and, when asked, written as annotations', async () => {
    const t = await start({ explain: 'annotations' });
    await t.addNodes(makeNode('node-1', { cpu: '1' }), makeNode('node-2'), makeNode('node-3'));
    await t.createPod(makePod('web', { cpu: '2' }));
    const node = await t.waitBound('web');
    const r = t.scheduler.lastResult('default/web');
    expect(r?.selectedNode).toBe(node);
    expect(r?.filter['node-1']?.['NodeResourcesFit']).toBe('Insufficient cpu');
    expect(r?.filter['node-2']?.['InterPodAffinity']).toBeUndefined(); // skipped by its PreFilter
    expect(Object.keys(r?.finalScore['node-2'] ?? {})).toEqual(['TaintToleration', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation']);
    expect(r?.finalScore['node-2']?.['TaintToleration']).toBe(300);
    await t.scheduler.idle();
    const ann = (await t.getPod('web')).metadata?.annotations ?? {};
    expect(JSON.parse(ann[FILTER_RESULT_ANNOTATION] ?? '{}')['node-1']['NodeResourcesFit']).toBe('Insufficient cpu');
    expect(JSON.parse(ann[FINAL_SCORE_RESULT_ANNOTATION] ?? '{}')['node-2']['TaintToleration']).toBe('300');
    expect(ann[SELECTED_NODE_ANNOTATION]).toBe(node);
  });

  it('writes no annotations by default', async () => {
    const t = await start();
    await t.addNodes(makeNode('node-1'));
    await t.createPod(makePod('web'));
    await t.waitBound('web');
    await t.scheduler.idle();
    expect((await t.getPod('web')).metadata?.annotations?.[FILTER_RESULT_ANNOTATION]).toBeUndefined();
    expect(t.scheduler.lastResult('default/web')?.selectedNode).toBe('node-1');
  });
});
