import { describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { computeDisruption, computeZoneState, DEFAULT_DISRUPTION_SETTINGS, zoneKey } from './zone-state.ts';

const node = (name: string, ready: string, zone = 'z1'): corev1.Node => ({
  metadata: { name, labels: { 'topology.kubernetes.io/region': 'r', 'topology.kubernetes.io/zone': zone } },
  status: { conditions: [{ type: 'Ready', status: ready }] },
});

describe('zone states for NoExecute tainting', () => {
  it('nodes without topology labels share the "" zone', () => {
    expect(zoneKey({ metadata: { name: 'n' } })).toBe('');
    expect(zoneKey(node('n', 'True', 'a'))).not.toBe(zoneKey(node('n', 'True', 'b')));
  });

  it('no Ready node is FullDisruption; more than 2 and at least 55 % not Ready is PartialDisruption', () => {
    const s = DEFAULT_DISRUPTION_SETTINGS;
    expect(computeZoneState([node('a', 'Unknown')], s)).toBe('FullDisruption');
    expect(computeZoneState([node('a', 'Unknown'), node('b', 'False'), node('c', 'True')], s)).toBe('Normal');
    expect(computeZoneState([node('a', 'Unknown'), node('b', 'Unknown'), node('c', 'Unknown'), node('d', 'True')], s)).toBe('PartialDisruption');
  });

  it('a fully disrupted zone keeps the normal rate unless every zone is fully disrupted', () => {
    const s = DEFAULT_DISRUPTION_SETTINGS;
    const oneZoneDown = computeDisruption([node('a', 'Unknown', 'z1'), node('b', 'True', 'z2')], s);
    expect(oneZoneDown.masterDisruption).toBe(false);
    expect([...oneZoneDown.rate.values()]).toEqual([0.1, 0.1]);
    expect(computeDisruption([node('a', 'Unknown', 'z1'), node('b', 'Unknown', 'z2')], s).masterDisruption).toBe(true);
  });

  it('a small zone in partial disruption stops tainting altogether', () => {
    const nodes = [node('a', 'Unknown'), node('b', 'Unknown'), node('c', 'Unknown'), node('d', 'True')];
    expect([...computeDisruption(nodes, DEFAULT_DISRUPTION_SETTINGS).rate.values()]).toEqual([0]);
  });
});
