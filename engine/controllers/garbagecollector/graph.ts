/**
 * The garbage collector's dependency graph (upstream: pkg/controller/garbagecollector/graph.go,
 * uidToNode, and the graph half of graph_builder.go processGraphChanges).
 *
 * One node per object uid that has ever been seen as an object or as an owner. Edges go from an
 * owner to its dependents, taken from the dependents' metadata.ownerReferences. An owner that is
 * referenced but not (yet) observed is a *virtual* node: the collector must check with the
 * apiserver whether it exists at all (a dependent may name an owner that never existed, or that
 * was deleted while nobody watched).
 *
 *   add rs web-1 (uid a)                  a: real, dependents {}
 *   add pod web-1-x (owner a)             a: real, dependents {x}
 *   add pod orphan-y (owner z, unseen)    z: virtual, dependents {y}  → verify z
 *   delete rs web-1                       a removed; x must be re-examined (its owner is gone)
 *
 * The graph is plain data: the builder (garbage-collector.ts) turns informer events into calls
 * here and decides what to enqueue from the returned changes.
 */
import { findResourceByKind } from '../../api/resources.ts';
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN, type OwnerReference } from './attempt-to-delete.ts';

export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  name: string;
  uid: string;
}

export interface GraphNode {
  identity: ObjectIdentity;
  /** The object's ownerReferences as last observed (empty for virtual nodes). */
  owners: OwnerReference[];
  dependents: Set<GraphNode>;
  /** Referenced as an owner but never observed through an informer. */
  virtual: boolean;
  /** metadata.deletionTimestamp is set. */
  beingDeleted: boolean;
  /** Being deleted with the foregroundDeletion finalizer: waits for blocking dependents. */
  deletingDependents: boolean;
  /** Being deleted with the orphan finalizer: its dependents must be released. */
  orphaning: boolean;
}

export interface ObservedObject {
  identity: ObjectIdentity;
  owners: OwnerReference[];
  deletionTimestamp?: string;
  finalizers: readonly string[];
}

export interface GraphChange {
  node: GraphNode;
  /** Virtual owner nodes this change created: their existence must be verified. */
  newVirtualOwners: GraphNode[];
  /** Owners that lost this dependent, or lost its blockOwnerDeletion. */
  unblockedOwners: GraphNode[];
}

/** The identity an owner reference points at, seen from a dependent in `namespace`. */
export function ownerIdentity(ref: OwnerReference, dependentNamespace: string): ObjectIdentity {
  const info = findResourceByKind(ref.apiVersion, ref.kind);
  // Owners are in the dependent's namespace or cluster-scoped (cross-namespace owners are invalid).
  const namespace = info && !info.namespaced ? '' : dependentNamespace;
  return { apiVersion: ref.apiVersion, kind: ref.kind, namespace, name: ref.name, uid: ref.uid };
}

export function blocksOwner(dependent: GraphNode, ownerUid: string): boolean {
  return dependent.owners.some((r) => r.uid === ownerUid && r.blockOwnerDeletion === true);
}

export class DependencyGraph {
  private readonly nodes = new Map<string, GraphNode>();

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  get size(): number {
    return this.nodes.size;
  }

  /** Records an added or updated object; returns what changed for the builder to act on. */
  observe(obj: ObservedObject): GraphChange {
    const uid = obj.identity.uid;
    let node = this.nodes.get(uid);
    const oldOwners = node && !node.virtual ? node.owners : [];
    if (!node) {
      node = this.newNode(obj.identity, false);
    } else {
      node.virtual = false;
      node.identity = obj.identity;
    }
    node.owners = obj.owners.map((r) => ({ ...r }));
    node.beingDeleted = obj.deletionTimestamp !== undefined;
    node.deletingDependents = node.beingDeleted && obj.finalizers.includes(FINALIZER_FOREGROUND);
    node.orphaning = node.beingDeleted && obj.finalizers.includes(FINALIZER_ORPHAN);

    const newVirtualOwners: GraphNode[] = [];
    const unblockedOwners: GraphNode[] = [];
    const newUids = new Set(node.owners.map((r) => r.uid));
    for (const old of oldOwners) {
      const owner = this.nodes.get(old.uid);
      if (!owner) continue;
      if (!newUids.has(old.uid)) {
        owner.dependents.delete(node);
        unblockedOwners.push(owner);
      } else if (old.blockOwnerDeletion && !node.owners.find((r) => r.uid === old.uid)?.blockOwnerDeletion) {
        unblockedOwners.push(owner);
      }
    }
    for (const ref of node.owners) {
      let owner = this.nodes.get(ref.uid);
      if (!owner) {
        owner = this.newNode(ownerIdentity(ref, obj.identity.namespace), true);
        newVirtualOwners.push(owner);
      }
      owner.dependents.add(node);
    }
    return { node, newVirtualOwners, unblockedOwners };
  }

  /**
   * Forgets an object that was deleted (or a virtual node found not to exist). Returns the node
   * as it was, with its dependents, so they can be re-examined; undefined when unknown.
   */
  remove(uid: string): GraphNode | undefined {
    const node = this.nodes.get(uid);
    if (!node) return undefined;
    this.nodes.delete(uid);
    for (const ref of node.owners) this.nodes.get(ref.uid)?.dependents.delete(node);
    // Dependents keep their references to the vanished uid; re-adding an owner node for them
    // would resurrect it, so they are only returned for re-examination.
    return node;
  }

  private newNode(identity: ObjectIdentity, virtual: boolean): GraphNode {
    const node: GraphNode = {
      identity,
      owners: [],
      dependents: new Set(),
      virtual,
      beingDeleted: false,
      deletingDependents: false,
      orphaning: false,
    };
    this.nodes.set(identity.uid, node);
    return node;
  }
}
