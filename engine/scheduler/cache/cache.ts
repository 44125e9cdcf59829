/**
 * The scheduler cache (KK pkg/scheduler/backend/cache/cache.go): a NodeInfo per node, kept up to
 * date from the informers, plus *assumed* pods.
 *
 * Assume: as soon as a pod is chosen for a node — before the bind call returns, long before the
 * informer sees spec.nodeName — it counts against that node, so the next pod in the queue does
 * not get the same free CPU. When the informer later delivers the bound pod, the assumed entry is
 * confirmed (replaced by the real object). If binding fails, forgetPod takes it back out.
 *
 * Pods may arrive before their node (informers are independent); they wait in a NodeInfo without
 * a node, which list() does not return.
 */
import type { corev1 } from '../../api/types.ts';
import { NodeInfo, newPodInfo, type ImageState, type PodRequestsFn } from '../framework/node-info.ts';
import { normalizedImageName } from '../framework/image.ts';

interface PodState {
  nodeName: string;
  assumed: boolean;
}

const hasPodAffinity = (p: corev1.Pod) => !!(p.spec?.affinity?.podAffinity || p.spec?.affinity?.podAntiAffinity);
const keyOf = (p: corev1.Pod) => `${p.metadata?.namespace ?? ''}/${p.metadata?.name ?? ''}`;

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly hasNode = new Set<string>();
  private readonly podStates = new Map<string, PodState>();
  /** Nodes in insertion order (the round-robin order of numFeasibleNodesToFind). */
  private ordered: NodeInfo[] = [];
  private orderedDirty = false;
  /** Nodes holding pods with pod (anti-)affinity (upstream havePodsWithAffinityNodeInfoList). */
  private withAffinity: NodeInfo[] = [];
  private withRequiredAntiAffinity: NodeInfo[] = [];
  private affinityDirty = false;
  private images = new Map<string, ImageState>();
  private imagesDirty = false;

  constructor(private readonly podRequests: PodRequestsFn) {}

  /** Nodes the scheduler can place pods on, in a stable order. */
  list(): readonly NodeInfo[] {
    if (this.orderedDirty) {
      this.ordered = [...this.nodes.values()].filter((ni) => this.hasNode.has(ni.name));
      this.orderedDirty = false;
    }
    return this.ordered;
  }

  /** Nodes with at least one pod that has pod affinity or anti-affinity. */
  listWithPodAffinity(): readonly NodeInfo[] {
    this.refreshAffinityLists();
    return this.withAffinity;
  }

  /** Nodes with at least one pod that has required pod anti-affinity. */
  listWithRequiredAntiAffinity(): readonly NodeInfo[] {
    this.refreshAffinityLists();
    return this.withRequiredAntiAffinity;
  }

  private refreshAffinityLists(): void {
    if (!this.affinityDirty && !this.orderedDirty) return;
    const all = this.list();
    this.withAffinity = all.filter((ni) => ni.podsWithAffinity.size > 0);
    this.withRequiredAntiAffinity = all.filter((ni) => ni.podsWithRequiredAntiAffinity.size > 0);
    this.affinityDirty = false;
  }

  /** Image → size and number of nodes holding it, over all nodes; rebuilt only after images change. */
  imageStates(): ReadonlyMap<string, ImageState> {
    if (this.imagesDirty) {
      const m = new Map<string, ImageState>();
      for (const ni of this.list()) {
        for (const img of ni.node.status?.images ?? []) {
          const seen = new Set<string>();
          for (const n of img.names ?? []) {
            const name = normalizedImageName(n);
            if (seen.has(name)) continue;
            seen.add(name);
            const st = m.get(name) ?? { size: img.sizeBytes ?? 0, numNodes: 0 };
            st.numNodes++;
            m.set(name, st);
          }
        }
      }
      this.images = m;
      this.imagesDirty = false;
    }
    return this.images;
  }

  get(name: string): NodeInfo | undefined {
    return this.hasNode.has(name) ? this.nodes.get(name) : undefined;
  }

  nodeCount(): number {
    return this.hasNode.size;
  }

  addNode(node: corev1.Node): void {
    const name = node.metadata?.name ?? '';
    const ni = this.nodes.get(name);
    const oldImages = ni && this.hasNode.has(name) ? ni.node.status?.images : undefined;
    if (ni) ni.setNode(node);
    else this.nodes.set(name, new NodeInfo(node));
    if ((oldImages?.length || node.status?.images?.length) && JSON.stringify(oldImages ?? []) !== JSON.stringify(node.status?.images ?? [])) {
      this.imagesDirty = true;
    }
    if (!this.hasNode.has(name)) {
      this.hasNode.add(name);
      this.orderedDirty = true;
    }
  }

  updateNode(node: corev1.Node): void {
    this.addNode(node);
  }

  removeNode(node: corev1.Node): void {
    const name = node.metadata?.name ?? '';
    if (this.nodes.get(name)?.node.status?.images?.length) this.imagesDirty = true;
    this.hasNode.delete(name);
    const ni = this.nodes.get(name);
    if (ni && ni.pods.size === 0) this.nodes.delete(name);
    this.orderedDirty = true;
  }

  isAssumed(key: string): boolean {
    return this.podStates.get(key)?.assumed === true;
  }

  /** AssumePod: `pod` with spec.nodeName set counts against that node from now on. */
  assumePod(pod: corev1.Pod): void {
    const key = keyOf(pod);
    if (this.podStates.has(key)) throw new Error(`pod ${key} is already in the cache`);
    this.place(pod);
    this.podStates.set(key, { nodeName: pod.spec?.nodeName ?? '', assumed: true });
  }

  /** ForgetPod: binding failed; the assumed pod stops counting. */
  forgetPod(pod: corev1.Pod): void {
    const key = keyOf(pod);
    const st = this.podStates.get(key);
    if (!st?.assumed) return;
    this.unplace(st.nodeName, key);
    this.podStates.delete(key);
  }

  /** An assigned pod from the informer (confirms an assumed one). */
  addPod(pod: corev1.Pod): void {
    const key = keyOf(pod);
    const st = this.podStates.get(key);
    if (st) {
      // Confirm: the real object replaces the assumed one, possibly on another node.
      this.unplace(st.nodeName, key);
    }
    this.place(pod);
    this.podStates.set(key, { nodeName: pod.spec?.nodeName ?? '', assumed: false });
  }

  updatePod(pod: corev1.Pod): void {
    this.addPod(pod);
  }

  removePod(pod: corev1.Pod): void {
    const key = keyOf(pod);
    const st = this.podStates.get(key);
    if (!st) return;
    this.unplace(st.nodeName, key);
    this.podStates.delete(key);
  }

  private place(pod: corev1.Pod): void {
    const pi = newPodInfo(pod, this.podRequests);
    this.nodeInfo(pod.spec?.nodeName ?? '').addPod(pi);
    if (hasPodAffinity(pod)) this.affinityDirty = true;
  }

  private unplace(nodeName: string, key: string): void {
    const pi = this.nodeInfo(nodeName).removePod(key);
    if (pi && hasPodAffinity(pi.pod)) this.affinityDirty = true;
    this.cleanup(nodeName);
  }

  private nodeInfo(name: string): NodeInfo {
    let ni = this.nodes.get(name);
    if (!ni) {
      ni = new NodeInfo({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
      this.nodes.set(name, ni);
    }
    return ni;
  }

  private cleanup(name: string): void {
    const ni = this.nodes.get(name);
    if (ni && !this.hasNode.has(name) && ni.pods.size === 0) this.nodes.delete(name);
  }
}
