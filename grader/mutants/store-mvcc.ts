/** Typical mistakes in `store.mvcc` (keyIndex); the self-check proves each one fails a case. */
import type { KeyIndex, KeyIndexFactory } from '../../engine/store/key-index.ts';
import { defineMutants } from '../exercise-tests.ts';

/** Wraps the reference's index and replaces some methods, the way a learner's bug would. */
function broken(reference: KeyIndexFactory, override: (inner: KeyIndex) => Partial<KeyIndex>): KeyIndexFactory {
  return (key) => {
    const inner = reference(key);
    return {
      key,
      put: (rev) => inner.put(rev),
      tombstone: (rev) => inner.tombstone(rev),
      restore: (created, modified, version) => inner.restore(created, modified, version),
      get: (at) => inner.get(at),
      since: (rev) => inner.since(rev),
      compact: (at) => inner.compact(at),
      isEmpty: () => inner.isEmpty(),
      ...override(inner),
    };
  };
}

export default defineMutants({
  part: 'store.mvcc',
  mutants: [
    {
      name: 'tombstone-keeps-generation',
      mistake: 'a delete does not end the generation, so a deleted key stays visible',
      make: (ref) => broken(ref, () => ({ tombstone: () => undefined })),
    },
    {
      name: 'compact-keeps-nothing',
      mistake: 'compaction reports no revision as still needed, so the store drops the live versions too',
      make: (ref) => broken(ref, (inner) => ({ compact: (at) => (inner.compact(at), []) })),
    },
    {
      name: 'get-ignores-revision',
      mistake: 'a read at a past revision returns the latest revision instead',
      make: (ref) => broken(ref, (inner) => ({ get: () => inner.get(Number.MAX_SAFE_INTEGER) })),
    },
    {
      name: 'never-empty',
      mistake: 'an index never reports itself empty, so compacted-away keys are never forgotten',
      make: (ref) => broken(ref, () => ({ isEmpty: () => false })),
    },
  ],
});
