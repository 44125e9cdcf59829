/**
 * Reference for part `controllers.replicaset` (interface: engine/controllers/replicaset/manage-replicas.ts).
 *
 * Why the deletion order is what it is (ActivePodsWithRanks.Less in KK
 * pkg/controller/controller_utils.go, getPodsToDelete in replicaset/replica_set.go): the
 * controller gives up first what costs the least to lose.
 *   1. a pod not yet on a node (nothing runs there yet),
 *   2. Pending before Unknown before Running (the phase ordinal),
 *   3. not ready before ready (it serves no traffic),
 *   4. lower `controller.kubernetes.io/pod-deletion-cost` first (the user's hint),
 *   5. more sibling pods on the same node first (spreads what remains),
 *   6. both ready: ready for less time first, compared in log2 buckets of age
 *      (LogarithmicScaleDown, on by default since 1.22; same bucket → lower UID first),
 *   7. more container restarts first,
 *   8. newer before older (same log2 buckets of creation age).
 * Sorting only happens when some pods stay (diff < pods); otherwise all go.
 */
import type { corev1 } from '../../../engine/api/types.ts';
import {
  BURST_REPLICAS,
  POD_DELETION_COST_ANNOTATION,
  type ManageReplicas,
  type ManageReplicasInput,
} from '../../../engine/controllers/replicaset/manage-replicas.ts';
import {
  isPodActive,
  isPodReady,
  maxContainerRestarts,
  parseTime,
  podReadyTime,
} from '../../../engine/controllers/replicaset/pod-util.ts';

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
const phaseOrdinal = (pod: corev1.Pod) => PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0;

/** GetDeletionCostFromPodAnnotations: absent or not an integer → 0. */
function deletionCost(pod: corev1.Pod): number {
  const raw = pod.metadata?.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (raw === undefined) return 0;
  const n = Number(raw);
  return Number.isInteger(n) ? n : 0;
}

/** afterOrZero: a zero time counts as after every other time (so it sorts first). */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** logarithmicRankDiff: compare ages (in nanoseconds, as Go's time.Duration) by floor(log2). */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6;
  const d2 = (now - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

/** Compares two times the way steps 6 and 8 do; returns undefined when they are equal. */
function compareAge(t1: number, t2: number, now: number, uid1: string, uid2: string): boolean | undefined {
  if (t1 === t2) return undefined;
  if (now === 0 || t1 === 0 || t2 === 0) return afterOrZero(t1, t2);
  const diff = logarithmicRankDiff(t1, t2, now);
  if (diff === 0) return uid1 < uid2;
  return diff < 0;
}

/** A pod with everything the ranking looks at computed once (sorting compares n·log n times). */
export interface Ranked {
  pod: corev1.Pod;
  /** Active related pods on the same node. */
  rank: number;
  node: string;
  phase: number;
  ready: boolean;
  cost: number;
  readyTime: number;
  restarts: number;
  created: number;
  uid: string;
}

function ranked(pod: corev1.Pod, rank: number): Ranked {
  return {
    pod,
    rank,
    node: pod.spec?.nodeName ?? '',
    phase: phaseOrdinal(pod),
    ready: isPodReady(pod),
    cost: deletionCost(pod),
    readyTime: podReadyTime(pod),
    restarts: maxContainerRestarts(pod),
    created: parseTime(pod.metadata?.creationTimestamp),
    uid: pod.metadata?.uid ?? '',
  };
}

/** ActivePodsWithRanks.Less: true when a should be deleted before b. */
export function deleteFirst(a: Ranked, b: Ranked, now: number): boolean {
  if (a.node !== b.node && (a.node === '' || b.node === '')) return a.node === '';
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ready !== b.ready) return !a.ready;
  if (a.cost !== b.cost) return a.cost < b.cost;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.ready && b.ready) {
    const r = compareAge(a.readyTime, b.readyTime, now, a.uid, b.uid);
    if (r !== undefined) return r;
  }
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  return compareAge(a.created, b.created, now, a.uid, b.uid) ?? false;
}

/** getPodsRankedByRelatedPodsOnSameNode: rank = active related pods on the pod's node. */
function rankBySameNode(pods: readonly corev1.Pod[], related: readonly corev1.Pod[]): Ranked[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec?.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  return pods.map((pod) => ranked(pod, onNode.get(pod.spec?.nodeName ?? '') ?? 0));
}

export const manageReplicas: ManageReplicas = (input: ManageReplicasInput) => {
  const burst = input.burstReplicas ?? BURST_REPLICAS;
  const diff = input.pods.length - input.replicas;
  if (diff < 0) return { create: Math.min(-diff, burst), delete: [] };
  if (diff === 0) return { create: 0, delete: [] };
  const n = Math.min(diff, burst);
  if (n >= input.pods.length) return { create: 0, delete: [...input.pods] };
  const ranked = rankBySameNode(input.pods, input.relatedPods);
  // A stable sort with a strict "less" turned into a comparator, as sort.Sort would order them.
  ranked.sort((a, b) => (deleteFirst(a, b, input.now) ? -1 : deleteFirst(b, a, input.now) ? 1 : 0));
  return { create: 0, delete: ranked.slice(0, n).map((r) => r.pod) };
};
