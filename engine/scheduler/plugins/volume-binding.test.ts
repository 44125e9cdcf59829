import { describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { schedulerParts } from '../../../solutions/scheduler/index.ts';
import { CycleState } from '../framework/cycle-state.ts';
import type { Handle } from '../framework/interface.ts';
import { newVolumeBinding } from './volume-binding.ts';

const claims: Record<string, corev1.PersistentVolumeClaim> = {
  bound: { metadata: { name: 'bound', namespace: 'default' }, spec: { volumeName: 'pv-1' } },
  pending: { metadata: { name: 'pending', namespace: 'default' }, spec: { storageClassName: 'standard' } },
  later: { metadata: { name: 'later', namespace: 'default' }, spec: { storageClassName: 'local' } },
  going: { metadata: { name: 'going', namespace: 'default', deletionTimestamp: '2025-01-01T00:00:00Z' }, spec: { volumeName: 'pv-2' } },
};
const modes: Record<string, string> = { standard: 'Immediate', local: 'WaitForFirstConsumer' };

const handle: Handle = {
  client: undefined as never,
  parts: schedulerParts,
  allNodes: () => [],
  nodesWithPodAffinity: () => [],
  nodesWithRequiredAntiAffinity: () => [],
  imageStates: () => new Map(),
  persistentVolumeClaim: (_ns, name) => claims[name],
  storageClassBindingMode: (name) => modes[name],
};

function verdict(...claimNames: string[]): string {
  const pod: corev1.Pod = { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c' }], volumes: claimNames.map((n, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: n } })) } };
  const s = newVolumeBinding(handle).preFilter(new CycleState(), pod, []);
  return s.code === 'Success' ? 'Success' : `${s.code}: ${s.reasons.join(', ')}`;
}

describe('VolumeBinding PreFilter', () => {
  it('a pod without claims, or with bound claims, passes', () => {
    expect(verdict()).toBe('Success');
    expect(verdict('bound')).toBe('Success');
  });
  it('a missing claim, a claim being deleted, an unbound Immediate claim: no node can take the pod', () => {
    expect(verdict('bound', 'nope')).toBe('UnschedulableAndUnresolvable: persistentvolumeclaim "nope" not found');
    expect(verdict('going')).toBe('UnschedulableAndUnresolvable: persistentvolumeclaim "going" is being deleted');
    expect(verdict('bound', 'pending')).toBe('UnschedulableAndUnresolvable: pod has unbound immediate PersistentVolumeClaims');
  });
  it('an unbound claim of a WaitForFirstConsumer class does not block scheduling', () => {
    expect(verdict('later')).toBe('Success');
  });
});
