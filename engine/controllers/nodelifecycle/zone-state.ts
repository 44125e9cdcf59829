/**
 * Zones and disruption (upstream: node_lifecycle_controller.go handleDisruption,
 * ComputeZoneState, ReducedQPSFunc, HealthyQPSFunc; utilnode.GetZoneKey).
 *
 * NoExecute tainting — and so eviction — is rate limited per zone, and the rate depends on how
 * much of the zone is unhealthy, so that a network partition or a control-plane outage does not
 * evict every pod at once:
 *
 *   Normal            taint at --node-eviction-rate (0.1 nodes/s, burst 1);
 *   PartialDisruption more than 2 nodes not Ready and ≥ 55 % (--unhealthy-zone-threshold) of the
 *                     zone: --secondary-node-eviction-rate (0.01/s) in zones of more than 50 nodes
 *                     (--large-cluster-size-threshold), else 0 (no tainting at all);
 *   FullDisruption    no node of the zone Ready: normal rate again — unless every zone is fully
 *                     disrupted: then the controller assumes it is itself cut off, removes the
 *                     NoExecute taints and stops tainting ("master disruption mode").
 */
import type { corev1 } from '../../api/types.ts';
import { nodeCondition } from './node-taints.ts';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

export const LABEL_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_REGION = 'topology.kubernetes.io/region';

export interface DisruptionSettings {
  /** --node-eviction-rate (nodes per second). */
  evictionRate: number;
  /** --secondary-node-eviction-rate. */
  secondaryEvictionRate: number;
  /** --unhealthy-zone-threshold. */
  unhealthyZoneThreshold: number;
  /** --large-cluster-size-threshold. */
  largeClusterThreshold: number;
}

export const DEFAULT_DISRUPTION_SETTINGS: DisruptionSettings = {
  evictionRate: 0.1,
  secondaryEvictionRate: 0.01,
  unhealthyZoneThreshold: 0.55,
  largeClusterThreshold: 50,
};

/** GetZoneKey: region and zone labels; '' when the node has neither. */
export function zoneKey(node: corev1.Node): string {
  const labels = node.metadata?.labels ?? {};
  const region = labels[LABEL_REGION] ?? '';
  const zone = labels[LABEL_ZONE] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

export function computeZoneState(nodes: readonly corev1.Node[], settings: DisruptionSettings): ZoneState {
  let ready = 0;
  let notReady = 0;
  for (const n of nodes) {
    if (nodeCondition(n, 'Ready')?.status === 'True') ready++;
    else notReady++;
  }
  if (ready === 0 && notReady > 0) return 'FullDisruption';
  if (notReady > 2 && notReady / (notReady + ready) >= settings.unhealthyZoneThreshold) return 'PartialDisruption';
  return 'Normal';
}

export interface DisruptionView {
  zoneOf: Map<string, string>;
  /** Tainting rate per zone, nodes per second (0 = none). */
  rate: Map<string, number>;
  /** Every zone is fully disrupted: remove NoExecute taints, taint nothing. */
  masterDisruption: boolean;
}

export function computeDisruption(nodes: readonly corev1.Node[], settings: DisruptionSettings): DisruptionView {
  const zones = new Map<string, corev1.Node[]>();
  const zoneOf = new Map<string, string>();
  for (const n of nodes) {
    const z = zoneKey(n);
    zoneOf.set(n.metadata?.name ?? '', z);
    let list = zones.get(z);
    if (!list) zones.set(z, (list = []));
    list.push(n);
  }
  const rate = new Map<string, number>();
  let allFull = zones.size > 0;
  for (const [z, members] of zones) {
    const state = computeZoneState(members, settings);
    if (state !== 'FullDisruption') allFull = false;
    if (state === 'PartialDisruption') {
      rate.set(z, members.length > settings.largeClusterThreshold ? settings.secondaryEvictionRate : 0);
    } else {
      rate.set(z, settings.evictionRate);
    }
  }
  return { zoneOf, rate, masterDisruption: allFull };
}
