/**
 * A small harness for tests of the apiserver: a fresh in-memory store on a VirtualClock and an
 * apiserver over it, with a recording trace. Parts are passed in by the caller (tests import
 * them from solutions/ or exercises/; engine code never does).
 */
import { createMvccStore, type KeyIndexFactory, type MvccStore, type TxnComparePart } from '../store/index.ts';
import type { ObjectMetaValidator } from '../api/validation/object-meta.ts';
import { VirtualClock } from '../util/clock.ts';
import { Random } from '../util/random.ts';
import type { AdmissionPluginFactory } from './admission/types.ts';
import type { ClusterIPAllocator } from './handlers/ip-allocator.ts';
import type { SecretDataPart } from './strategies/secret-data.ts';
import type { SecretTypesPart } from '../api/validation/secret-types.ts';
import { createApiServer, type ApiServer } from './api-server.ts';
import type { ResourceRef, TraceEntry, TraceSink } from './types.ts';
import type { KubeObject } from '../api/object.ts';

export interface HarnessParts {
  keyIndex: KeyIndexFactory;
  txnCompare: TxnComparePart;
  objectMetaValidator: ObjectMetaValidator;
  namespaceLifecycle: AdmissionPluginFactory;
  /** The part `service.ipalloc` (optional: without it, ClusterIP Services cannot be created). */
  clusterIPAllocator?: ClusterIPAllocator;
  /** The parts `secret.data` and `secret.types` (optional: see ApiServerOptions). */
  secretData?: SecretDataPart;
  secretTypes?: SecretTypesPart;
}

export interface Harness {
  clock: VirtualClock;
  kv: MvccStore;
  api: ApiServer;
  trace: TraceEntry[];
  close(): Promise<void>;
}

export async function startHarness(parts: HarnessParts, seed = 'test'): Promise<Harness> {
  const clock = new VirtualClock();
  const kv = await createMvccStore({ clock, keyIndex: parts.keyIndex, txnCompare: parts.txnCompare });
  const trace: TraceEntry[] = [];
  const sink: TraceSink = { record: (e) => trace.push(e) };
  const api = await createApiServer({
    kv,
    clock,
    random: new Random(seed),
    objectMetaValidator: parts.objectMetaValidator,
    namespaceLifecycle: parts.namespaceLifecycle,
    clusterIPAllocator: parts.clusterIPAllocator,
    secretData: parts.secretData,
    secretTypes: parts.secretTypes,
    trace: sink,
  });
  return {
    clock,
    kv,
    api,
    trace,
    async close() {
      await api.close();
      await kv.close();
    },
  };
}

// ---- references and minimal objects for tests -------------------------------------------------


export const refs = {
  pods: (namespace = 'default'): ResourceRef => ({ group: '', version: 'v1', resource: 'pods', namespace }),
  configmaps: (namespace = 'default'): ResourceRef => ({ group: '', version: 'v1', resource: 'configmaps', namespace }),
  events: (namespace = 'default'): ResourceRef => ({ group: '', version: 'v1', resource: 'events', namespace }),
  leases: (namespace = 'default'): ResourceRef => ({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace }),
  secrets: (namespace = 'default'): ResourceRef => ({ group: '', version: 'v1', resource: 'secrets', namespace }),
  deployments: (namespace = 'default'): ResourceRef => ({ group: 'apps', version: 'v1', resource: 'deployments', namespace }),
  namespaces: (): ResourceRef => ({ group: '', version: 'v1', resource: 'namespaces' }),
  nodes: (): ResourceRef => ({ group: '', version: 'v1', resource: 'nodes' }),
};

export function podObject(name: string, extra: { labels?: Record<string, string>; nodeName?: string; finalizers?: string[] } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: extra.labels, finalizers: extra.finalizers },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], nodeName: extra.nodeName },
  };
}

export function configMapObject(name: string, data: Record<string, string> = { k: 'v' }, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data };
}

export function deploymentObject(name: string, replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } },
    },
  };
}
