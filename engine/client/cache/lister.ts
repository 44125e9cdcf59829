/**
 * Listers: the read-only face of an informer's cache (client-go tools/cache/listers.go and the
 * generated listers, e.g. listers/core/v1 PodLister / PodNamespaceLister).
 *
 * Controllers read through listers and write through the client. A lister never calls the
 * apiserver: it answers from memory, possibly a little behind the store — which is why
 * reconcile loops re-read here and let the work queue retry on conflicts.
 *
 * What a lister returns is deep-frozen and shared; copy it (deepCopy) before changing it.
 * A missing object is `undefined` (an expected outcome, not an error).
 */
import { parseLabelSelector } from '../../api/labels.ts';
import type { ApiObject } from '../object-like.ts';
import type { Indexer } from './indexer.ts';
import { NAMESPACE_INDEX } from './index-funcs.ts';

/** Anything that can match a label set: a parsed label selector from engine/api, for example. */
export interface LabelMatcher {
  matches(labels: Readonly<Record<string, string>>): boolean;
}

/**
 * A selector object (engine/api labels' Selector), a selector string (`app=web,tier!=db`; a
 * malformed one throws a 400 StatusError), or a plain map of labels that must all be equal
 * (matchLabels).
 */
export type ListSelector = LabelMatcher | string | Readonly<Record<string, string>>;

export interface NamespaceLister<T extends ApiObject> {
  get(name: string): T | undefined;
  /** Objects of this namespace matching `selector` (all when absent), sorted by name. */
  list(selector?: ListSelector): T[];
}

export interface Lister<T extends ApiObject> {
  /** A cluster-scoped object by name. */
  get(name: string): T | undefined;
  /** A namespaced object. */
  get(namespace: string, name: string): T | undefined;
  /** By cache key: `namespace/name` or `name`. */
  getByKey(key: string): T | undefined;
  /** Objects in every namespace matching `selector` (all when absent), sorted by key. */
  list(selector?: ListSelector): T[];
  /** Objects filed under `value` in the informer's index `indexName` (e.g. byNode, node-1). */
  byIndex(indexName: string, value: string): T[];
  /** The lister of one namespace (client-go `lister.Pods(ns)`). */
  namespace(namespace: string): NamespaceLister<T>;
}

/** Turns a ListSelector into a predicate over an object's labels. */
export function labelPredicate(selector: ListSelector | undefined): (obj: ApiObject) => boolean {
  if (selector === undefined) return () => true;
  if (typeof selector === 'string') {
    const parsed = parseLabelSelector(selector);
    return (obj) => parsed.matches(obj.metadata?.labels ?? {});
  }
  if (typeof (selector as LabelMatcher).matches === 'function') {
    const m = selector as LabelMatcher;
    return (obj) => m.matches(obj.metadata?.labels ?? {});
  }
  const wanted = Object.entries(selector as Record<string, string>);
  return (obj) => {
    const labels = obj.metadata?.labels ?? {};
    return wanted.every(([k, v]) => labels[k] === v);
  };
}

export function newLister<T extends ApiObject>(indexer: Indexer<T>): Lister<T> {
  const lister: Lister<T> = {
    get(namespaceOrName: string, name?: string): T | undefined {
      return indexer.getByKey(name === undefined ? namespaceOrName : namespaceOrName ? `${namespaceOrName}/${name}` : name);
    },
    getByKey: (key) => indexer.getByKey(key),
    list(selector) {
      const match = labelPredicate(selector);
      return indexer.list().filter(match);
    },
    byIndex: (indexName, value) => indexer.byIndex(indexName, value),
    namespace(namespace) {
      return {
        get: (name) => lister.get(namespace, name),
        list(selector) {
          const match = labelPredicate(selector);
          const inNamespace = indexer.getIndexers()[NAMESPACE_INDEX]
            ? indexer.byIndex(NAMESPACE_INDEX, namespace)
            : indexer.list().filter((o) => (o.metadata?.namespace ?? '') === namespace);
          return inNamespace.filter(match);
        },
      };
    },
  };
  return lister;
}
