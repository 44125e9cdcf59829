/**
 * InterPodAffinity (KK plugins/interpodaffinity/{filtering,scoring}.go).
 *
 * PreFilter counts, per topology pair `key=value`, (1) existing pods whose required
 * anti-affinity matches the incoming pod, (2) existing pods matching all the incoming pod's
 * required affinity terms, (3) existing pods matching each of its anti-affinity terms.
 * Filter then checks a node in O(terms), in upstream's order:
 *   affinity   → `node(s) didn't match pod affinity rules` (UnschedulableAndUnresolvable)
 *   anti       → `node(s) didn't match pod anti-affinity rules`
 *   existing   → `node(s) didn't satisfy existing pods anti-affinity rules`
 * The first pod of a group that has affinity to itself may go anywhere: when no pod matches the
 * affinity terms at all and the pod matches its own terms, affinity is satisfied.
 *
 * Score: preferred terms of the incoming pod (+weight / −weight for anti), existing pods'
 * preferred terms towards it, and existing pods' required affinity (hardPodAffinityWeight 1),
 * summed per topology pair, then min–max normalized to 0..100.
 */
import type { corev1 } from '../../api/types.ts';
import type { EnqueueExtensions, FilterPlugin, Handle, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interface.ts';
import type { NodeInfo } from '../framework/node-info.ts';
import { constant, skip, success, unresolvable, unschedulable } from '../framework/status.ts';
import { MAX_NODE_SCORE } from '../parts.ts';
import { Names } from './names.ts';
import {
  preferredAffinityTerms,
  preferredAntiAffinityTerms,
  requiredAffinityTerms,
  requiredAntiAffinityTerms,
  termMatches,
} from './pod-selector.ts';

export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";
export const HARD_POD_AFFINITY_WEIGHT = 1;
const AFFINITY_REJECTED = constant(unresolvable(ErrReasonAffinityRulesNotMatch));
const ANTI_REJECTED = constant(unschedulable(ErrReasonAntiAffinityRulesNotMatch));
const EXISTING_ANTI_REJECTED = constant(unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch));

const FILTER_KEY = 'PreFilter' + Names.InterPodAffinity;
const SCORE_KEY = 'PreScore' + Names.InterPodAffinity;

/** topologyKey → topology value → count (upstream topologyToMatchedTermCount). */
type Counts = Map<string, Map<string, number>>;
const bump = (m: Counts, key: string, value: string | undefined, by: number) => {
  if (value === undefined) return;
  let inner = m.get(key);
  if (!inner) m.set(key, (inner = new Map()));
  inner.set(value, (inner.get(value) ?? 0) + by);
};
const countAt = (m: Counts, key: string, value: string | undefined): number =>
  value === undefined ? 0 : (m.get(key)?.get(value) ?? 0);

interface FilterState {
  existingAnti: Counts;
  affinity: Counts;
  anti: Counts;
  affinityTerms: readonly corev1.PodAffinityTerm[];
  antiTerms: readonly corev1.PodAffinityTerm[];
}

export function newInterPodAffinity(handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  return {
    name: Names.InterPodAffinity,
    preFilter(state, pod, nodes) {
      const affinityTerms = requiredAffinityTerms(pod);
      const antiTerms = requiredAntiAffinityTerms(pod);
      const s: FilterState = { existingAnti: new Map(), affinity: new Map(), anti: new Map(), affinityTerms, antiTerms };
      let anyExistingAnti = false;
      for (const ni of handle.nodesWithRequiredAntiAffinity()) {
        for (const pi of ni.podsWithRequiredAntiAffinity) {
          for (const term of requiredAntiAffinityTerms(pi.pod)) {
            if (termMatches(term, pi.pod, pod)) {
              bump(s.existingAnti, term.topologyKey, ni.labels[term.topologyKey], 1);
              anyExistingAnti = true;
            }
          }
        }
      }
      if (!anyExistingAnti && affinityTerms.length === 0 && antiTerms.length === 0) return skip();
      if (affinityTerms.length || antiTerms.length) {
        for (const ni of nodes) {
          if (ni.pods.size === 0) continue;
          for (const pi of ni.pods.values()) {
            if (affinityTerms.length && affinityTerms.every((t) => termMatches(t, pod, pi.pod))) {
              for (const t of affinityTerms) bump(s.affinity, t.topologyKey, ni.labels[t.topologyKey], 1);
            }
            for (const t of antiTerms) if (termMatches(t, pod, pi.pod)) bump(s.anti, t.topologyKey, ni.labels[t.topologyKey], 1);
          }
        }
      }
      state.write(FILTER_KEY, s);
      return success();
    },
    filter(state, pod, node) {
      const s = state.read<FilterState>(FILTER_KEY);
      if (!s) return success();
      const labels = node.labels;
      if (s.affinityTerms.length) {
        const satisfied = s.affinityTerms.every((t) => {
          const v = labels[t.topologyKey];
          return v !== undefined && countAt(s.affinity, t.topologyKey, v) > 0;
        });
        if (!satisfied) {
          const selfMatch = s.affinity.size === 0 && s.affinityTerms.every((t) => termMatches(t, pod, pod));
          const hasKeys = s.affinityTerms.every((t) => labels[t.topologyKey] !== undefined);
          if (!(selfMatch && hasKeys)) return AFFINITY_REJECTED;
        }
      }
      for (const t of s.antiTerms) {
        const v = labels[t.topologyKey];
        if (countAt(s.anti, t.topologyKey, v) > 0) return ANTI_REJECTED;
      }
      for (const k of s.existingAnti.keys()) {
        if (countAt(s.existingAnti, k, labels[k]) > 0) return EXISTING_ANTI_REJECTED;
      }
      return success();
    },
    preScore(state, pod) {
      const all = handle.allNodes();
      const prefAff = preferredAffinityTerms(pod);
      const prefAnti = preferredAntiAffinityTerms(pod);
      const existingWithAffinity = handle.nodesWithPodAffinity().length > 0;
      if (!prefAff.length && !prefAnti.length && !existingWithAffinity) return skip();
      const scores: Counts = new Map();
      const topologyKeys = new Set<string>();
      const add = (ni: NodeInfo, key: string, w: number) => {
        topologyKeys.add(key);
        bump(scores, key, ni.labels[key], w);
      };
      const incomingHasTerms = prefAff.length > 0 || prefAnti.length > 0;
      for (const ni of incomingHasTerms ? all : handle.nodesWithPodAffinity()) {
        const candidates = incomingHasTerms ? ni.pods.values() : ni.podsWithAffinity.values();
        for (const pi of candidates) {
          const existing = pi.pod;
          for (const w of prefAff) if (termMatches(w.podAffinityTerm, pod, existing)) add(ni, w.podAffinityTerm.topologyKey, w.weight);
          for (const w of prefAnti) if (termMatches(w.podAffinityTerm, pod, existing)) add(ni, w.podAffinityTerm.topologyKey, -w.weight);
          for (const t of requiredAffinityTerms(existing)) if (termMatches(t, existing, pod)) add(ni, t.topologyKey, HARD_POD_AFFINITY_WEIGHT);
          for (const w of preferredAffinityTerms(existing)) if (termMatches(w.podAffinityTerm, existing, pod)) add(ni, w.podAffinityTerm.topologyKey, w.weight);
          for (const w of preferredAntiAffinityTerms(existing)) if (termMatches(w.podAffinityTerm, existing, pod)) add(ni, w.podAffinityTerm.topologyKey, -w.weight);
        }
      }
      if (scores.size === 0) return skip();
      state.write(SCORE_KEY, { scores, topologyKeys: [...topologyKeys] });
      return success();
    },
    score(state, _pod, node) {
      const s = state.read<{ scores: Counts; topologyKeys: string[] }>(SCORE_KEY);
      if (!s) return 0;
      let total = 0;
      for (const k of s.topologyKeys) total += countAt(s.scores, k, node.labels[k]);
      return total;
    },
    normalizeScore(_state, _pod, scores) {
      if (scores.length === 0) return [];
      const min = Math.min(...scores.map((s) => s.score));
      const max = Math.max(...scores.map((s) => s.score));
      const diff = max - min;
      return scores.map((s) => ({ name: s.name, score: diff > 0 ? Math.trunc((MAX_NODE_SCORE * (s.score - min)) / diff) : 0 }));
    },
    eventsToRegister: () => ['NodeAdd', 'NodeUpdate', 'AssignedPodAdd', 'AssignedPodUpdate', 'AssignedPodDelete'],
  };
}
