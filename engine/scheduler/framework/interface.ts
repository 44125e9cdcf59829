/**
 * The scheduling framework's extension points (KK pkg/scheduler/framework/interface.go). A plugin
 * is an object with a name that implements any of the interfaces below; the framework calls them
 * in the order of the profile:
 *
 *   QueueSort → PreFilter → Filter (per node) → PreScore → Score (per node) → NormalizeScore → Bind
 *
 * Everything a plugin returns is a Status (status.ts), never an exception.
 */
import type { corev1 } from '../../api/types.ts';
import type { Client } from '../../client/index.ts';
import type { CycleState } from './cycle-state.ts';
import type { ImageState, NodeInfo } from './node-info.ts';
import type { Status } from './status.ts';
import type { NodeScore, QueuedPodView, SchedulerParts } from '../parts.ts';

// #region extension-points
export interface Plugin {
  readonly name: string;
}

export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodView, b: QueuedPodView): boolean;
}

export interface PreFilterPlugin extends Plugin {
  /** Runs once per cycle; Skip disables this plugin's Filter for the cycle. */
  preFilter(state: CycleState, pod: corev1.Pod, nodes: readonly NodeInfo[]): Status;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: corev1.Pod, node: NodeInfo): Status;
}

export interface PreScorePlugin extends Plugin {
  /** `nodes` are the feasible ones. Skip disables this plugin's Score for the cycle. */
  preScore(state: CycleState, pod: corev1.Pod, nodes: readonly NodeInfo[]): Status;
}

export interface ScorePlugin extends Plugin {
  /** A raw score for one feasible node; NormalizeScore (if any) maps all of them to 0..100. */
  score(state: CycleState, pod: corev1.Pod, node: NodeInfo): number;
  /** ScoreExtensions.NormalizeScore: returns the scores mapped to 0..MaxNodeScore. */
  normalizeScore?(state: CycleState, pod: corev1.Pod, scores: readonly NodeScore[]): NodeScore[];
}

export interface BindPlugin extends Plugin {
  /** Binds the pod; Skip passes to the next Bind plugin. */
  bind(pod: corev1.Pod, nodeName: string): Promise<Status>;
}
// #endregion extension-points

/**
 * Cluster events that may make an unschedulable pod schedulable (framework.ClusterEvent).
 * A plugin lists the ones that can change its verdict (EnqueueExtensions.EventsToRegister);
 * a pod rejected by that plugin goes back to the active queue when one of them happens.
 */
export type ClusterEvent = 'NodeAdd' | 'NodeUpdate' | 'AssignedPodAdd' | 'AssignedPodUpdate' | 'AssignedPodDelete' | 'PvcAdd' | 'PvcUpdate' | 'StorageClassAdd';

export interface EnqueueExtensions {
  eventsToRegister(): readonly ClusterEvent[];
}

/** What plugin factories get (framework.Handle): the client, the parts, all node infos. */
export interface Handle {
  readonly client: Client;
  readonly parts: SchedulerParts;
  /** Every node the scheduler knows, for plugins that look beyond the node at hand. */
  allNodes(): readonly NodeInfo[];
  /** The nodes holding pods with pod (anti-)affinity: InterPodAffinity need not scan the rest. */
  nodesWithPodAffinity(): readonly NodeInfo[];
  nodesWithRequiredAntiAffinity(): readonly NodeInfo[];
  /** Image (normalized name) → size and how many nodes hold it (upstream imageStates). */
  imageStates(): ReadonlyMap<string, ImageState>;
  /**
   * The label selector that groups `pod` with its siblings (helper.DefaultSelector): the
   * selectors of the Services that select it and of its controlling ReplicaSet/StatefulSet,
   * ANDed; undefined when none. PodTopologySpread's system-default constraints use it.
   */
  defaultSelector?(pod: corev1.Pod): LabelSelector | undefined;
  /** A PersistentVolumeClaim from the scheduler's informer cache (VolumeBinding). */
  persistentVolumeClaim?(namespace: string, name: string): corev1.PersistentVolumeClaim | undefined;
  /** A StorageClass from the scheduler's informer cache (VolumeBinding: its volumeBindingMode). */
  storageClassBindingMode?(name: string): string | undefined;
}

export type LabelSelector = NonNullable<corev1.TopologySpreadConstraint['labelSelector']>;

export type PluginFactory = (handle: Handle) => Plugin;

/** Registry: plugin name → factory (KK framework/runtime/registry.go). */
export type Registry = Record<string, PluginFactory>;

export const isQueueSort = (p: Plugin): p is QueueSortPlugin => typeof (p as QueueSortPlugin).less === 'function';
export const isPreFilter = (p: Plugin): p is PreFilterPlugin => typeof (p as PreFilterPlugin).preFilter === 'function';
export const isFilter = (p: Plugin): p is FilterPlugin => typeof (p as FilterPlugin).filter === 'function';
export const isPreScore = (p: Plugin): p is PreScorePlugin => typeof (p as PreScorePlugin).preScore === 'function';
export const isScore = (p: Plugin): p is ScorePlugin => typeof (p as ScorePlugin).score === 'function';
export const isBind = (p: Plugin): p is BindPlugin => typeof (p as BindPlugin).bind === 'function';
export const hasEvents = (p: Plugin): p is Plugin & EnqueueExtensions =>
  typeof (p as Partial<EnqueueExtensions>).eventsToRegister === 'function';
