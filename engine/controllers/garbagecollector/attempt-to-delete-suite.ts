/**
 * The part cases of `controllers.gc` (attemptToDeleteItem), called directly. The grader
 * (grader/tests/ctrl-gc.ts) runs them after its cluster cases; the self-check (test/self-check/)
 * runs them against the reference, the learner's stub (where every case must fail) and the
 * mutants (grader/mutants/ctrl-gc.ts). Each case throws on failure.
 */
import { expect } from 'vitest';
import {
  FINALIZER_FOREGROUND,
  FINALIZER_ORPHAN,
  type AttemptToDeleteItem,
  type GcItem,
  type OwnerLookup,
  type OwnerReference,
} from './attempt-to-delete.ts';

export interface AttemptToDeleteCase {
  name: string;
  run(impl: AttemptToDeleteItem): void;
}

const ref = (name: string, uid: string, blockOwnerDeletion = true): OwnerReference => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  name,
  uid,
  controller: true,
  blockOwnerDeletion,
});

const item = (refs: OwnerReference[], extra: Partial<GcItem> = {}): GcItem => ({
  ownerReferences: refs,
  finalizers: [],
  hasDependents: false,
  ...extra,
});

const alive = (r: OwnerReference): OwnerLookup => ({ ref: r, found: { uid: r.uid } });
const absent = (r: OwnerReference): OwnerLookup => ({ ref: r, found: undefined });
const namesake = (r: OwnerReference): OwnerLookup => ({ ref: r, found: { uid: `${r.uid}-recreated` } });
const foreground = (r: OwnerReference): OwnerLookup => ({
  ref: r,
  found: { uid: r.uid, deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: [FINALIZER_FOREGROUND] },
});
const orphaning = (r: OwnerReference): OwnerLookup => ({
  ref: r,
  found: { uid: r.uid, deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: [FINALIZER_ORPHAN] },
});

const a = ref('web-a', 'uid-a');
const b = ref('web-b', 'uid-b');

export const attemptToDeleteCases: readonly AttemptToDeleteCase[] = [
  {
    name: 'an object without owner references is kept',
    run(impl) {
      expect(impl(item([]), [])).toEqual({ action: 'keep' });
    },
  },
  {
    name: 'an object whose only owner exists is kept',
    run(impl) {
      expect(impl(item([a]), [alive(a)])).toEqual({ action: 'keep' });
    },
  },
  {
    name: 'an object whose only owner is gone is deleted in the background',
    run(impl) {
      expect(impl(item([a]), [absent(a)])).toEqual({ action: 'delete', propagationPolicy: 'Background' });
    },
  },
  {
    name: 'an owner recreated under the same name with another uid counts as gone',
    run(impl) {
      expect(impl(item([a]), [namesake(a)])).toEqual({ action: 'delete', propagationPolicy: 'Background' });
    },
  },
  {
    name: 'an owner being deleted without foregroundDeletion (background or orphan) still owns its dependent',
    run(impl) {
      expect(impl(item([a]), [orphaning(a)])).toEqual({ action: 'keep' });
    },
  },
  {
    name: 'one living owner keeps the object and only the dangling reference is removed',
    run(impl) {
      expect(impl(item([a, b]), [absent(a), alive(b)])).toEqual({ action: 'removeOwnerReferences', uids: ['uid-a'] });
    },
  },
  {
    name: 'one living owner keeps the object and the reference to an owner waiting in the foreground is removed',
    run(impl) {
      expect(impl(item([a, b]), [alive(a), foreground(b)])).toEqual({ action: 'removeOwnerReferences', uids: ['uid-b'] });
    },
  },
  {
    name: 'a dependent of an owner deleting in the foreground is deleted (background when it has no dependents)',
    run(impl) {
      expect(impl(item([a]), [foreground(a)])).toEqual({ action: 'delete', propagationPolicy: 'Background' });
    },
  },
  {
    name: 'a dependent with dependents of its own is deleted in the foreground when its owner waits in the foreground',
    run(impl) {
      expect(impl(item([a], { hasDependents: true }), [foreground(a)])).toEqual({ action: 'delete', propagationPolicy: 'Foreground' });
    },
  },
  {
    name: 'an object whose owners are gone is deleted with the policy its own finalizers ask for',
    run(impl) {
      expect(impl(item([a], { finalizers: [FINALIZER_ORPHAN] }), [absent(a)])).toEqual({ action: 'delete', propagationPolicy: 'Orphan' });
      expect(impl(item([a], { finalizers: [FINALIZER_FOREGROUND] }), [absent(a)])).toEqual({
        action: 'delete',
        propagationPolicy: 'Foreground',
      });
      expect(impl(item([a], { finalizers: ['example.com/keep'] }), [absent(a)])).toEqual({
        action: 'delete',
        propagationPolicy: 'Background',
      });
    },
  },
  {
    name: 'an object with every owner gone or waiting is deleted, not merely unlinked',
    run(impl) {
      expect(impl(item([a, b]), [absent(a), foreground(b)])).toEqual({ action: 'delete', propagationPolicy: 'Background' });
    },
  },
];
