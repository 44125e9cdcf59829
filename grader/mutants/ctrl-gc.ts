/** Typical mistakes in `controllers.gc`; the self-check proves each one fails a case. */
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'controllers.gc',
  mutants: [
    {
      name: 'owner-by-name-only',
      mistake: 'compares owners by name only, so a recreated namesake with another uid keeps the dependent alive',
      make: (ref) => (item, owners) => ref(item, owners.map((o) => ({ ref: o.ref, found: o.found && { ...o.found, uid: o.ref.uid } }))),
    },
    {
      name: 'any-dangling-deletes',
      mistake: 'deletes the object as soon as one of its owners is gone, ignoring the others',
      make: (ref) => (item, owners) => (owners.some((o) => !o.found) ? { action: 'delete', propagationPolicy: 'Background' } : ref(item, owners)),
    },
    {
      name: 'foreground-owner-is-alive',
      mistake: 'treats an owner in foreground deletion as alive, so the owner then waits for its dependents forever',
      make: (ref) => (item, owners) => ref(item, owners.map((o) => ({ ref: o.ref, found: o.found && { uid: o.found.uid } }))),
    },
    {
      name: 'always-background',
      mistake: "always deletes in the background, ignoring the object's own orphan/foregroundDeletion finalizers",
      make: (ref) => (item, owners) => {
        const d = ref(item, owners);
        return d.action === 'delete' ? { action: 'delete', propagationPolicy: 'Background' } : d;
      },
    },
  ],
});
