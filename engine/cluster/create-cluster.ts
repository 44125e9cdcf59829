/**
 * The composition root: builds a cluster from its pieces — the clock and randomness, the store,
 * the apiserver, the scheduler, the controller-manager, and a runtime plus kubelet per node — and
 * fills each part from solutions/ unless told otherwise. Everything is wired through the API
 * exactly as in Kubernetes: components get a client, never the store.
 *
 * This file is isomorphic (it runs in the browser playground). Persistence on disk is a
 * Node-only adapter: engine/node's createCluster passes a `backend` made from `dataDir`.
 */
import { VirtualClock, yieldToHost, type Clock } from '../util/clock.ts';
import { Random } from '../util/random.ts';
import { createMvccStore, type MvccStore } from '../store/index.ts';
import type { Backend } from '../store/backend.ts';
import type { KV } from '../store/kv.ts';
import { createApiServer, type ApiServer } from '../apiserver/index.ts';
import { createClient, type Client } from '../client/index.ts';
import { createScheduler, type Scheduler } from '../scheduler/index.ts';
import { createControllerManager, defaultControllers, type ControllerManager } from '../controllers/index.ts';
import { ensureDefaultStorageClass } from '../controllers/volume/default-storage-class.ts';
import { createSimulatedDisks, type SimulatedDisks } from '../runtime/simulated-disks.ts';
import { createSimulatedNetwork, type SimulatedNetwork } from '../runtime/index.ts';
import { Trace } from './trace.ts';
import type { Parts } from './parts.ts';
import { defaultParts } from './default-parts.ts';
import { resolveNodeSpecs, type NodeSpec } from './node-spec.ts';
import { NodePool } from './node-pool.ts';
import { createIngressController } from '../ingress/index.ts';
import { createClusterDns, type ClusterDns } from '../dns/index.ts';

export interface ClusterOptions<C extends Clock = VirtualClock> {
  /** The cluster's clock; default a VirtualClock that moves only when advanced. */
  clock?: C;
  /** Seed for every random choice (uids, generated names, ...); default 'tinykube'. */
  seed?: string | number;
  /** Durable storage for the store (see engine/node for a data directory). */
  backend?: Backend;
  /** Snapshot the store every N writes when a backend is given. */
  snapshotEvery?: number;
  /**
   * An external store used instead of the embedded one (e.g. a real etcd: engine/node/etcd's
   * createEtcdKV). The cluster takes ownership and closes it. `backend`/`snapshotEvery` are then
   * ignored, and the `store.mvcc`/`store.txn` parts are not used.
   */
  kv?: KV;
  /** Parts to take from somewhere other than solutions/ (e.g. the learner's exercises/). */
  parts?: Partial<Parts>;
  /** Simulated nodes, each with a runtime and a kubelet: a count, or one spec per node. Default none. */
  nodes?: number | NodeSpec[];
  /**
   * Run the scheduler and the controller-manager. Default: on when `nodes` is given (a cluster to
   * run workloads on), off otherwise — a bare apiserver, which is what the store and apiserver
   * chapters need and what a test that drives one controller by hand wants.
   */
  controlPlane?: boolean;
  /**
   * With the control plane, create the default StorageClass `standard` (provisioner
   * tinykube.io/hostpath, engine/controllers/volume/default-storage-class.ts) as kind does.
   * Default true.
   */
  defaultStorageClass?: boolean;
}

/** A failure a component survived (API errors, runtime errors), kept for failure reports. */
export interface ComponentError {
  time: number;
  component: string;
  message: string;
}

export interface Cluster<C extends Clock = VirtualClock> {
  readonly clock: C;
  readonly random: Random;
  /** The store behind the apiserver. Components never touch it: tests and tools may. */
  readonly kv: MvccStore;
  readonly apiserver: ApiServer;
  readonly trace: Trace;
  readonly parts: Readonly<Parts>;
  /** The pod network every runtime attaches to. */
  readonly network: SimulatedNetwork;
  /** The cluster DNS serving 10.96.0.10 (with the control plane; undefined without). */
  readonly dns: ClusterDns | undefined;
  /** The simulated machines: stop, start, partition, heal. */
  readonly nodes: NodePool;
  /** The simulated storage behind PersistentVolumes and hostPath volumes. */
  readonly disks: SimulatedDisks;
  readonly scheduler: Scheduler | undefined;
  readonly controllerManager: ControllerManager | undefined;
  /** The last errors components survived, oldest first. */
  errors(): readonly ComponentError[];
  /** A client acting as `user` (shown in the trace); default 'admin'. */
  client(user?: string): Client;
  /** Stops nodes, control plane, watches and timers; the cluster is unusable afterwards. */
  close(): Promise<void>;
}

const MAX_ERRORS = 500;

export async function createCluster<C extends Clock = VirtualClock>(options: ClusterOptions<C> = {}): Promise<Cluster<C>> {
  const clock = options.clock ?? (new VirtualClock() as unknown as C);
  const random = new Random(options.seed ?? 'tinykube');
  const parts: Parts = { ...defaultParts, ...options.parts };
  const trace = new Trace();
  const errors: ComponentError[] = [];
  const onError = (component: string, err: unknown) => {
    errors.push({ time: clock.now(), component, message: err instanceof Error ? err.message : String(err) });
    if (errors.length > MAX_ERRORS) errors.shift();
  };

  const kv = options.kv ? asMvccStore(options.kv) : await createMvccStore({ clock, keyIndex: parts['store.mvcc'], txnCompare: parts['store.txn'], backend: options.backend, snapshotEvery: options.snapshotEvery });
  const stack: Array<() => Promise<void>> = [() => kv.close()];
  const closeAll = async () => {
    for (const close of stack.splice(0).reverse()) await close();
  };

  try {
    const apiserver = await createApiServer({
      kv,
      clock,
      random: random.fork('apiserver'),
      objectMetaValidator: parts['apiserver.validation'],
      namespaceLifecycle: parts['apiserver.admission'],
      clusterIPAllocator: parts['service.ipalloc'],
      secretData: parts['secret.data'],
      secretTypes: parts['secret.types'],
      trace,
    });
    stack.push(() => apiserver.close());
    const client = (user = 'admin') => createClient(apiserver, { user });

    // The cluster's storage: PV contents and hostPath directories outlive pods and kubelets.
    const disks = createSimulatedDisks();
    let controllerManager: ControllerManager | undefined;
    let scheduler: Scheduler | undefined;
    if (options.controlPlane ?? options.nodes !== undefined) {
      const kcm = createControllerManager({
        client: client('kube-controller-manager'),
        clock,
        random: random.fork('kube-controller-manager'),
        controllers: defaultControllers(parts, { disks }),
        onError: (controller, err) => onError(controller, err),
      });
      await kcm.start();
      stack.push(() => kcm.stop());
      if (options.defaultStorageClass !== false) await ensureDefaultStorageClass(client('system:addon-manager'));
      controllerManager = kcm;
      const sched = createScheduler({
        client: client('system:kube-scheduler'),
        clock,
        random: random.fork('kube-scheduler'),
        parts: { fit: parts['scheduler.fit'], taints: parts['scheduler.taints'], score: parts['scheduler.score'], queue: parts['scheduler.queue'] },
        onError: (err) => onError('kube-scheduler', err),
      });
      await sched.start();
      stack.push(() => sched.stop());
      scheduler = sched;
    }

    const network = createSimulatedNetwork({ clock });
    let dns: ClusterDns | undefined;
    if (controllerManager) {
      // Cluster DNS (engine/dns): CoreDNS behind the kube-dns Service IP, before any pod starts.
      const clusterDns = createClusterDns({ client: client('system:kube-dns'), clock, random: random.fork('kube-dns'), network, onError: (err) => onError('kube-dns', err) });
      await clusterDns.start();
      stack.push(() => clusterDns.stop());
      dns = clusterDns;
    }
    const nodes = new NodePool({ api: apiserver, clock, random: random.fork('nodes'), network, parts, onError, disks });
    stack.push(() => nodes.close());
    for (const spec of resolveNodeSpecs(options.nodes)) await nodes.add(spec);
    if (controllerManager) {
      // The ingress controller (engine/ingress): listens on every node's IP, ports 80 and 443.
      const ingress = createIngressController({
        client: client('system:ingress-controller'),
        clock,
        random: random.fork('ingress-controller'),
        network,
        parts: { paths: parts['ingress.path'], hosts: parts['ingress.host'] },
        onError: (err) => onError('ingress-controller', err),
      });
      await ingress.start();
      stack.push(() => ingress.stop());
    }
    await yieldToHost();

    let closed = false;
    return {
      clock,
      random,
      kv,
      apiserver,
      trace,
      parts,
      network,
      dns,
      nodes,
      disks,
      scheduler,
      controllerManager,
      errors: () => errors,
      client,
      async close() {
        if (closed) return;
        closed = true;
        await closeAll();
      },
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}

/**
 * Cluster.kv offers MvccStore's synchronous views; an external KV that lacks them gets them from
 * the highest response revision it returned (what this cluster has seen of the store).
 */
function asMvccStore(kv: KV): MvccStore {
  const full = kv as Partial<MvccStore>;
  if (typeof full.currentRevision === 'function' && typeof full.compactRevision === 'function') return kv as MvccStore;
  let seen = 0;
  let compacted = 0;
  const track = async <T extends { header: { revision: number } }>(p: Promise<T>): Promise<T> => {
    const r = await p;
    if (r.header.revision > seen) seen = r.header.revision;
    return r;
  };
  return {
    range: (k, o) => track(kv.range(k, o)),
    put: (k, v, o) => track(kv.put(k, v, o)),
    deleteRange: (k, o) => track(kv.deleteRange(k, o)),
    txn: (r) => track(kv.txn(r)),
    compact: async (rev) => {
      const r = await track(kv.compact(rev));
      if (rev > compacted) compacted = rev;
      return r;
    },
    watch: (k, o, on) => kv.watch(k, o, on),
    leaseGrant: (ttl, id) => track(kv.leaseGrant(ttl, id)),
    leaseRevoke: (id) => track(kv.leaseRevoke(id)),
    leaseKeepAlive: (id) => track(kv.leaseKeepAlive(id)),
    leaseTimeToLive: (id, o) => track(kv.leaseTimeToLive(id, o)),
    close: () => kv.close(),
    currentRevision: () => seen,
    compactRevision: () => compacted,
    warnings: [],
  };
}
