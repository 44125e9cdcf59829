/**
 * Writable access to ObjectMeta. kubernetes-types marks every field readonly (good for clients);
 * the registry is the one place that sets server-owned fields, and does so through metaOf.
 */
import type { KubeObject, ObjectMeta } from '../../api/object.ts';

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type MutableObjectMeta = Mutable<ObjectMeta>;

/** The object's metadata, created when missing, as a writable view. */
export function metaOf(obj: KubeObject): MutableObjectMeta {
  return (obj.metadata ??= {}) as MutableObjectMeta;
}
