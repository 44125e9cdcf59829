/**
 * The garbage collector's API calls (upstream: garbagecollector/operations.go): every read is a
 * live GET, never a cache read, because the collector must not act on a stale view (a cache could
 * still miss an owner created a moment ago and make its dependents look orphaned).
 */
import { isNotFound } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';
import { findResourceByKind } from '../../api/resources.ts';
import type { Client, DynamicResourceInterface } from '../../client/index.ts';
import type { ApiObject } from '../../client/object-like.ts';
import type { OwnerFound, OwnerReference } from './attempt-to-delete.ts';
import type { ObjectIdentity } from './graph.ts';

interface Meta {
  uid?: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
}

export const metaOf = (obj: ApiObject): Meta => (obj.metadata ?? {}) as Meta;

export class GcOperations {
  constructor(private readonly client: Client) {}

  resourceFor(identity: Pick<ObjectIdentity, 'apiVersion' | 'kind' | 'namespace'>): DynamicResourceInterface<KubeObject> | undefined {
    const info = findResourceByKind(identity.apiVersion, identity.kind);
    if (!info) return undefined;
    const rc = this.client.resource<KubeObject>(info);
    return info.namespaced ? rc.namespace(identity.namespace) : rc;
  }

  /** The live object with this identity, or undefined when it is gone or has another uid. */
  async getLive(identity: ObjectIdentity): Promise<KubeObject | undefined> {
    const rc = this.resourceFor(identity);
    // A kind this apiserver does not serve cannot be checked; treat it as present (never delete
    // on a guess — upstream retries until discovery knows the kind).
    if (!rc) return { apiVersion: identity.apiVersion, kind: identity.kind, metadata: { name: identity.name, uid: identity.uid } };
    // A namespaced kind named by a cluster-scoped dependent: no such object can exist.
    if (identity.namespace === '' && findResourceByKind(identity.apiVersion, identity.kind)?.namespaced) return undefined;
    try {
      const obj = await rc.get(identity.name);
      return obj.metadata?.uid === identity.uid ? obj : undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async lookupOwner(ref: OwnerReference, dependentNamespace: string): Promise<OwnerFound | undefined> {
    const info = findResourceByKind(ref.apiVersion, ref.kind);
    if (!info) return { uid: ref.uid }; // unknown kind: cannot prove it dangling, so it stays solid
    const rc = this.client.resource<KubeObject>(info);
    try {
      const obj = await (info.namespaced ? rc.namespace(dependentNamespace) : rc).get(ref.name);
      const meta = metaOf(obj);
      return { uid: meta.uid ?? '', deletionTimestamp: meta.deletionTimestamp, finalizers: meta.finalizers ?? [] };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async deleteObject(identity: ObjectIdentity, propagationPolicy: 'Orphan' | 'Background' | 'Foreground'): Promise<void> {
    const rc = this.resourceFor(identity);
    if (!rc) return;
    try {
      await rc.delete(identity.name, {
        propagationPolicy,
        preconditions: { uid: identity.uid },
        reason: `all owners of ${identity.kind} ${identity.name} are gone`,
      });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Strips the references to `uids` from the live object (409 Conflict → retried by the queue). */
  async removeOwnerReferences(identity: ObjectIdentity, uids: readonly string[]): Promise<void> {
    const live = await this.getLive(identity);
    const rc = this.resourceFor(identity);
    if (!live || !rc) return;
    const refs = metaOf(live).ownerReferences ?? [];
    const kept = refs.filter((r) => !uids.includes(r.uid));
    if (kept.length === refs.length) return;
    const next = structuredClone(live);
    const meta = (next.metadata ??= {}) as Meta;
    if (kept.length > 0) meta.ownerReferences = kept;
    else delete meta.ownerReferences;
    await this.ignoreNotFound(() => rc.update(next, { reason: `remove ownerReferences to ${uids.join(', ')}` }));
  }

  async removeFinalizer(identity: ObjectIdentity, finalizer: string): Promise<void> {
    const live = await this.getLive(identity);
    const rc = this.resourceFor(identity);
    if (!live || !rc) return;
    const finalizers = metaOf(live).finalizers ?? [];
    if (!finalizers.includes(finalizer)) return;
    const next = structuredClone(live);
    const meta = (next.metadata ??= {}) as Meta;
    const kept = finalizers.filter((f) => f !== finalizer);
    if (kept.length > 0) meta.finalizers = kept;
    else delete meta.finalizers;
    await this.ignoreNotFound(() => rc.update(next, { reason: `remove finalizer ${finalizer}` }));
  }

  async ignoreNotFound(call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
