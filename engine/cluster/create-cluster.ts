/**
 * The composition root: builds a cluster from its pieces — the clock and randomness, the store,
 * the apiserver — and fills each part from solutions/ unless told otherwise. Everything is wired
 * through the API exactly as in Kubernetes: components get a client, never the store.
 *
 * This file is isomorphic (it runs in the browser playground). Persistence on disk is a
 * Node-only adapter: engine/node's createCluster passes a `backend` made from `dataDir`.
 */
import { VirtualClock, type Clock } from '../util/clock.ts';
import { Random } from '../util/random.ts';
import { createMvccStore, type MvccStore } from '../store/index.ts';
import type { Backend } from '../store/backend.ts';
import { createApiServer, type ApiServer } from '../apiserver/index.ts';
import { createClient, type Client } from '../client/index.ts';
import { Trace } from './trace.ts';
import type { Parts } from './parts.ts';
import { defaultParts } from './default-parts.ts';

export interface ClusterOptions<C extends Clock = VirtualClock> {
  /** The cluster's clock; default a VirtualClock that moves only when advanced. */
  clock?: C;
  /** Seed for every random choice (uids, generated names, ...); default 'tinykube'. */
  seed?: string | number;
  /** Durable storage for the store (see engine/node for a data directory). */
  backend?: Backend;
  /** Snapshot the store every N writes when a backend is given. */
  snapshotEvery?: number;
  /** Parts to take from somewhere other than solutions/ (e.g. the learner's exercises/). */
  parts?: Partial<Parts>;
}

export interface Cluster<C extends Clock = VirtualClock> {
  readonly clock: C;
  readonly random: Random;
  /** The store behind the apiserver. Components never touch it: tests and tools may. */
  readonly kv: MvccStore;
  readonly apiserver: ApiServer;
  readonly trace: Trace;
  readonly parts: Readonly<Parts>;
  /** A client acting as `user` (shown in the trace); default 'admin'. */
  client(user?: string): Client;
  /** Stops watches and timers; the cluster is unusable afterwards. */
  close(): Promise<void>;
}

export async function createCluster<C extends Clock = VirtualClock>(options: ClusterOptions<C> = {}): Promise<Cluster<C>> {
  const clock = options.clock ?? (new VirtualClock() as unknown as C);
  const random = new Random(options.seed ?? 'tinykube');
  const parts: Parts = { ...defaultParts, ...options.parts };
  const trace = new Trace();

  const kv = await createMvccStore({
    clock,
    keyIndex: parts['store.mvcc'],
    backend: options.backend,
    snapshotEvery: options.snapshotEvery,
  });
  let apiserver: ApiServer;
  try {
    apiserver = await createApiServer({
      kv,
      clock,
      random: random.fork('apiserver'),
      objectMetaValidator: parts['apiserver.validation'],
      namespaceLifecycle: parts['apiserver.admission'],
      trace,
    });
  } catch (err) {
    await kv.close();
    throw err;
  }

  let closed = false;
  return {
    clock,
    random,
    kv,
    apiserver,
    trace,
    parts,
    client: (user = 'admin') => createClient(apiserver, { user }),
    async close() {
      if (closed) return;
      closed = true;
      await apiserver.close();
      await kv.close();
    },
  };
}
