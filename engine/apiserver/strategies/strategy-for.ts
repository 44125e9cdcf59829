/**
 * The strategy of every kind in RESOURCES. Kinds not listed here get the generic defaults of
 * defineStrategy (status subresource as declared in RESOURCES, no generation, no create-on-update).
 */
import type { ResourceInfo } from '../../api/resources.ts';
import type { KubeObject } from '../../api/object.ts';
import { defineStrategy, type Strategy } from './strategy.ts';
import { podStrategy } from './pod.ts';
import { namespaceStrategy } from './namespace.ts';
import { secretStrategy } from './secret.ts';
import { workloadStrategy } from './workloads.ts';
import { jobStrategy } from './job.ts';
import { needsNodePort, type NodePortServiceSpec } from '../handlers/node-port.ts';

/** kube-apiserver --event-ttl default: events disappear an hour after their last write. */
export const EVENT_TTL_SECONDS = 60 * 60;

function build(info: ResourceInfo): Strategy {
  const id = info.group ? `${info.plural}.${info.group}` : info.plural;
  switch (id) {
    case 'pods':
      return podStrategy;
    case 'namespaces':
      return namespaceStrategy;
    case 'secrets':
      return secretStrategy;
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
      return defineStrategy(info, { allowCreateOnUpdate: true, initialStatus: () => ({ loadBalancer: {} }), onUpdate: (obj, old) => {
        keepAllocatedClusterIPs(obj, old);
        updateNodePorts(obj, old);
      } });
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

/**
 * NodePorts across an update (upstream service strategy dropTypeDependentFields and storage
 * patchAllocatedValues):
 *  - leaving NodePort/LoadBalancer for a type without node ports clears nodePorts the client did
 *    not change, which releases them (the store is the allocator's bitmap);
 *  - staying NodePort/LoadBalancer, a port sent without nodePort (kubectl apply) gets back the
 *    one the old port of the same name had, unless another port of the new spec already uses it.
 * Allocating ports for a Service that becomes NodePort on update is not done here (no store
 * access in a strategy): such ports keep no nodePort.
 */
function updateNodePorts(obj: KubeObject, old: KubeObject): void {
  const spec = obj.spec as NodePortServiceSpec | undefined;
  const oldSpec = old.spec as NodePortServiceSpec | undefined;
  if (!spec?.ports || !needsNodePort(oldSpec)) return;
  const oldPorts = oldSpec?.ports ?? [];
  if (!needsNodePort(spec)) {
    const same = spec.ports.length === oldPorts.length && spec.ports.every((p, i) => (p.nodePort ?? 0) === (oldPorts[i]?.nodePort ?? 0));
    if (same) for (const p of spec.ports) delete p.nodePort;
    return;
  }
  const inNew = new Set(spec.ports.map((p) => p.nodePort).filter((n) => !!n));
  const byName = new Map(oldPorts.map((p) => [p.name ?? '', p.nodePort]));
  for (const p of spec.ports) {
    if (p.nodePort) continue;
    const previous = byName.get(p.name ?? '');
    if (previous && !inNew.has(previous)) {
      p.nodePort = previous;
      inNew.add(previous);
    }
  }
}
