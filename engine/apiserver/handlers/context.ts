/**
 * What every handler gets: the server's collaborators (ServerContext) and the request being
 * served (Request) — upstream's RequestScope + RequestInfo, reduced to what tinykube needs.
 */
import type { ObjectMetaValidator } from '../../api/validation/object-meta.ts';
import type { SecretTypesPart } from '../../api/validation/secret-types.ts';
import type { SecretDataPart } from '../strategies/secret-data.ts';
import type { ResourceInfo } from '../../api/resources.ts';
import type { Clock } from '../../util/clock.ts';
import type { Random } from '../../util/random.ts';
import type { KV } from '../../store/kv.ts';
import type { AdmissionChain } from '../admission/chain.ts';
import type { AdmissionAttributes, AdmissionOperation } from '../admission/types.ts';
import type { Strategy } from '../strategies/strategy.ts';
import type { ObjectStore } from '../registry/object-store.ts';
import type { LeaseManager } from '../registry/lease-manager.ts';
import type { NamespaceView } from '../registry/namespace-view.ts';
import type { KubeObject } from '../../api/object.ts';
import type { WatchHubs } from './watch-hub.ts';
import type { ClusterIPAllocator } from './ip-allocator.ts';
import { objectKeyFor } from '../registry/keys.ts';
import { isStoreError } from '../../store/errors.ts';

export interface ServerContext {
  readonly kv: KV;
  readonly store: ObjectStore;
  readonly clock: Clock;
  readonly random: Random;
  readonly objectMetaValidator: ObjectMetaValidator;
  /** The part `secret.data` (absent: api/conversion.ts merges stringData, base64 is checked by validation). */
  readonly secretData?: SecretDataPart;
  /** The part `secret.types` (absent: Secrets get no type-specific validation). */
  readonly secretTypes?: SecretTypesPart;
  readonly admission: AdmissionChain;
  readonly leases: LeaseManager;
  readonly namespaces: NamespaceView;
  /** Shared per-resource store watches for ApiWatch (watch-hub.ts); absent: every watch opens its own. */
  readonly watchHubs?: WatchHubs;
  /** The part `service.ipalloc`; absent: creating a Service that needs a ClusterIP is a 500. */
  readonly clusterIPAllocator?: ClusterIPAllocator;
  /** Records a warning for the request (upstream: the `Warning:` response header kubectl prints). */
  warn(request: Request, text: string): void;
}

export interface Request {
  readonly info: ResourceInfo;
  readonly strategy: Strategy;
  /** '' for cluster-scoped resources and for lists across all namespaces. */
  readonly namespace: string;
  /** '' for collection requests and for creates. */
  readonly name: string;
  /** '' for the main resource. */
  readonly subresource: string;
  readonly user: string;
  readonly dryRun: boolean;
}

export function keyOf(req: Request, name = req.name): string {
  return objectKeyFor(req.info, req.namespace, name);
}

export function admissionAttributes(
  req: Request,
  operation: AdmissionOperation,
  fields: { name: string; object?: KubeObject; oldObject?: KubeObject; kind?: string; subresource?: string },
): AdmissionAttributes {
  return {
    operation,
    resource: { group: req.info.group, version: req.info.version, resource: req.info.plural },
    kind: fields.kind ?? req.info.kind,
    subresource: fields.subresource ?? req.subresource,
    namespace: req.namespace,
    name: fields.name,
    object: fields.object,
    oldObject: fields.oldObject,
    user: req.user,
    dryRun: req.dryRun,
  };
}

/** Throws the StatusError when there is one: admission and validation answer with values. */
export function reject(err: Error | undefined): void {
  if (err) throw err;
}

/**
 * Runs a store write with the lease the kind's TTL needs (0 when none). A reused lease may have
 * expired meanwhile ("lease not found"): then one more try with a fresh lease.
 */
export async function withLease<T>(ctx: ServerContext, req: Request, write: (lease: number) => Promise<T>): Promise<T> {
  const ttl = req.strategy.ttlSeconds;
  if (!ttl) return write(0);
  try {
    return await write(await ctx.leases.getLease(ttl));
  } catch (err) {
    if (!isStoreError(err, 'LeaseNotFound')) throw err;
    ctx.leases.reset();
    return write(await ctx.leases.getLease(ttl));
  }
}
