/**
 * The garbage collector (upstream: pkg/controller/garbagecollector — garbagecollector.go and
 * graph_builder.go; website concepts/architecture/garbage-collection.md).
 *
 * It watches every kind of RESOURCES except events (upstream's default ignoredResources) and keeps
 * a DependencyGraph of ownerReferences. Two work queues, keyed by object uid, do the work:
 *
 * attemptToDelete — "should this object still exist?"
 *   - a virtual owner (referenced, never observed) is looked up live: if it does not exist (or a
 *     namesake with another uid does), its dependents are re-examined;
 *   - an object being deleted in the foreground (deletionTimestamp + `foregroundDeletion`): once no
 *     dependent with blockOwnerDeletion=true remains, the finalizer is removed and the apiserver
 *     completes the deletion; until then the blocking dependents are (re)queued;
 *   - any other object with owners: every owner is looked up live and the part `controllers.gc`
 *     (attemptToDeleteItem) decides: keep, strip stale references, or delete with a policy.
 *
 * attemptToOrphan — an object being deleted with the `orphan` finalizer: its reference is removed
 *   from every dependent, then the finalizer, so the dependents outlive it.
 *
 * What enqueues what (graph_builder.go processGraphChanges):
 *   object deleted                        → its dependents (their owner may now be dangling),
 *                                           and owners waiting on it in the foreground;
 *   new virtual owner                     → the virtual owner (verify it exists);
 *   object starts foreground deletion     → the object and all its dependents;
 *   object starts orphan deletion         → the object (attemptToOrphan);
 *   dependent drops a reference / block   → the owner, if it waits in the foreground.
 *
 * Background deletion needs no special case: the owner is simply gone, and its dependents find a
 * dangling reference.
 */
import { apiVersionOf, findResourceByKind, RESOURCES, type ResourceInfo } from '../../api/resources.ts';
import type { EventRecorder } from '../../client/index.ts';
import { ReconcileLoop } from '../../client/index.ts';
import type { ApiObject } from '../../client/object-like.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../context.ts';
import {
  FINALIZER_FOREGROUND,
  FINALIZER_ORPHAN,
  type AttemptToDeleteItem,
  type OwnerLookup,
} from './attempt-to-delete.ts';
import { GcOperations, metaOf } from './operations.ts';
import { blocksOwner, DependencyGraph, type GraphNode, type ObjectIdentity } from './graph.ts';

export const GARBAGE_COLLECTOR_CONTROLLER = 'garbage-collector-controller';

/** Upstream DefaultIgnoredResources: events are never owners worth tracking. */
export function isIgnoredByGarbageCollector(info: ResourceInfo): boolean {
  return info.kind === 'Event';
}

export interface GarbageCollectorOptions {
  /** The part `controllers.gc`. */
  attemptToDeleteItem: AttemptToDeleteItem;
  /** Concurrent workers per queue (upstream --concurrent-gc-syncs, 20). Default 1. */
  workers?: number;
}

export function garbageCollectorController(options: GarbageCollectorOptions): ControllerFactory {
  return (ctx) => new GarbageCollector(ctx, options);
}


export class GarbageCollector implements Controller {
  readonly name = GARBAGE_COLLECTOR_CONTROLLER;
  readonly graph = new DependencyGraph();
  readonly attemptToDelete: ReconcileLoop;
  readonly attemptToOrphan: ReconcileLoop;
  private readonly ops: GcOperations;
  private readonly recorder: EventRecorder;
  private readonly decide: AttemptToDeleteItem;

  constructor(ctx: ControllerContext, options: GarbageCollectorOptions) {
    this.ops = new GcOperations(ctx.client);
    this.recorder = ctx.recorder;
    this.decide = options.attemptToDeleteItem;
    this.attemptToDelete = new ReconcileLoop({
      name: `${this.name}/attempt-to-delete`,
      clock: ctx.clock,
      workers: options.workers,
      reconcile: (uid) => this.processAttemptToDelete(uid),
      onError: (_uid, err) => ctx.reportError?.(err),
    });
    this.attemptToOrphan = new ReconcileLoop({
      name: `${this.name}/attempt-to-orphan`,
      clock: ctx.clock,
      workers: options.workers,
      reconcile: (uid) => this.processAttemptToOrphan(uid),
    });
    for (const info of RESOURCES) {
      if (isIgnoredByGarbageCollector(info)) continue;
      ctx.informers.forResource(info).addEventHandler({
        onAdd: (obj) => this.onObserved(info, obj),
        onUpdate: (_old, obj) => this.onObserved(info, obj),
        onDelete: (obj) => this.onDeleted(obj),
      });
    }
  }

  async start(): Promise<void> {
    await this.attemptToDelete.start();
    await this.attemptToOrphan.start();
  }

  async stop(): Promise<void> {
    await this.attemptToDelete.stop();
    await this.attemptToOrphan.stop();
  }

  // ---- graph builder: informer events → graph changes → queue keys --------------------------

  private onObserved(info: ResourceInfo, obj: ApiObject): void {
    const meta = metaOf(obj);
    if (!meta.uid) return;
    const identity: ObjectIdentity = {
      apiVersion: apiVersionOf(info),
      kind: info.kind,
      namespace: obj.metadata?.namespace ?? '',
      name: obj.metadata?.name ?? '',
      uid: meta.uid,
    };
    const change = this.graph.observe({
      identity,
      owners: meta.ownerReferences ?? [],
      deletionTimestamp: meta.deletionTimestamp,
      finalizers: meta.finalizers ?? [],
    });
    const node = change.node;
    for (const owner of change.newVirtualOwners) this.attemptToDelete.enqueue(owner.identity.uid);
    for (const owner of change.unblockedOwners) if (owner.deletingDependents) this.attemptToDelete.enqueue(owner.identity.uid);
    if (node.deletingDependents) {
      this.attemptToDelete.enqueue(identity.uid);
      for (const dep of node.dependents) this.attemptToDelete.enqueue(dep.identity.uid);
    }
    if (node.orphaning) this.attemptToOrphan.enqueue(identity.uid);
    // A dependent that appears while its owner is already being deleted.
    for (const ref of node.owners) {
      const owner = this.graph.get(ref.uid);
      if (owner?.deletingDependents) this.attemptToDelete.enqueue(identity.uid);
      if (owner?.orphaning) this.attemptToOrphan.enqueue(ref.uid);
    }
  }

  private onDeleted(obj: ApiObject): void {
    const uid = metaOf(obj).uid;
    if (!uid) return;
    const removed = this.graph.remove(uid);
    if (!removed) return;
    for (const dep of removed.dependents) this.attemptToDelete.enqueue(dep.identity.uid);
    for (const ref of removed.owners) {
      const owner = this.graph.get(ref.uid);
      if (owner?.deletingDependents) this.attemptToDelete.enqueue(ref.uid);
    }
  }

  // ---- attemptToDelete ------------------------------------------------------------------------

  private async processAttemptToDelete(uid: string): Promise<void> {
    const node = this.graph.get(uid);
    if (!node) return;
    if (node.virtual) return this.verifyVirtualNode(node);

    const live = await this.ops.getLive(node.identity);
    // Gone, or replaced by a namesake: the informer's delete event will update the graph.
    if (!live) return;
    const meta = metaOf(live);
    const foreground = (meta.finalizers ?? []).includes(FINALIZER_FOREGROUND);
    if (meta.deletionTimestamp && !foreground) return;
    if (meta.deletionTimestamp && foreground) return this.processDeletingDependents(node);

    const ownerReferences = meta.ownerReferences ?? [];
    if (ownerReferences.length === 0) return;
    // website garbage-collection.md: a cluster-scoped dependent cannot be owned by a namespaced
    // kind; such a reference is unresolvable, so the object is never collected (upstream reports
    // an OwnerRefInvalidNamespace warning event and leaves it).
    if (node.identity.namespace === '') {
      const invalid = ownerReferences.find((ref) => findResourceByKind(ref.apiVersion, ref.kind)?.namespaced);
      if (invalid) {
        this.recorder.event(live, 'Warning', 'OwnerRefInvalidNamespace', `ownerRef [${invalid.apiVersion}/${invalid.kind}, namespace: , name: ${invalid.name}, uid: ${invalid.uid}] does not exist in namespace ""`);
        return;
      }
    }
    const owners: OwnerLookup[] = await Promise.all(
      ownerReferences.map(async (ref) => ({ ref, found: await this.ops.lookupOwner(ref, node.identity.namespace) })),
    );
    const decision = this.decide(
      { ownerReferences, finalizers: meta.finalizers ?? [], hasDependents: node.dependents.size > 0 },
      owners,
    );
    switch (decision.action) {
      case 'keep':
        return;
      case 'removeOwnerReferences':
        await this.ops.removeOwnerReferences(node.identity, decision.uids);
        return;
      case 'delete':
        await this.ops.deleteObject(node.identity, decision.propagationPolicy);
        return;
    }
  }

  /** A referenced owner never observed: does it exist? If not, its dependents are re-examined. */
  private async verifyVirtualNode(node: GraphNode): Promise<void> {
    const live = await this.ops.getLive(node.identity);
    if (live) return; // it exists; its informer will turn the node real
    const current = this.graph.get(node.identity.uid);
    if (!current?.virtual) return;
    const removed = this.graph.remove(node.identity.uid);
    for (const dep of removed?.dependents ?? []) this.attemptToDelete.enqueue(dep.identity.uid);
  }

  /** Foreground deletion: the owner goes once no dependent blocks it (blockOwnerDeletion). */
  private async processDeletingDependents(node: GraphNode): Promise<void> {
    const uid = node.identity.uid;
    const blocking = [...node.dependents].filter((dep) => blocksOwner(dep, uid));
    if (blocking.length === 0) {
      await this.ops.removeFinalizer(node.identity, FINALIZER_FOREGROUND);
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.attemptToDelete.enqueue(dep.identity.uid);
  }

  // ---- attemptToOrphan ------------------------------------------------------------------------

  private async processAttemptToOrphan(uid: string): Promise<void> {
    const node = this.graph.get(uid);
    if (!node || node.virtual) return;
    const live = await this.ops.getLive(node.identity);
    if (!live) return;
    const meta = metaOf(live);
    if (!meta.deletionTimestamp || !(meta.finalizers ?? []).includes(FINALIZER_ORPHAN)) return;
    for (const dep of [...node.dependents]) await this.ops.removeOwnerReferences(dep.identity, [uid]);
    await this.ops.removeFinalizer(node.identity, FINALIZER_ORPHAN);
  }
}
