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
import { createSimulatedNetwork, type SimulatedNetwork } from '../runtime/index.ts';
import { Trace } from './trace.ts';
import type { Parts } from './parts.ts';
import { defaultParts } from './default-parts.ts';
import { resolveNodeSpecs, type NodeSpec } from './node-spec.ts';
import { NodePool } from './node-pool.ts';

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
  /** The simulated machines: stop, start, partition, heal. */
  readonly nodes: NodePool;
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
      trace,
    });
    stack.push(() => apiserver.close());
    const client = (user = 'admin') => createClient(apiserver, { user });

    let controllerManager: ControllerManager | undefined;
    let scheduler: Scheduler | undefined;
    if (options.controlPlane ?? options.nodes !== undefined) {
      const kcm = createControllerManager({
        client: client('kube-controller-manager'),
        clock,
        random: random.fork('kube-controller-manager'),
        controllers: defaultControllers(parts),
        onError: (controller, err) => onError(controller, err),
      });
      await kcm.start();
      stack.push(() => kcm.stop());
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
    const nodes = new NodePool({ api: apiserver, clock, random: random.fork('nodes'), network, parts, onError });
    stack.push(() => nodes.close());
    for (const spec of resolveNodeSpecs(options.nodes)) await nodes.add(spec);
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
      nodes,
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
