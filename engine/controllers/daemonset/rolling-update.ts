/**
 * A DaemonSet's RollingUpdate step (upstream: pkg/controller/daemon/update.go rollingUpdate,
 * findUpdatedPodsOnNode, updatedDesiredNodeCounts).
 *
 * Per node the controller sees at most one old pod (made from an earlier template) and one new
 * one. With maxSurge 0 (the default) it replaces in place: delete old pods while at most
 * maxUnavailable nodes are without an available daemon pod; the normal sync then creates the new
 * pod once the old one is gone. An old pod that is not available anyway is replaced at once
 * without using the budget. With maxSurge > 0 it starts the new pod next to the old one (on at
 * most maxSurge nodes at a time) and deletes the old pod when the new one is available.
 *
 * Both limits scale from percentages of desiredNumberScheduled rounding UP; if both end up 0,
 * maxUnavailable is 1 so that an update can progress.
 *
 * Worked example (maxUnavailable 1, maxSurge 0): nodes a, b, c with available old pods → delete
 * a's old pod; next sync a has no pod (unavailable 1) → the manage step creates the new pod on a,
 * nothing else is deleted until it is available.
 */
import type { corev1 } from '../../api/types.ts';
import { isPodAvailable } from '../replicaset/pod-util.ts';

export interface NodeDaemonPods {
  node: string;
  /** Live (not terminating) daemon pods on the node. */
  pods: readonly corev1.Pod[];
}

export interface RollingUpdateInput {
  nodes: readonly NodeDaemonPods[];
  /** The current revision's hash (controller-revision-hash label of new pods). */
  hash: string;
  maxUnavailable: number;
  maxSurge: number;
  minReadySeconds: number;
  now: number;
}

export interface RollingUpdateDecision {
  /** Old pods to delete (names). */
  delete: string[];
  /** Nodes to start a new pod on next to the old one (surge). */
  surgeOn: string[];
}

/** intstr.GetScaledValueFromIntOrPercent(v, total, roundUp=true). */
export function scaledValue(v: number | string | undefined, total: number, fallback: number): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (m) return Math.ceil((Number(m[1]) * total) / 100);
  const n = Number.parseInt(v, 10);
  return Number.isNaN(n) ? fallback : n;
}

/** findUpdatedPodsOnNode: undefined when the node has several pods of one kind (manage fixes that first). */
function split(pods: readonly corev1.Pod[], hash: string): { newPod?: corev1.Pod; oldPod?: corev1.Pod } | undefined {
  let newPod: corev1.Pod | undefined;
  let oldPod: corev1.Pod | undefined;
  for (const p of pods) {
    const isNew = p.metadata?.labels?.['controller-revision-hash'] === hash;
    if (isNew) {
      if (newPod) return undefined;
      newPod = p;
    } else {
      if (oldPod) return undefined;
      oldPod = p;
    }
  }
  return { newPod, oldPod };
}

export function rollingUpdate(input: RollingUpdateInput): RollingUpdateDecision {
  const available = (p: corev1.Pod) => isPodAvailable(p, input.minReadySeconds, input.now);
  const name = (p: corev1.Pod) => p.metadata?.name ?? '';
  if (input.maxSurge === 0) {
    let unavailable = 0;
    const replaceNow: string[] = [];
    const candidates: string[] = [];
    for (const { pods } of input.nodes) {
      const s = split(pods, input.hash);
      if (!s) {
        unavailable++;
        continue;
      }
      if ((!s.oldPod && !s.newPod) || (s.oldPod && s.newPod)) unavailable++;
      else if (s.newPod) {
        if (!available(s.newPod)) unavailable++;
      } else if (s.oldPod) {
        if (!available(s.oldPod)) replaceNow.push(name(s.oldPod));
        else if (unavailable < input.maxUnavailable) candidates.push(name(s.oldPod));
      }
    }
    const budget = Math.min(Math.max(0, input.maxUnavailable - unavailable), candidates.length);
    return { delete: [...replaceNow, ...candidates.slice(0, budget)], surgeOn: [] };
  }

  // Surge: new pods beside old ones, old ones go once the new one is available.
  let surging = 0;
  const toDelete: string[] = [];
  const wantSurge: string[] = [];
  const forcedSurge: string[] = [];
  for (const { node, pods } of input.nodes) {
    const s = split(pods, input.hash);
    if (!s) continue;
    if (s.oldPod && s.newPod) {
      if (available(s.newPod)) toDelete.push(name(s.oldPod));
      else surging++;
    } else if (s.oldPod) {
      // An unavailable old pod is replaced regardless of the surge budget.
      if (!available(s.oldPod)) forcedSurge.push(node);
      else wantSurge.push(node);
    }
  }
  const budget = Math.max(0, input.maxSurge - surging);
  return { delete: toDelete, surgeOn: [...forcedSurge, ...wantSurge.slice(0, budget)] };
}
