/**
 * PodTopologySpread (KK plugins/podtopologyspread/{filtering,scoring}.go).
 *
 * For each constraint, pods matching its labelSelector (same namespace, not terminating) are
 * counted per topology domain (the value of `topologyKey` on their node). Only nodes that carry
 * every constraint's key, and — nodeAffinityPolicy Honor, the default — match the incoming
 * pod's nodeSelector/affinity, form domains; each such node's domain exists even with 0 pods.
 *
 *   skew = (pods in the candidate's domain + 1 if the pod matches its own selector) − global min
 *
 * The global min is taken over all eligible domains, and is 0 when there are fewer domains than
 * minDomains. DoNotSchedule: skew > maxSkew filters the node (`node(s) didn't match pod topology
 * spread constraints`; a node without the key: `... (missing required label)`, unresolvable).
 * ScheduleAnyway: a node scores Σ count × log(domains + 2) + (maxSkew − 1) per constraint; fewer
 * matching pods is better, so NormalizeScore reverses: 100 × (max + min − s) / max.
 *
 * System defaults (defaultingType List, the default): a pod without constraints that belongs to
 * a Service, ReplicaSet or StatefulSet is scored as if it had `hostname maxSkew 3` and
 * `zone maxSkew 5`, both ScheduleAnyway, over its siblings — which is what spreads a
 * Deployment's replicas. With these, a node lacking a key is simply not counted for it.
 */
import type { corev1 } from '../../api/types.ts';
import type { EnqueueExtensions, FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interface.ts';
import type { NodeInfo } from '../framework/node-info.ts';
import { constant, skip, success, unresolvable, unschedulable } from '../framework/status.ts';
import { MAX_NODE_SCORE } from '../parts.ts';
import { Names } from './names.ts';
import { podMatchesNodeSelectorAndAffinity } from '../../api/scheduling/node-affinity.ts';
import { selectorOf } from './pod-selector.ts';
import type { Selector } from '../../api/labels.ts';

export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';
const MISSING_LABEL = constant(unresolvable(ErrReasonNodeLabelNotMatch));
const SKEW_TOO_BIG = constant(unschedulable(ErrReasonConstraintsNotMatch));

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  minDomains: number;
  selector: Selector;
  honorAffinity: boolean;
  honorTaints: boolean;
}

export const SYSTEM_DEFAULT_CONSTRAINTS = [
  { topologyKey: 'kubernetes.io/hostname', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 5 },
] as const;

function systemDefaultConstraints(pod: corev1.Pod, handle: Handle): Constraint[] {
  if (pod.spec?.topologySpreadConstraints?.length) return [];
  const ls = handle.defaultSelector?.(pod);
  if (!ls) return [];
  const selector = selectorOf(ls);
  return SYSTEM_DEFAULT_CONSTRAINTS.map((c) => ({ ...c, minDomains: 1, selector, honorAffinity: true, honorTaints: false }));
}

interface SpreadState {
  constraints: Constraint[];
  /** Per constraint: domain value → matching pods. */
  counts: Map<string, number>[];
  /** Per constraint: the global minimum over eligible domains. */
  minMatch: number[];
  selfMatch: number[];
}

const FILTER_KEY = 'PreFilter' + Names.PodTopologySpread;
const SCORE_KEY = 'PreScore' + Names.PodTopologySpread;

function constraintsOf(pod: corev1.Pod, when: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const labels = pod.metadata?.labels ?? {};
  return (pod.spec?.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === when)
    .map((c) => {
      // matchLabelKeys: the pod's own values for these keys are ANDed into the selector.
      const ls = c.labelSelector ? { ...c.labelSelector, matchExpressions: [...(c.labelSelector.matchExpressions ?? [])] } : undefined;
      if (ls) for (const k of c.matchLabelKeys ?? []) if (k in labels) ls.matchExpressions.push({ key: k, operator: 'In', values: [labels[k] as string] });
      return {
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        minDomains: c.minDomains ?? 1,
        selector: c.matchLabelKeys?.length ? selectorOf(ls) : selectorOf(c.labelSelector),
        honorAffinity: (c.nodeAffinityPolicy ?? 'Honor') === 'Honor',
        honorTaints: c.nodeTaintsPolicy === 'Honor',
      };
    });
}

function countPods(pod: corev1.Pod, constraints: Constraint[], nodes: readonly NodeInfo[], handle: Handle, requireAllTopologies = true): SpreadState {
  const ns = pod.metadata?.namespace ?? '';
  const counts = constraints.map(() => new Map<string, number>());
  const { findUntoleratedTaint } = handle.parts.taints;
  for (const ni of nodes) {
    const labels = ni.labels;
    if (requireAllTopologies && !constraints.every((c) => labels[c.topologyKey] !== undefined)) continue;
    constraints.forEach((c, i) => {
      if (labels[c.topologyKey] === undefined) return;
      if (c.honorAffinity && !podMatchesNodeSelectorAndAffinity(pod, ni.node)) return;
      if (c.honorTaints && findUntoleratedTaint(ni.node.spec?.taints ?? [], pod.spec?.tolerations ?? [], (t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute')) return;
      let n = 0;
      for (const pi of ni.pods.values()) {
        const p = pi.pod;
        if (p.metadata?.namespace === ns && !p.metadata?.deletionTimestamp && c.selector.matches(p.metadata?.labels ?? {})) n++;
      }
      const v = labels[c.topologyKey] as string;
      const m = counts[i] as Map<string, number>;
      m.set(v, (m.get(v) ?? 0) + n);
    });
  }
  const podLabels = pod.metadata?.labels ?? {};
  return {
    constraints,
    counts,
    minMatch: constraints.map((c, i) => {
      const m = counts[i] as Map<string, number>;
      if (m.size < c.minDomains) return 0;
      return m.size === 0 ? 0 : Math.min(...m.values());
    }),
    selfMatch: constraints.map((c) => (c.selector.matches(podLabels) ? 1 : 0)),
  };
}

export function newPodTopologySpread(handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  return {
    name: Names.PodTopologySpread,
    preFilter(state, pod, nodes) {
      const constraints = constraintsOf(pod, 'DoNotSchedule');
      if (constraints.length === 0) return skip();
      state.write(FILTER_KEY, countPods(pod, constraints, nodes, handle));
      return success();
    },
    filter(state, _pod, node) {
      const s = state.read<SpreadState>(FILTER_KEY);
      if (!s) return success();
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i] as Constraint;
        const v = node.labels[c.topologyKey];
        if (v === undefined) return MISSING_LABEL;
        const skew = ((s.counts[i] as Map<string, number>).get(v) ?? 0) + (s.selfMatch[i] as number) - (s.minMatch[i] as number);
        if (skew > c.maxSkew) return SKEW_TOO_BIG;
      }
      return success();
    },
    preScore(state, pod, feasible) {
      let constraints = constraintsOf(pod, 'ScheduleAnyway');
      const systemDefaulted = constraints.length === 0 && !pod.spec?.topologySpreadConstraints?.length;
      if (systemDefaulted) constraints = systemDefaultConstraints(pod, handle);
      if (constraints.length === 0) return skip();
      const s = countPods(pod, constraints, handle.allNodes(), handle, !systemDefaulted);
      // Domains among the feasible nodes normalise the weight of each constraint.
      const weights = constraints.map((c) => Math.log(new Set(feasible.map((n) => n.labels[c.topologyKey]).filter((v) => v !== undefined)).size + 2));
      state.write(SCORE_KEY, { s, weights, requireAll: !systemDefaulted });
      return success();
    },
    score(state, _pod, node) {
      const st = state.read<{ s: SpreadState; weights: number[]; requireAll: boolean }>(SCORE_KEY);
      if (!st) return 0;
      let score = 0;
      for (let i = 0; i < st.s.constraints.length; i++) {
        const c = st.s.constraints[i] as Constraint;
        const v = node.labels[c.topologyKey];
        if (v === undefined) {
          if (st.requireAll) return -1; // ignored: no domain
          continue;
        }
        const cnt = (st.s.counts[i] as Map<string, number>).get(v) ?? 0;
        score += cnt * (st.weights[i] as number) + (c.maxSkew - 1);
      }
      return Math.round(score);
    },
    normalizeScore(_state, _pod, scores) {
      const valid = scores.filter((s) => s.score >= 0).map((s) => s.score);
      if (valid.length === 0) return scores.map((s) => ({ name: s.name, score: 0 }));
      const max = Math.max(...valid);
      const min = Math.min(...valid);
      return scores.map((s) => {
        if (s.score < 0) return { name: s.name, score: 0 };
        if (max === 0) return { name: s.name, score: MAX_NODE_SCORE };
        return { name: s.name, score: Math.trunc((MAX_NODE_SCORE * (max + min - s.score)) / max) };
      });
    },
    eventsToRegister: () => ['NodeAdd', 'NodeUpdate', 'AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'],
  };
}
