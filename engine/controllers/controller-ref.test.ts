import { describe, expect, it } from 'vitest';
import { getControllerOf, newControllerRef, resolveControllerRef } from './controller-ref.ts';

type Obj = { metadata?: { name?: string; namespace?: string; uid?: string } };

function listerOf(...objs: Obj[]) {
  return { get: (ns: string, name: string) => objs.find((o) => o.metadata?.namespace === ns && o.metadata?.name === name) };
}

const rs: Obj = { metadata: { name: 'web', namespace: 'default', uid: 'u1' } };

describe('resolveControllerRef', () => {
  it('returns the owner a controller reference names when kind, name and uid all agree', () => {
    const ref = newControllerRef({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: rs.metadata });
    expect(resolveControllerRef(listerOf(rs), 'default', ref, 'ReplicaSet')).toBe(rs);
  });

  it('ignores a reference of another kind, an absent reference and a missing object', () => {
    const ref = { kind: 'ReplicaSet', name: 'web', uid: 'u1' };
    expect(resolveControllerRef(listerOf(rs), 'default', ref, 'Deployment')).toBeUndefined();
    expect(resolveControllerRef(listerOf(rs), 'default', undefined, 'ReplicaSet')).toBeUndefined();
    expect(resolveControllerRef(listerOf(rs), 'other', ref, 'ReplicaSet')).toBeUndefined();
  });

  it('ignores an object of the same name that replaced the owner (different uid)', () => {
    const pod = { metadata: { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'old', controller: true }] } };
    expect(resolveControllerRef(listerOf(rs), 'default', getControllerOf(pod), 'ReplicaSet')).toBeUndefined();
  });
});
