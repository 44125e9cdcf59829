/**
 * The strategy of every kind in RESOURCES. Kinds not listed here get the generic defaults of
 * defineStrategy (status subresource as declared in RESOURCES, no generation, no create-on-update).
 */
import type { ResourceInfo } from '../../api/resources.ts';
import type { KubeObject } from '../../api/object.ts';
import { defineStrategy, type Strategy } from './strategy.ts';
import { podStrategy } from './pod.ts';
import { namespaceStrategy } from './namespace.ts';
import { workloadStrategy } from './workloads.ts';
import { jobStrategy } from './job.ts';

/** kube-apiserver --event-ttl default: events disappear an hour after their last write. */
export const EVENT_TTL_SECONDS = 60 * 60;

function build(info: ResourceInfo): Strategy {
  const id = info.group ? `${info.plural}.${info.group}` : info.plural;
  switch (id) {
    case 'pods':
      return podStrategy;
    case 'namespaces':
      return namespaceStrategy;
    // Nodes register with their status: the kubelet is the client (node strategy keeps it on create).
    case 'nodes':
      return defineStrategy(info, { keepStatusOnCreate: true });
    // The strategies below say AllowCreateOnUpdate() == true upstream: a PUT may create.
    case 'events':
      return defineStrategy(info, { allowCreateOnUpdate: true, ttlSeconds: EVENT_TTL_SECONDS });
    case 'endpoints':
      return defineStrategy(info, { allowCreateOnUpdate: true });
    // An update that leaves spec.clusterIP(s) out keeps the allocated ones (upstream: the service
    // storage's patchAllocatedValues); allocation itself is in handlers/service-ip.ts.
    case 'services':
      return defineStrategy(info, { allowCreateOnUpdate: true, initialStatus: () => ({ loadBalancer: {} }), onUpdate: keepAllocatedClusterIPs });
    // Leases also refuse an update without resourceVersion (AllowUnconditionalUpdate() == false):
    // leader election depends on compare-and-swap.
    case 'leases.coordination.k8s.io':
      return defineStrategy(info, { allowCreateOnUpdate: true, allowUnconditionalUpdate: false });
    case 'persistentvolumes':
    case 'persistentvolumeclaims':
      return defineStrategy(info, { initialStatus: () => ({ phase: 'Pending' }) });
    case 'deployments.apps':
    case 'replicasets.apps':
    case 'statefulsets.apps':
    case 'daemonsets.apps':
    case 'cronjobs.batch':
    case 'ingresses.networking.k8s.io':
      return workloadStrategy(info);
    case 'jobs.batch':
      return jobStrategy(info);
    default:
      return defineStrategy(info);
  }
}

const cache = new Map<ResourceInfo, Strategy>();

export function strategyFor(info: ResourceInfo): Strategy {
  let s = cache.get(info);
  if (!s) cache.set(info, (s = build(info)));
  return s;
}

function keepAllocatedClusterIPs(obj: KubeObject, old: KubeObject): void {
  const spec = obj.spec as { type?: string; clusterIP?: string; clusterIPs?: string[] } | undefined;
  const oldSpec = old.spec as { clusterIP?: string; clusterIPs?: string[] } | undefined;
  if (!spec || spec.type === 'ExternalName' || !oldSpec?.clusterIP) return;
  if (!spec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
  if (!spec.clusterIPs?.length && oldSpec.clusterIPs) spec.clusterIPs = [...oldSpec.clusterIPs];
}
