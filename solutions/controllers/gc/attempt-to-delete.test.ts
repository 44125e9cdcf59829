import { describe, expect, it } from 'vitest';
import {
  attemptToDeleteCases,
  describeAttemptToDelete,
  failingAttemptToDeleteCases,
} from '../../../engine/controllers/garbagecollector/attempt-to-delete-suite.ts';
import type { AttemptToDeleteItem } from '../../../engine/controllers/garbagecollector/attempt-to-delete.ts';
import { attemptToDeleteItem } from './attempt-to-delete.ts';
import { attemptToDeleteItem as stub } from '../../../exercises/controllers/gc/attempt-to-delete.ts';

describeAttemptToDelete('reference solution', attemptToDeleteItem);

describe('attemptToDeleteItem cases catch broken implementations', () => {
  it('the untouched learner stub fails every case', () => {
    expect(failingAttemptToDeleteCases(stub)).toEqual(attemptToDeleteCases.map((c) => c.name));
  });

  it('comparing owners by name only (a recreated namesake keeps the dependent alive) is caught', () => {
    const byNameOnly: AttemptToDeleteItem = (item, owners) =>
      attemptToDeleteItem(
        item,
        owners.map((o) => ({ ref: o.ref, found: o.found && { ...o.found, uid: o.ref.uid } })),
      );
    expect(failingAttemptToDeleteCases(byNameOnly)).toContain('an owner recreated under the same name with another uid counts as gone');
  });

  it('deleting the object as soon as one owner is gone (ignoring the others) is caught', () => {
    const anyDangling: AttemptToDeleteItem = (item, owners) =>
      owners.some((o) => !o.found) ? { action: 'delete', propagationPolicy: 'Background' } : attemptToDeleteItem(item, owners);
    expect(failingAttemptToDeleteCases(anyDangling)).toContain('one living owner keeps the object and only the dangling reference is removed');
  });

  it('treating an owner in foreground deletion as alive (the owner then waits forever) is caught', () => {
    const foregroundIsAlive: AttemptToDeleteItem = (item, owners) =>
      attemptToDeleteItem(
        item,
        owners.map((o) => ({ ref: o.ref, found: o.found && { uid: o.found.uid } })),
      );
    expect(failingAttemptToDeleteCases(foregroundIsAlive)).toContain(
      'a dependent of an owner deleting in the foreground is deleted (background when it has no dependents)',
    );
  });

  it('always deleting in the background (ignoring the object\'s own finalizers) is caught', () => {
    const alwaysBackground: AttemptToDeleteItem = (item, owners) => {
      const d = attemptToDeleteItem(item, owners);
      return d.action === 'delete' ? { action: 'delete', propagationPolicy: 'Background' } : d;
    };
    expect(failingAttemptToDeleteCases(alwaysBackground)).toContain(
      'an object whose owners are gone is deleted with the policy its own finalizers ask for',
    );
  });
});
