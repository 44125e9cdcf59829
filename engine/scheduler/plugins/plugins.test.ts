/** Plugin-level checks that a cluster test would make slow or indirect. */
import { describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { schedulerParts } from '../../../solutions/scheduler/index.ts';
import { CycleState } from '../framework/cycle-state.ts';
import type { Handle } from '../framework/interface.ts';
import { NodeInfo, newPodInfo } from '../framework/node-info.ts';
import { makeNode, makePod } from '../testing.ts';
import { SchedulerCache } from '../cache/cache.ts';
import { matchesRequirement, matchesNodeSelectorTerms } from '../../api/scheduling/node-affinity.ts';
import { newBalancedAllocation } from './balanced-allocation.ts';
import { newImageLocality, normalizedImageName } from './image-locality.ts';
import { newNodeResourcesFit } from './node-resources-fit.ts';
import { newPodTopologySpread } from './pod-topology-spread.ts';
import { newTaintToleration } from './taint-toleration.ts';

const handle = (nodes: NodeInfo[] = []): Handle => ({
  client: undefined as never,
  parts: schedulerParts,
  allNodes: () => nodes,
  nodesWithPodAffinity: () => nodes.filter((n) => n.podsWithAffinity.size > 0),
  nodesWithRequiredAntiAffinity: () => nodes.filter((n) => n.podsWithRequiredAntiAffinity.size > 0),
  imageStates: () => {
    const c = new SchedulerCache(schedulerParts.fit.podRequests);
    for (const n of nodes) c.addNode(n.node);
    return c.imageStates();
  },
});
const info = (node: corev1.Node, ...pods: corev1.Pod[]) => {
  const ni = new NodeInfo(node);
  for (const p of pods) ni.addPod(newPodInfo({ ...p, metadata: { namespace: 'default', ...p.metadata }, spec: { ...p.spec!, nodeName: node.metadata?.name } }, schedulerParts.fit.podRequests));
  return ni;
};

describe('node selector operators', () => {
  const labels = { zone: 'z1', gen: '5' };
  it.each([
    [{ key: 'zone', operator: 'In', values: ['z1', 'z2'] }, true],
    [{ key: 'zone', operator: 'In', values: ['z2'] }, false],
    [{ key: 'zone', operator: 'NotIn', values: ['z2'] }, true],
    [{ key: 'absent', operator: 'NotIn', values: ['x'] }, true],
    [{ key: 'zone', operator: 'Exists' }, true],
    [{ key: 'absent', operator: 'DoesNotExist' }, true],
    [{ key: 'zone', operator: 'DoesNotExist' }, false],
    [{ key: 'gen', operator: 'Gt', values: ['4'] }, true],
    [{ key: 'gen', operator: 'Gt', values: ['5'] }, false],
    [{ key: 'gen', operator: 'Lt', values: ['10'] }, true],
    [{ key: 'zone', operator: 'Lt', values: ['10'] }, false],
  ] as [corev1.NodeSelectorRequirement, boolean][])('%j → %s', (req, want) => {
    expect(matchesRequirement(req, labels)).toBe(want);
  });

  it('an empty term matches nothing; matchFields select by metadata.name', () => {
    const node = makeNode('node-7', { labels });
    expect(matchesNodeSelectorTerms([{}], node)).toBe(false);
    expect(matchesNodeSelectorTerms([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-7'] }] }], node)).toBe(true);
  });
});

describe('score plugins', () => {
  it('NodeResourcesFit LeastAllocated: the emptier node scores higher, counting 100m/200Mi for pods without requests', () => {
    const p = newNodeResourcesFit(handle());
    const state = new CycleState();
    const pod = makePod('p');
    p.preFilter(state, pod, []);
    const empty = info(makeNode('a', { cpu: '1', memory: '1000Mi' }));
    const busy = info(makeNode('b', { cpu: '1', memory: '1000Mi' }), makePod('x'), makePod('y'));
    // empty: cpu (1000−100)/1000 = 90, mem (1000−200)/1000 = 80 → 85; busy: cpu 70, mem 40 → 55.
    expect(p.score(state, pod, empty)).toBe(85);
    expect(p.score(state, pod, busy)).toBe(55);
  });

  it('BalancedAllocation: 100 when cpu and memory fractions are equal, less as they diverge', () => {
    const p = newBalancedAllocation(handle());
    const state = new CycleState();
    const even = makePod('p', { cpu: '500m', memory: '500Mi' });
    expect(p.score(state, even, info(makeNode('a', { cpu: '1', memory: '1000Mi' })))).toBe(100);
    const skewed = makePod('q', { cpu: '1', memory: '100Mi' });
    // cpu 1.0, mem 0.1 → std 0.45 → 55
    expect(p.score(state, skewed, info(makeNode('a', { cpu: '1', memory: '1000Mi' })))).toBe(55);
  });

  it('TaintToleration: counts untolerated PreferNoSchedule taints, reversed on normalize', () => {
    const p = newTaintToleration(handle());
    const state = new CycleState();
    const pod = makePod('p', { tolerations: [{ key: 'b', operator: 'Exists', effect: 'PreferNoSchedule' }] });
    const t = (key: string) => ({ key, value: 'x', effect: 'PreferNoSchedule' }) as corev1.Taint;
    const two = info(makeNode('two', { taints: [t('a'), t('c')] }));
    const tolerated = info(makeNode('tolerated', { taints: [t('b')] }));
    const raw = [two, tolerated].map((n) => ({ name: n.name, score: p.score(state, pod, n) }));
    expect(raw.map((r) => r.score)).toEqual([2, 0]);
    expect(p.normalizeScore?.(state, pod, raw).map((r) => r.score)).toEqual([0, 100]);
  });

  it('ImageLocality: a node holding a big image scores more, scaled by how many nodes have it', () => {
    const img = (size: number): corev1.ContainerImage[] => [{ names: ['docker.io/library/big:1.0', 'big:1.0'], sizeBytes: size }];
    const has = info(makeNode('has', { images: img(500 * 1024 * 1024) }));
    const hasNot = info(makeNode('not'));
    const p = newImageLocality(handle([has, hasNot]));
    const state = new CycleState();
    const pod = makePod('p', { image: 'big:1.0' });
    expect(p.preScore(state, pod, [has, hasNot]).code).toBe('Success');
    // 500 MiB × (1 of 2 nodes) = 250 MiB → (250 − 23) / (1000 − 23) × 100 = 23
    expect(p.score(state, pod, has)).toBe(23);
    expect(p.score(state, pod, hasNot)).toBe(0);
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('registry:5000/app')).toBe('registry:5000/app:latest');
  });

  it('PodTopologySpread ScheduleAnyway: fewer matching pods in the domain scores higher', () => {
    const a = info(makeNode('a', { labels: { zone: 'z1' } }));
    const b = info(makeNode('b', { labels: { zone: 'z2' } }), makePod('x', { labels: { app: 'web' } }), makePod('y', { labels: { app: 'web' } }));
    const p = newPodTopologySpread(handle([a, b]));
    const state = new CycleState();
    const pod = {
      ...makePod('p', { labels: { app: 'web' } }),
      metadata: { name: 'p', namespace: 'default', labels: { app: 'web' } },
    };
    pod.spec!.topologySpreadConstraints = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } } }];
    expect(p.preScore(state, pod, [a, b]).code).toBe('Success');
    const raw = [a, b].map((n) => ({ name: n.name, score: p.score(state, pod, n) }));
    expect(raw[0]!.score).toBeLessThan(raw[1]!.score);
    expect(p.normalizeScore?.(state, pod, raw).map((s) => s.score)).toEqual([100, 0]);
  });
});
