/**
 * ValidateObjectMetaUpdate (apimachinery pkg/api/validation/objectmeta.go): what may not change
 * between the stored object and an update. Engine code, not part of the `apiserver.validation`
 * part: `metadata.name: Invalid value: "b": field is immutable`.
 */
import type { ObjectMeta } from '../object.ts';
import { fieldErrors, FieldPath, GoLiteral, type FieldError } from '../field-errors.ts';
import { isObj } from './helpers.ts';

const META = FieldPath.root('metadata');
const get = (m: unknown, k: string): unknown => (isObj(m) ? m[k] : undefined);
const blank = (v: unknown) => v === undefined || v === null || v === '';

export function validateObjectMetaUpdate(newMeta: ObjectMeta | undefined, oldMeta: ObjectMeta | undefined): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['name', 'namespace', 'uid', 'creationTimestamp']) {
    const nv = get(newMeta, f);
    const ov = get(oldMeta, f);
    if (!(blank(nv) && blank(ov)) && nv !== ov) errs.push(fieldErrors.invalid(META.child(f), nv ?? '', 'field is immutable'));
  }
  // Once set, a deletion timestamp / grace period only changes through a delete call.
  for (const f of ['deletionTimestamp', 'deletionGracePeriodSeconds']) {
    const ov = get(oldMeta, f);
    const nv = get(newMeta, f);
    if (!blank(ov) && nv !== ov) errs.push(fieldErrors.invalid(META.child(f), nv ?? null, 'field is immutable; may only be changed via deletion'));
  }
  const ng = get(newMeta, 'generation');
  const og = get(oldMeta, 'generation');
  if (typeof ng === 'number' && typeof og === 'number' && ng < og) errs.push(fieldErrors.invalid(META.child('generation'), ng, 'must not be decremented'));
  // No new finalizers on an object that is being deleted.
  if (!blank(get(oldMeta, 'deletionTimestamp'))) {
    const of = new Set(Array.isArray(get(oldMeta, 'finalizers')) ? (get(oldMeta, 'finalizers') as unknown[]) : []);
    const added = (Array.isArray(get(newMeta, 'finalizers')) ? (get(newMeta, 'finalizers') as unknown[]) : []).filter((f) => !of.has(f));
    if (added.length) {
      const list = new GoLiteral(`[]string{${added.map((x) => JSON.stringify(String(x))).join(', ')}}`);
      errs.push(fieldErrors.forbidden(META.child('finalizers'), `no new finalizers can be added if the object is being deleted, found new finalizers ${list.text}`));
    }
  }
  return errs;
}
