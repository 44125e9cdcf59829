/**
 * The informer's local cache: client-go tools/cache/thread_safe_store.go + store.go + index.go.
 *
 * Objects are kept by key (`namespace/name`) and, for every registered index function, in a
 * reverse index value → keys. Every object is stored deep-frozen (see deep-freeze.ts), so what
 * get/list/byIndex return can be shared with every reader and never changes under them: an update
 * replaces the object, it never edits it.
 *
 * Example (indexers namespace and byNode):
 *   add(pod a/web on n1), add(pod b/db on n1)
 *   byIndex('byNode', 'n1')      → [a/web, b/db]
 *   update(pod a/web on n2)      → byNode: n1 → {b/db}, n2 → {a/web}
 *   delete(b/db)                 → byNode: n2 → {a/web}   (empty n1 entry dropped)
 */
import type { ApiObject } from '../object-like.ts';
import { frozenCopy } from './deep-freeze.ts';
import { metaNamespaceIndexFunc, metaNamespaceKeyFunc, NAMESPACE_INDEX, type Indexers, type KeyFunc } from './index-funcs.ts';

export class Indexer<T extends ApiObject = ApiObject> {
  private items = new Map<string, T>();
  private indexers: Indexers<T>;
  /** index name → index value → keys */
  private indices = new Map<string, Map<string, Set<string>>>();

  constructor(
    indexers: Indexers<T> = { [NAMESPACE_INDEX]: metaNamespaceIndexFunc as (obj: T) => string[] },
    readonly keyFunc: KeyFunc = metaNamespaceKeyFunc,
  ) {
    this.indexers = { ...indexers };
    for (const name of Object.keys(this.indexers)) this.indices.set(name, new Map());
  }

  /** Adds or replaces `obj`; returns the frozen object now in the cache. */
  add(obj: T): T {
    const frozen = frozenCopy(obj);
    const key = this.keyFunc(frozen);
    const old = this.items.get(key);
    this.items.set(key, frozen);
    this.updateIndices(old, frozen, key);
    return frozen;
  }

  update(obj: T): T {
    return this.add(obj);
  }

  /** Removes the object with `obj`'s key; returns what was cached, if anything. */
  delete(obj: ApiObject): T | undefined {
    return this.deleteByKey(this.keyFunc(obj));
  }

  deleteByKey(key: string): T | undefined {
    const old = this.items.get(key);
    if (old === undefined) return undefined;
    this.items.delete(key);
    this.updateIndices(old, undefined, key);
    return old;
  }

  /** Replaces the whole content (after a list): the indices are rebuilt from scratch. */
  replace(objs: readonly T[]): void {
    this.items.clear();
    for (const m of this.indices.values()) m.clear();
    for (const o of objs) this.add(o);
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  get(obj: ApiObject): T | undefined {
    return this.items.get(this.keyFunc(obj));
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** Every cached object, sorted by key. */
  list(): T[] {
    return this.listKeys().map((k) => this.items.get(k) as T);
  }

  /** Every key, sorted. */
  listKeys(): string[] {
    return [...this.items.keys()].sort();
  }

  get size(): number {
    return this.items.size;
  }

  /** Objects filed under `value` in index `indexName`, sorted by key. Unknown index: a bug, throws. */
  byIndex(indexName: string, value: string): T[] {
    return this.indexKeys(indexName, value).map((k) => this.items.get(k) as T);
  }

  /** Keys filed under `value` in index `indexName`, sorted. */
  indexKeys(indexName: string, value: string): string[] {
    const index = this.indexOrThrow(indexName);
    const keys = index.get(value);
    return keys ? [...keys].sort() : [];
  }

  /** Objects sharing any index value with `obj` in index `indexName` (client-go Index). */
  index(indexName: string, obj: T): T[] {
    const fn = this.indexers[indexName];
    if (!fn) throw new Error(`Index with name ${indexName} does not exist`);
    const keys = new Set<string>();
    for (const v of fn(obj)) for (const k of this.indexKeys(indexName, v)) keys.add(k);
    return [...keys].sort().map((k) => this.items.get(k) as T);
  }

  /** The values present in index `indexName`, sorted. */
  listIndexFuncValues(indexName: string): string[] {
    return [...this.indexOrThrow(indexName).keys()].sort();
  }

  getIndexers(): Readonly<Indexers<T>> {
    return this.indexers;
  }

  /** Registers more index functions; existing objects are indexed at once. Names must be new. */
  addIndexers(newIndexers: Indexers<T>): void {
    for (const name of Object.keys(newIndexers)) {
      if (name in this.indexers) throw new Error(`indexer conflict: ${name}`);
    }
    for (const [name, fn] of Object.entries(newIndexers)) {
      this.indexers[name] = fn;
      const index = new Map<string, Set<string>>();
      this.indices.set(name, index);
      for (const [key, obj] of this.items) for (const v of fn(obj)) addToIndex(index, v, key);
    }
  }

  private indexOrThrow(indexName: string): Map<string, Set<string>> {
    const index = this.indices.get(indexName);
    if (!index) throw new Error(`Index with name ${indexName} does not exist`);
    return index;
  }

  private updateIndices(oldObj: T | undefined, newObj: T | undefined, key: string): void {
    for (const [name, fn] of Object.entries(this.indexers)) {
      const index = this.indices.get(name) as Map<string, Set<string>>;
      const oldValues = oldObj ? fn(oldObj) : [];
      const newValues = newObj ? fn(newObj) : [];
      for (const v of oldValues) if (!newValues.includes(v)) removeFromIndex(index, v, key);
      for (const v of newValues) addToIndex(index, v, key);
    }
  }
}

function addToIndex(index: Map<string, Set<string>>, value: string, key: string): void {
  let keys = index.get(value);
  if (!keys) index.set(value, (keys = new Set()));
  keys.add(key);
}

function removeFromIndex(index: Map<string, Set<string>>, value: string, key: string): void {
  const keys = index.get(value);
  if (!keys) return;
  keys.delete(key);
  // Drop empty entries so listIndexFuncValues only shows values that still have objects
  // (upstream fixed the same leak in thread_safe_store's deleteKeyFromIndex).
  if (keys.size === 0) index.delete(value);
}
