/**
 * The scheduler's parts: the teachable cores the course's exercises fill. Each is a plain object
 * of pure functions, injected through createScheduler({ parts }) — the engine never imports
 * solutions/ or exercises/.
 *
 *   scheduler.fit    → FitPart      (NodeResourcesFit's Filter)
 *   scheduler.taints → TaintsPart   (TaintToleration's Filter)
 *   scheduler.score  → ScorePart    (NormalizeScore, weighted sum, selectHost)
 *   scheduler.queue  → QueuePart    (PrioritySort's less, per-pod backoff)
 */
import type { corev1 } from '../api/types.ts';
import type { Resource } from './framework/resource.ts';

// ---- scheduler.fit ---------------------------------------------------------------------------

/** One reason a node cannot take the pod (KK noderesources/fit.go: InsufficientResource). */
export interface InsufficientResource {
  /** 'cpu', 'memory', 'ephemeral-storage', 'pods' or the extended resource's name. */
  resourceName: string;
  /** `Insufficient cpu`, `Too many pods`, ... — what the FailedScheduling message counts. */
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** What NodeResourcesFit knows about a node: allocatable, the pods' summed requests, pod count. */
export interface NodeResources {
  allocatable: Resource;
  requested: Resource;
  podCount: number;
}

export interface FitPart {
  /**
   * The pod's effective requests (component-helpers resource.PodRequests): the sum over app
   * containers, raised to the largest init container (sidecars, restartPolicy Always, add up
   * instead), plus spec.overhead. CPU in millicores.
   */
  podRequests(pod: corev1.Pod): Resource;
  /** fitsRequest: every resource the node lacks for `request`; empty when the pod fits. */
  fitsRequest(request: Resource, node: NodeResources): InsufficientResource[];
}

// ---- scheduler.taints ------------------------------------------------------------------------

export interface TaintsPart {
  /** v1.Toleration.ToleratesTaint. */
  toleratesTaint(toleration: corev1.Toleration, taint: corev1.Taint): boolean;
  /**
   * v1helper.FindMatchingUntoleratedTaint: the first taint accepted by `include` that no
   * toleration tolerates, or undefined when all are tolerated.
   */
  findUntoleratedTaint(
    taints: readonly corev1.Taint[],
    tolerations: readonly corev1.Toleration[],
    include: (taint: corev1.Taint) => boolean,
  ): corev1.Taint | undefined;
}

// ---- scheduler.score -------------------------------------------------------------------------

export interface NodeScore {
  name: string;
  score: number;
}

export interface PluginScores {
  plugin: string;
  weight: number;
  /** Normalized scores (0..100), one per node, in the same node order for every plugin. */
  scores: readonly NodeScore[];
}

/** framework.NodePluginScores: one node's weighted per-plugin scores and their total. */
export interface NodePluginScores {
  name: string;
  scores: { plugin: string; score: number }[];
  totalScore: number;
}

/** The random source selectHost draws from (engine/util/random.ts's Random fits). */
export interface IntSource {
  /** An integer in [0, max). */
  int(max: number): number;
}

export const MAX_NODE_SCORE = 100;

export interface ScorePart {
  /**
   * helper.DefaultNormalizeScore: scales scores so the highest becomes `maxPriority` (integer
   * division, as upstream), reversed (maxPriority − score) when `reverse`. Returns new objects.
   */
  normalizeScore(maxPriority: number, reverse: boolean, scores: readonly NodeScore[]): NodeScore[];
  /** The weighted sum per node: Σ plugin score × weight, in the nodes' order. */
  weightedSum(plugins: readonly PluginScores[]): NodePluginScores[];
  /** selectHost: the name of a node with the highest total; ties broken uniformly at random. */
  selectHost(nodes: readonly NodePluginScores[], random: IntSource): string;
}

// ---- scheduler.queue -------------------------------------------------------------------------

/** What the queue's ordering sees of a waiting pod. */
export interface QueuedPodView {
  /** spec.priority, 0 when unset. */
  priority: number;
  /** When the pod was (re)added to the queue, clock ms. */
  timestamp: number;
}

export interface QueuePart {
  /** PrioritySort.Less: true when `a` must be scheduled before `b`. */
  less(a: QueuedPodView, b: QueuedPodView): boolean;
  /**
   * calculateBackoffDuration: after `attempts` failed attempts (≥ 1), wait initial × 2^(attempts−1),
   * capped at `maxMs`.
   */
  backoffDuration(attempts: number, initialMs: number, maxMs: number): number;
}

export interface SchedulerParts {
  fit: FitPart;
  taints: TaintsPart;
  score: ScorePart;
  queue: QueuePart;
}
