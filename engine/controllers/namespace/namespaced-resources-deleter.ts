/**
 * Empties a terminating namespace (upstream: pkg/controller/namespace/deletion/
 * namespaced_resources_deleter.go, deleteAllContent / deleteAllContentForGroupVersionResource /
 * estimateGracefulTermination, and its namespace conditions).
 *
 * For every namespaced kind of RESOURCES: DELETE the collection in the namespace (background
 * propagation, so the garbage collector handles what the objects own), then list what is left.
 * Objects can remain for two expected reasons:
 *   - pods in graceful termination: the estimate is the longest grace period still running, and
 *     the controller checks again after estimate/2 + 1 seconds;
 *   - objects held by finalizers: a default estimate of 15 s (finalizerEstimateSeconds).
 * Anything else remaining is an error (retried by the work queue's rate limiter).
 *
 * The outcome is written as the five namespace conditions upstream keeps on a terminating
 * namespace, with upstream's reasons and messages (e.g. `Some resources are remaining: pods. has
 * 2 resource instances`).
 */
import type { KubeObject } from '../../api/object.ts';
import { RESOURCES, type ResourceInfo } from '../../api/resources.ts';
import type { Client } from '../../client/index.ts';

/** Upstream finalizerEstimateSeconds. */
export const FINALIZER_ESTIMATE_SECONDS = 15;

export interface NamespaceCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

export interface ContentDeletionResult {
  /** Seconds until the remaining content is expected to be gone; 0 when nothing remains. */
  estimateSeconds: number;
  /** plural.group → instances still present. */
  remaining: Map<string, number>;
  /** finalizer → instances holding it. */
  finalizersRemaining: Map<string, number>;
  /** Failed deletions, as messages. */
  errors: string[];
  conditions: NamespaceCondition[];
}

/** Kinds the deleter empties: every namespaced kind the engine serves. */
export function namespacedResources(): ResourceInfo[] {
  return RESOURCES.filter((r) => r.namespaced);
}

const groupResource = (info: ResourceInfo) => `${info.plural}.${info.group}`;

/** estimateGracefulTermination for one pod: the grace it still has (0 when finished or unset). */
function podGraceEstimate(pod: KubeObject): number {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return 0;
  const grace = pod.metadata?.deletionGracePeriodSeconds ?? (pod.spec as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds;
  return grace ?? 0;
}

export async function deleteAllContent(client: Client, namespace: string): Promise<ContentDeletionResult> {
  const remaining = new Map<string, number>();
  const finalizersRemaining = new Map<string, number>();
  const errors: string[] = [];
  let estimate = 0;

  for (const info of namespacedResources()) {
    const rc = client.resource<KubeObject>(info).namespace(namespace);
    try {
      await rc.deleteCollection({ propagationPolicy: 'Background', reason: `namespace ${namespace} is terminating` });
      const left = (await rc.list()).items;
      if (left.length === 0) continue;
      remaining.set(groupResource(info), left.length);
      let gvrEstimate = 0;
      let withFinalizers = 0;
      for (const obj of left) {
        const finalizers = obj.metadata?.finalizers ?? [];
        if (finalizers.length > 0) withFinalizers++;
        for (const f of finalizers) finalizersRemaining.set(f, (finalizersRemaining.get(f) ?? 0) + 1);
        if (info.kind === 'Pod' && info.group === '') gvrEstimate = Math.max(gvrEstimate, podGraceEstimate(obj));
      }
      if (gvrEstimate === 0 && withFinalizers > 0) gvrEstimate = FINALIZER_ESTIMATE_SECONDS;
      if (gvrEstimate === 0) errors.push(`unexpected items still remain in namespace: ${namespace} for gvr: ${info.group}/${info.version}, Resource=${info.plural}`);
      estimate = Math.max(estimate, gvrEstimate);
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }

  return { estimateSeconds: estimate, remaining, finalizersRemaining, errors, conditions: namespaceConditions(remaining, finalizersRemaining, errors) };
}

/** The conditions upstream writes on every pass (namespaceConditionUpdater). */
export function namespaceConditions(
  remaining: ReadonlyMap<string, number>,
  finalizersRemaining: ReadonlyMap<string, number>,
  errors: readonly string[],
): NamespaceCondition[] {
  const sorted = (m: ReadonlyMap<string, number>, fmt: (k: string, n: number) => string) =>
    [...m].filter(([, n]) => n > 0).map(([k, n]) => fmt(k, n)).sort();
  const resources = sorted(remaining, (gr, n) => `${gr} has ${n} resource instances`);
  const finalizers = sorted(finalizersRemaining, (f, n) => `${f} in ${n} resource instances`);
  return [
    { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
    { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
    errors.length > 0
      ? { type: 'NamespaceDeletionContentFailure', status: 'True', reason: 'ContentDeletionFailed', message: `Failed to delete all resource types, ${errors.length} remaining: ${errors.join(', ')}` }
      : { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
    resources.length > 0
      ? { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${resources.join(', ')}` }
      : { type: 'NamespaceContentRemaining', status: 'False', reason: 'ContentRemoved', message: 'All content successfully removed' },
    finalizers.length > 0
      ? { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')}` }
      : { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
  ];
}
