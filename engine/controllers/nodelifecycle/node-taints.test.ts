import { describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { noExecuteTaintKey, noScheduleTaintKeys, reconcileTaints } from './node-taints.ts';

const node = (conditions: Record<string, string>, unschedulable = false): corev1.Node => ({
  metadata: { name: 'n' },
  spec: { unschedulable },
  status: { conditions: Object.entries(conditions).map(([type, status]) => ({ type, status })) },
});

describe('node lifecycle taints', () => {
  it('Ready=Unknown means unreachable, Ready=False means not-ready, Ready=True means neither', () => {
    expect(noExecuteTaintKey(node({ Ready: 'Unknown' }))).toBe('node.kubernetes.io/unreachable');
    expect(noExecuteTaintKey(node({ Ready: 'False' }))).toBe('node.kubernetes.io/not-ready');
    expect(noExecuteTaintKey(node({ Ready: 'True' }))).toBeUndefined();
  });

  it('a node that has not reported Ready yet gets no NoExecute taint', () => {
    expect(noExecuteTaintKey(node({}))).toBeUndefined();
  });

  it('pressure conditions and spec.unschedulable become NoSchedule taints', () => {
    expect(noScheduleTaintKeys(node({ Ready: 'True', MemoryPressure: 'True', DiskPressure: 'False', PIDPressure: 'True' }, true))).toEqual([
      'node.kubernetes.io/memory-pressure',
      'node.kubernetes.io/pid-pressure',
      'node.kubernetes.io/unschedulable',
    ]);
  });

  it('taints the controller does not own are kept; stale managed ones are removed; kept ones keep timeAdded', () => {
    const current: corev1.Taint[] = [
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: 'then' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: 'then' },
    ];
    expect(reconcileTaints(current, 'node.kubernetes.io/unreachable', ['node.kubernetes.io/unreachable'], 'now')).toEqual([
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: 'then' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
    ]);
    expect(reconcileTaints(current, undefined, [], 'now')).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
  });
});
