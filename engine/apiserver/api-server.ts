/**
 * The in-process kube-apiserver: ApiServerInterface over the KV interface.
 *
 * Shaped like k8s.io/apiserver: a request is resolved to a resource (RESOURCES) and its strategy
 * (strategies/), then handed to the verb's handler (handlers/), which runs the admission chain
 * and talks to the store only through guarded txns (registry/object-store.ts). This class adds
 * what surrounds every request: resolving the path, the trace (every write, success or failure,
 * without object contents), warnings, and shutdown.
 *
 * At start it creates the system namespaces default, kube-system, kube-public and
 * kube-node-lease (upstream: the bootstrap controller and the system namespaces controller).
 */
import { isStatusError, newMethodNotSupported, newServiceUnavailable, newBadRequest, newResourceNotFound } from '../api/errors.ts';
import type { KubeList, KubeObject } from '../api/object.ts';
import { findResource, type ResourceInfo } from '../api/resources.ts';
import type { ObjectMetaValidator } from '../api/validation/object-meta.ts';
import type { SecretTypesPart } from '../api/validation/secret-types.ts';
import type { SecretDataPart } from './strategies/secret-data.ts';
import type { KV } from '../store/kv.ts';
import type { Clock } from '../util/clock.ts';
import type { Random } from '../util/random.ts';
import { AdmissionChain } from './admission/chain.ts';
import { defaultTolerationSeconds } from './admission/default-toleration-seconds.ts';
import { serviceAccountAdmission } from './admission/service-account.ts';
import type { AdmissionPlugin, AdmissionPluginFactory } from './admission/types.ts';
import type { Request, ServerContext } from './handlers/context.ts';
import { bindingHandler } from './handlers/binding.ts';
import { evictionHandler } from './handlers/eviction.ts';
import { createHandler, type WriteOutcome } from './handlers/create.ts';
import { deleteCollectionHandler } from './handlers/delete-collection.ts';
import { deleteHandler } from './handlers/delete.ts';
import { getHandler, listHandler } from './handlers/list.ts';
import { patchHandler } from './handlers/patch.ts';
import { updateScaleHandler } from './handlers/scale.ts';
import { updateHandler } from './handlers/update.ts';
import { ApiWatch } from './handlers/watch.ts';
import { LeaseManager } from './registry/lease-manager.ts';
import { NamespaceView } from './registry/namespace-view.ts';
import { defaultStorageClassAdmission } from './admission/default-storage-class.ts';
import { storageObjectInUseProtection } from './admission/storage-object-in-use-protection.ts';
import { ObjectStore } from './registry/object-store.ts';
import { WatchHubs } from './handlers/watch-hub.ts';
import type { ClusterIPAllocator } from './handlers/ip-allocator.ts';
import { strategyFor } from './strategies/strategy-for.ts';
import type {
  ApiServerInterface,
  DeleteOptions,
  GetOptions,
  ListOptions,
  ObjectRef,
  PatchOptions,
  PatchType,
  RequestContext,
  ResourceRef,
  TraceEntry,
  TraceSink,
  WatchEvent,
  WatchHandle,
  WatchOptions,
  WriteOptions,
} from './types.ts';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;
/** The user the apiserver's own writes (bootstrap) are recorded under. */
export const APISERVER_USER = 'system:apiserver';
export const ANONYMOUS_USER = 'system:anonymous';
const MAX_WARNINGS = 1000;

export interface ApiServerOptions {
  kv: KV;
  clock: Clock;
  random: Random;
  /** The part `apiserver.validation`. */
  objectMetaValidator: ObjectMetaValidator;
  /** The part `apiserver.admission`: the NamespaceLifecycle plugin. */
  namespaceLifecycle: AdmissionPluginFactory;
  /** The part `service.ipalloc`: picks Services' ClusterIPs (without it, ClusterIP Services fail with 500). */
  clusterIPAllocator?: ClusterIPAllocator;
  /** The part `secret.data`: base64 of Secret data and the stringData merge (without it: api/conversion.ts). */
  secretData?: SecretDataPart;
  /** The part `secret.types`: what each Secret type requires, the 1 MiB cap (without it: not checked). */
  secretTypes?: SecretTypesPart;
  trace?: TraceSink;
}

/** One warning the apiserver gave a client (upstream: a `Warning:` response header). */
export interface ApiWarning {
  time: number;
  user: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
  text: string;
}

type WriteVerb = TraceEntry['verb'];


/**
 * The Status message for the trace. Secrets get only the reason and the failing field paths:
 * a validation message may quote a bad value, and a Secret's values must never reach the trace.
 */
function traceMessage(resource: string, err: unknown): string {
  if (!isStatusError(err)) return 'internal error';
  if (resource !== 'secrets') return err.status.message ?? '';
  const fields = (err.status.details?.causes ?? []).map((c) => c.field).filter((f): f is string => !!f);
  return `${err.status.reason ?? 'Failure'}${fields.length ? `: ${fields.join(', ')}` : ''}`;
}

export class ApiServer implements ApiServerInterface {
  readonly admission: AdmissionChain;
  private readonly ctx: ServerContext;
  private readonly namespaces: NamespaceView;
  /** StorageClasses, for the DefaultStorageClass admission (same always-current view). */
  private readonly storageClasses: NamespaceView;
  private readonly watches = new Set<ApiWatch>();
  private readonly warningLog: ApiWarning[] = [];
  private closed = false;

  constructor(private readonly options: ApiServerOptions) {
    const namespaces = new NamespaceView(options.kv);
    this.namespaces = namespaces;
    const storageClasses = new NamespaceView(options.kv, '/registry/storageclasses/');
    this.storageClasses = storageClasses;
    // Upstream's default order puts NamespaceLifecycle first; then the pod defaulting plugins.
    const plugins: AdmissionPlugin[] = [
      options.namespaceLifecycle({ getNamespace: (name) => namespaces.get(name) }),
      serviceAccountAdmission(),
      defaultTolerationSeconds(),
      defaultStorageClassAdmission(() => storageClasses.list()),
      storageObjectInUseProtection(),
    ];
    this.admission = new AdmissionChain(plugins);
    this.ctx = {
      kv: options.kv,
      store: new ObjectStore(options.kv),
      clock: options.clock,
      random: options.random,
      objectMetaValidator: options.objectMetaValidator,
      clusterIPAllocator: options.clusterIPAllocator,
      secretData: options.secretData,
      secretTypes: options.secretTypes,
      admission: this.admission,
      leases: new LeaseManager(options.kv, options.clock),
      namespaces,
      watchHubs: new WatchHubs(options.kv),
      warn: (req, text) => this.warn(req, text),
    };
  }

  /** Loads the namespace view and creates the system namespaces that are missing. */
  async start(): Promise<void> {
    await this.namespaces.start();
    await this.storageClasses.start();
    for (const name of SYSTEM_NAMESPACES) {
      if (this.namespaces.get(name)) continue;
      try {
        await this.create(
          { group: '', version: 'v1', resource: 'namespaces' },
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
          { user: APISERVER_USER, reason: 'bootstrap system namespace' },
        );
      } catch (err) {
        if (!isStatusError(err, 'AlreadyExists')) throw err;
      }
    }
  }

  /** Warnings given to clients (unknown fields dropped, ...), oldest first; the last 1000 are kept. */
  warnings(): readonly ApiWarning[] {
    return this.warningLog;
  }

  clearWarnings(): void {
    this.warningLog.length = 0;
  }

  /** Ends every watch; later calls fail with 503. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of [...this.watches]) w.stop();
    this.ctx.watchHubs?.close();
    this.namespaces.stop();
    this.storageClasses.stop();
  }

  // ---- verbs -------------------------------------------------------------------------------

  create(ref: ResourceRef & { name?: string; subresource?: string }, body: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const meta = (body as KubeObject | undefined)?.metadata;
    const traceName = typeof meta?.name === 'string' ? meta.name : undefined;
    return this.write('create', { ...ref, namespace: ref.namespace ?? meta?.namespace }, options, (req) => {
      if (req.subresource === 'binding') return bindingHandler(this.ctx, req, body, options);
      if (req.subresource === 'eviction') return evictionHandler(this.ctx, req, body, options);
      if (req.subresource) throw newMethodNotSupported(this.gr(req.info), 'create');
      return createHandler(this.ctx, req, body, options);
    }, false, traceName);
  }

  async get(ref: ObjectRef, options: GetOptions = {}): Promise<KubeObject> {
    const req = this.resolve(ref, options, false);
    if (req.subresource && req.subresource !== 'status' && req.subresource !== 'scale') throw newMethodNotSupported(this.gr(req.info), 'get');
    return getHandler(this.ctx, req, options);
  }

  async list(ref: ResourceRef, options: ListOptions = {}): Promise<KubeList> {
    return listHandler(this.ctx, this.resolve(ref, options, true), options);
  }

  update(ref: ObjectRef, body: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    return this.write('update', ref, options, (req) => {
      if (req.subresource === 'scale') return updateScaleHandler(this.ctx, req, body, options);
      if (req.subresource === 'binding') throw newMethodNotSupported(this.gr(req.info), 'update');
      return updateHandler(this.ctx, req, body, options);
    });
  }

  patch(ref: ObjectRef, type: PatchType, patch: unknown, options: PatchOptions = {}): Promise<KubeObject> {
    return this.write('patch', ref, options, (req) => {
      if (req.subresource !== '' && req.subresource !== 'status' && req.subresource !== 'scale') throw newMethodNotSupported(this.gr(req.info), 'patch');
      return patchHandler(this.ctx, req, type, patch, options);
    });
  }

  delete(ref: ObjectRef, options: DeleteOptions = {}): Promise<KubeObject> {
    return this.write('delete', ref, options, (req) => {
      if (req.subresource) throw newMethodNotSupported(this.gr(req.info), 'delete');
      return deleteHandler(this.ctx, req, options);
    });
  }

  async deleteCollection(ref: ResourceRef, listOptions: ListOptions = {}, options: DeleteOptions = {}): Promise<KubeList> {
    let list: KubeList | undefined;
    await this.write('deletecollection', ref, options, async (req) => {
      const out = await deleteCollectionHandler(this.ctx, req, listOptions, options);
      list = out.list;
      return { obj: out.list as unknown as KubeObject, code: 200, revision: out.revision };
    }, true);
    return list as KubeList;
  }

  watch(ref: ResourceRef, options: WatchOptions, onEvent: (event: WatchEvent) => void): WatchHandle {
    let req: Request;
    try {
      req = this.resolve(ref, options, true);
    } catch (err) {
      // A watch reports failures as a single ERROR event, then ends.
      const status = (isStatusError(err) ? err : newBadRequest(String(err))).status;
      const done = Promise.resolve().then(() => onEvent({ type: 'ERROR', object: status }));
      return { stop: () => undefined, done };
    }
    const w = new ApiWatch(this.ctx, req, options, onEvent, (x) => this.watches.delete(x));
    this.watches.add(w);
    void w.start();
    return w;
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private gr(info: ResourceInfo) {
    return { group: info.group, resource: info.plural };
  }

  private resolve(ref: ResourceRef & { name?: string; subresource?: string }, ctx: RequestContext & { dryRun?: boolean }, collection: boolean): Request {
    if (this.closed) throw newServiceUnavailable('apiserver is shutting down');
    const info = findResource(ref.group, ref.version, ref.resource);
    if (!info) throw newResourceNotFound();
    const subresource = ref.subresource ?? '';
    if (subresource) {
      const known = (info.subresources as readonly string[]).includes(subresource);
      if (!known || subresource === 'log') throw newResourceNotFound();
    }
    const namespace = info.namespaced ? (ref.namespace ?? '') : '';
    if (info.namespaced && !namespace && !collection) throw newBadRequest(`a namespace is required for namespaced resource ${info.plural}`);
    return {
      info,
      strategy: strategyFor(info),
      namespace,
      name: ref.name ?? '',
      subresource,
      user: ctx.user ?? ANONYMOUS_USER,
      dryRun: !!ctx.dryRun,
    };
  }

  /** Runs one write and records it in the trace, whatever the outcome. */
  private async write(
    verb: WriteVerb,
    ref: ResourceRef & { name?: string; subresource?: string },
    options: RequestContext & { dryRun?: boolean },
    run: (req: Request) => Promise<WriteOutcome>,
    collection = false,
    traceName?: string,
  ): Promise<KubeObject> {
    const base: Omit<TraceEntry, 'time' | 'code'> = {
      verb,
      user: options.user ?? ANONYMOUS_USER,
      reason: options.reason,
      group: ref.group,
      resource: ref.resource,
      subresource: ref.subresource || undefined,
      namespace: ref.namespace || undefined,
      name: ref.name || traceName || undefined,
    };
    try {
      const req = this.resolve(ref, options, collection);
      const out = await run(req);
      const name = base.name ?? (collection ? undefined : out.obj.metadata?.name);
      this.record({ ...base, name, code: out.code, resourceVersion: out.revision !== undefined ? String(out.revision) : undefined });
      return out.obj;
    } catch (err) {
      const code = isStatusError(err) ? err.code : 500;
      this.record({ ...base, code, message: traceMessage(ref.resource, err) });
      throw err;
    }
  }

  private record(entry: Omit<TraceEntry, 'time'>): void {
    const sink = this.options.trace;
    if (!sink) return;
    const e: TraceEntry = { time: this.options.clock.now(), ...entry };
    for (const k of Object.keys(e) as Array<keyof TraceEntry>) if (e[k] === undefined) delete e[k];
    sink.record(e);
  }

  private warn(req: Request, text: string): void {
    this.warningLog.push({
      time: this.options.clock.now(),
      user: req.user,
      group: req.info.group,
      resource: req.info.plural,
      namespace: req.namespace || undefined,
      name: req.name || undefined,
      text,
    });
    if (this.warningLog.length > MAX_WARNINGS) this.warningLog.shift();
  }
}

export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const server = new ApiServer(options);
  await server.start();
  return server;
}
