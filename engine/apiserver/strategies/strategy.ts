/**
 * Per-kind behaviour of the generic registry (upstream: the RESTCreateStrategy,
 * RESTUpdateStrategy, RESTDeleteStrategy and RESTGracefulDeleteStrategy interfaces of
 * k8s.io/apiserver pkg/registry/rest, implemented by each pkg/registry/<group>/<kind>/strategy.go).
 *
 * The generic store (registry/) does what every kind shares — keys, resourceVersion,
 * optimistic concurrency, finalizers — and asks the strategy only what differs between kinds.
 */
import type { KubeObject } from '../../api/object.ts';
import type { FieldError } from '../../api/field-errors.ts';
import type { ResourceInfo } from '../../api/resources.ts';
import { deepEqual } from '../registry/codec.ts';
import { metaOf } from '../registry/meta.ts';

/** How the scale subresource reads and writes a kind (upstream: each kind's ScaleREST). */
export interface ScaleAccess {
  /** status.selector of the Scale: the label selector as a string (`app=web`). */
  selector(obj: KubeObject): string;
}

export interface Strategy {
  /**
   * The kind has a status subresource: a create cannot set status (it is reset), a write to the
   * main resource keeps the stored status, and a write to /status changes only status.
   */
  readonly hasStatus: boolean;
  /** metadata.generation is 1 on create and +1 whenever anything but metadata and status changes. */
  readonly tracksGeneration: boolean;
  /** A PUT of a missing object creates it (events, endpoints, services, leases). */
  readonly allowCreateOnUpdate: boolean;
  /** A PUT without metadata.resourceVersion overwrites whatever is stored (false: 422). */
  readonly allowUnconditionalUpdate: boolean;
  /** Objects expire this many seconds after their last write (events: --event-ttl 1 h). */
  readonly ttlSeconds?: number;
  /** Present for kinds with a scale subresource. */
  readonly scale?: ScaleAccess;

  /** Clears what a client may not choose on create (status, generation) and sets server values. */
  prepareForCreate(obj: KubeObject): void;
  /** Restores what a client may not change through the main resource, and bumps generation. */
  prepareForUpdate(obj: KubeObject, old: KubeObject): void;
  /** Kind rules beyond validateObject (rarely needed). */
  validate?(obj: KubeObject): FieldError[];
  validateUpdate?(obj: KubeObject, old: KubeObject): FieldError[];
  /**
   * RESTGracefulDeleteStrategy.CheckGracefulDelete: the grace period a delete gets, given the one
   * the client asked for; undefined for kinds that are always deleted at once.
   */
  checkGracefulDelete?(obj: KubeObject, requestedSeconds: number | undefined): number | undefined;
  /** An extra condition (ANDed with the generic one) for deleting an object during an update. */
  shouldDeleteDuringUpdate?(obj: KubeObject, old: KubeObject): boolean;
}

export interface StrategyOptions extends Partial<Omit<Strategy, 'prepareForCreate' | 'prepareForUpdate'>> {
  /** The status a new object starts with (kinds with hasStatus). Default: none. */
  initialStatus?: (obj: KubeObject) => unknown;
  /** Keep a client-supplied status on create (nodes: the kubelet registers with its status). */
  keepStatusOnCreate?: boolean;
  /** Extra create-time preparation after the generic one. */
  onCreate?: (obj: KubeObject) => void;
  /** Extra update-time preparation after the generic one. */
  onUpdate?: (obj: KubeObject, old: KubeObject) => void;
}

/** Everything but metadata and status differs (what "a spec change" means for generation). */
export function specChanged(obj: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { metadata: _m, status: _s, ...rest } = o;
    return rest;
  };
  return !deepEqual(strip(obj), strip(old));
}

/** A strategy with upstream's defaults for a kind, overridable per kind. */
export function defineStrategy(info: ResourceInfo, options: StrategyOptions = {}): Strategy {
  const hasStatus = options.hasStatus ?? info.subresources.includes('status');
  const tracksGeneration = options.tracksGeneration ?? false;
  return {
    hasStatus,
    tracksGeneration,
    allowCreateOnUpdate: options.allowCreateOnUpdate ?? false,
    allowUnconditionalUpdate: options.allowUnconditionalUpdate ?? true,
    ttlSeconds: options.ttlSeconds,
    scale: options.scale,
    validate: options.validate,
    validateUpdate: options.validateUpdate,
    checkGracefulDelete: options.checkGracefulDelete,
    shouldDeleteDuringUpdate: options.shouldDeleteDuringUpdate,
    prepareForCreate(obj) {
      if (hasStatus && !options.keepStatusOnCreate) {
        const status = options.initialStatus?.(obj);
        if (status === undefined) delete obj.status;
        else obj.status = status;
      }
      if (tracksGeneration) metaOf(obj).generation = 1;
      options.onCreate?.(obj);
    },
    prepareForUpdate(obj, old) {
      if (hasStatus) {
        if (old.status === undefined) delete obj.status;
        else obj.status = old.status;
      }
      if (tracksGeneration) {
        const gen = old.metadata?.generation ?? 0;
        metaOf(obj).generation = specChanged(obj, old) ? gen + 1 : gen;
      }
      options.onUpdate?.(obj, old);
    },
  };
}
