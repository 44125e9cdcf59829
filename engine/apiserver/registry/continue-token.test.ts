import { describe, expect, it } from 'vitest';
import { isStatusError } from '../../api/errors.ts';
import { decodeContinue, encodeContinue } from './continue-token.ts';

const prefix = '/registry/pods/default/';

describe('continue token', () => {
  it('round-trips the next key and the revision, keeping only the part after the prefix', () => {
    const token = encodeContinue(`${prefix}web-2\0`, prefix, 42);
    expect(JSON.parse(atob(token.replace(/-/g, '+').replace(/_/g, '/')))).toEqual({ v: 'meta.k8s.io/v1', rv: 42, start: 'web-2\0' });
    expect(decodeContinue(token, prefix)).toEqual({ key: `${prefix}web-2\0`, revision: 42 });
  });

  it('is opaque base64url without padding', () => {
    expect(encodeContinue(`${prefix}a`, prefix, 7)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('rejects garbage, other versions, a zero revision and keys that escape the collection with 400', () => {
    const enc = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
    for (const bad of ['***', enc({ v: 'v2', rv: 1, start: 'a' }), enc({ v: 'meta.k8s.io/v1', rv: 0, start: 'a' }), enc({ v: 'meta.k8s.io/v1', rv: 3, start: '../../secrets/x' })]) {
      const r = decodeContinue(bad, prefix);
      expect(isStatusError(r) && r.code === 400 && r.message.startsWith('invalid continue token:')).toBe(true);
    }
  });
});
