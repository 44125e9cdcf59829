/**
 * Index functions: each maps an object to the index values it is filed under (client-go
 * tools/cache/index.go). An indexer keeps, per index name, value → set of object keys, so
 * "all pods on node-1" is a lookup instead of a scan.
 */
import { objectKey } from '../../api/object.ts';
import type { ApiObject } from '../object-like.ts';

/** Returns the values `obj` is filed under in one index (none, one or several). */
export type IndexFunc<T extends ApiObject = ApiObject> = (obj: T) => string[];

/** Index name → index function. */
export type Indexers<T extends ApiObject = ApiObject> = Record<string, IndexFunc<T>>;

/** Builds the cache key of an object: `namespace/name` or `name` (MetaNamespaceKeyFunc). */
export type KeyFunc = (obj: ApiObject) => string;

export const metaNamespaceKeyFunc: KeyFunc = objectKey;

/** The index every informer has (client-go NamespaceIndex = "namespace"). */
export const NAMESPACE_INDEX = 'namespace';

/** Pods by the node they are bound to. */
export const BY_NODE_INDEX = 'byNode';

/** Files an object under its namespace ('' for cluster-scoped objects): MetaNamespaceIndexFunc. */
export const metaNamespaceIndexFunc: IndexFunc = (obj) => [obj.metadata?.namespace ?? ''];

/**
 * Files a pod under `spec.nodeName`. Pods not bound yet are not in this index: ask for them with
 * a field selector (`spec.nodeName=`) or filter a namespace list.
 */
export const podNodeNameIndexFunc: IndexFunc = (obj) => {
  const node = (obj as { spec?: { nodeName?: unknown } }).spec?.nodeName;
  return typeof node === 'string' && node !== '' ? [node] : [];
};

/** The indexers an informer starts with: namespace for every kind, plus byNode for pods. */
export function defaultIndexersFor(kind: string): Indexers {
  const indexers: Indexers = { [NAMESPACE_INDEX]: metaNamespaceIndexFunc };
  if (kind === 'Pod') indexers[BY_NODE_INDEX] = podNodeNameIndexFunc;
  return indexers;
}
