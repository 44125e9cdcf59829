/**
 * NodeInfo (KK pkg/scheduler/framework/types.go): everything the plugins need about one node,
 * precomputed so that a Filter or Score call is O(1) in the number of pods: the node, its pods
 * (bound and assumed), the sum of their requests, and the pods that carry (anti-)affinity.
 *
 * PodInfo caches what plugins would otherwise recompute for every node: the pod's requests.
 */
import type { corev1 } from '../../api/types.ts';
import { addResource, emptyResource, nonZeroPodRequests, resourceFromList, type Resource } from './resource.ts';

export interface PodInfo {
  readonly pod: corev1.Pod;
  /** `namespace/name`. */
  readonly key: string;
  /** Requests as NodeResourcesFit counts them (init-container max rule, overhead). */
  readonly requests: Resource;
  /** Requests with upstream's scoring defaults for containers that request nothing. */
  readonly nonZeroRequests: Resource;
}

export type PodRequestsFn = (pod: corev1.Pod) => Resource;

export function newPodInfo(pod: corev1.Pod, podRequests: PodRequestsFn): PodInfo {
  const meta = pod.metadata ?? {};
  return { pod, key: `${meta.namespace ?? ''}/${meta.name ?? ''}`, requests: podRequests(pod), nonZeroRequests: nonZeroPodRequests(pod) };
}

export interface ImageState {
  /** Bytes, from node.status.images[].sizeBytes. */
  size: number;
  /** How many nodes hold this image (for ImageLocality's spread factor). */
  numNodes: number;
}

export class NodeInfo {
  node: corev1.Node;
  readonly pods = new Map<string, PodInfo>();
  /** Sum of the pods' requests (NodeResourcesFit's "used"). */
  readonly requested: Resource = emptyResource();
  readonly nonZeroRequested: Resource = emptyResource();
  allocatable: Resource;
  /** Pods with any pod (anti-)affinity, and those with required anti-affinity (InterPodAffinity). */
  readonly podsWithAffinity = new Set<PodInfo>();
  readonly podsWithRequiredAntiAffinity = new Set<PodInfo>();
  /** Bumped on every change, so derived caches can tell they are stale. */
  generation = 0;

  constructor(node: corev1.Node) {
    this.node = node;
    this.allocatable = resourceFromList(node.status?.allocatable);
  }

  get name(): string {
    return this.node.metadata?.name ?? '';
  }

  get labels(): Readonly<Record<string, string>> {
    return this.node.metadata?.labels ?? {};
  }

  setNode(node: corev1.Node): void {
    this.node = node;
    this.allocatable = resourceFromList(node.status?.allocatable);
    this.generation++;
  }

  addPod(pi: PodInfo): void {
    const old = this.pods.get(pi.key);
    if (old) this.removePod(old.key);
    this.pods.set(pi.key, pi);
    addResource(this.requested, pi.requests);
    addResource(this.nonZeroRequested, pi.nonZeroRequests);
    const aff = pi.pod.spec?.affinity;
    if (aff?.podAffinity || aff?.podAntiAffinity) this.podsWithAffinity.add(pi);
    if (aff?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length) this.podsWithRequiredAntiAffinity.add(pi);
    this.generation++;
  }

  removePod(key: string): PodInfo | undefined {
    const pi = this.pods.get(key);
    if (!pi) return undefined;
    this.pods.delete(key);
    addResource(this.requested, pi.requests, -1);
    addResource(this.nonZeroRequested, pi.nonZeroRequests, -1);
    this.podsWithAffinity.delete(pi);
    this.podsWithRequiredAntiAffinity.delete(pi);
    this.generation++;
    return pi;
  }
}
