import { describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { rollingUpdate, scaledValue } from './rolling-update.ts';

const NOW = Date.parse('2025-01-01T00:10:00Z');
function pod(name: string, hash: string, ready = true): corev1.Pod {
  return {
    metadata: { name, labels: { 'controller-revision-hash': hash } },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2025-01-01T00:00:00Z' }] },
  };
}
const base = { hash: 'new', minReadySeconds: 0, now: NOW };

describe('DaemonSet rolling update step', () => {
  it('maxUnavailable 1: deletes one available old pod at a time', () => {
    const nodes = ['a', 'b', 'c'].map((n) => ({ node: n, pods: [pod(`${n}-old`, 'old')] }));
    expect(rollingUpdate({ ...base, nodes, maxUnavailable: 1, maxSurge: 0 })).toEqual({ delete: ['a-old'], surgeOn: [] });
    expect(rollingUpdate({ ...base, nodes, maxUnavailable: 2, maxSurge: 0 }).delete).toEqual(['a-old', 'b-old']);
  });

  it('a node without a pod or with a not-yet-available new pod uses up the budget', () => {
    const nodes = [
      { node: 'a', pods: [] },
      { node: 'b', pods: [pod('b-old', 'old')] },
    ];
    expect(rollingUpdate({ ...base, nodes, maxUnavailable: 1, maxSurge: 0 }).delete).toEqual([]);
    const nodes2 = [
      { node: 'a', pods: [pod('a-new', 'new', false)] },
      { node: 'b', pods: [pod('b-old', 'old')] },
    ];
    expect(rollingUpdate({ ...base, nodes: nodes2, maxUnavailable: 1, maxSurge: 0 }).delete).toEqual([]);
  });

  it('an unavailable old pod is replaced at once, outside the budget', () => {
    const nodes = [
      { node: 'a', pods: [pod('a-old', 'old', false)] },
      { node: 'b', pods: [pod('b-old', 'old')] },
    ];
    expect(rollingUpdate({ ...base, nodes, maxUnavailable: 1, maxSurge: 0 }).delete.sort()).toEqual(['a-old', 'b-old']);
  });

  it('maxSurge: starts new pods beside old ones, and deletes the old one once the new is available', () => {
    const nodes = [
      { node: 'a', pods: [pod('a-old', 'old'), pod('a-new', 'new')] },
      { node: 'b', pods: [pod('b-old', 'old'), pod('b-new', 'new', false)] },
      { node: 'c', pods: [pod('c-old', 'old')] },
      { node: 'd', pods: [pod('d-old', 'old')] },
    ];
    expect(rollingUpdate({ ...base, nodes, maxUnavailable: 0, maxSurge: 2 })).toEqual({ delete: ['a-old'], surgeOn: ['c'] });
  });

  it('percentages scale from desiredNumberScheduled rounding up', () => {
    expect(scaledValue('10%', 15, 1)).toBe(2);
    expect(scaledValue(3, 15, 1)).toBe(3);
    expect(scaledValue(undefined, 15, 1)).toBe(1);
  });
});
