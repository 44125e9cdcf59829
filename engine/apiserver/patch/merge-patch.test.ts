import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/errors.ts';
import { mergePatch } from './merge-patch.ts';

describe('mergePatch (RFC 7396)', () => {
  // Cases in the spirit of RFC 7396 Appendix A: [original, patch, result].
  it.each([
    ['sets a new member', { a: 'b' }, { c: 'd' }, { a: 'b', c: 'd' }],
    ['replaces a scalar', { a: 'b' }, { a: 'c' }, { a: 'c' }],
    ['deletes a member set to null', { a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    ['ignores null for a member that does not exist', { a: 'b' }, { z: null }, { a: 'b' }],
    ['merges nested objects', { a: { b: 'c', d: 'e' } }, { a: { d: null, f: 'g' } }, { a: { b: 'c', f: 'g' } }],
    ['replaces an array whole', { a: ['b', 'c'] }, { a: ['d'] }, { a: ['d'] }],
    ['replaces an array of objects whole (no merge by key)', { c: [{ name: 'a', x: 1 }] }, { c: [{ name: 'a', y: 2 }] }, { c: [{ name: 'a', y: 2 }] }],
    ['replaces an object with a scalar', { a: { b: 'c' } }, { a: 1 }, { a: 1 }],
    ['replaces a scalar with an object, dropping its nulls', { a: 1 }, { a: { b: 'c', d: null } }, { a: { b: 'c' } }],
    ['keeps nulls inside arrays', { a: 1 }, { a: [null, 1] }, { a: [null, 1] }],
    ['an empty patch changes nothing', { a: { b: [1] } }, {}, { a: { b: [1] } }],
    ['a non-object original is treated as {}', ['x'], { a: 'b' }, { a: 'b' }],
  ])('%s', (_name, original, patch, result) => {
    expect(mergePatch(original, patch)).toEqual(result);
  });

  it('a label set to null is removed and the other labels are kept', () => {
    const deploy = { metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } }, spec: { replicas: 2 } };
    expect(mergePatch(deploy, { metadata: { labels: { tier: null, env: 'prod' } }, spec: { replicas: 3 } })).toEqual({
      metadata: { name: 'web', labels: { app: 'web', env: 'prod' } },
      spec: { replicas: 3 },
    });
  });

  it('an array patch replaces the whole document, as the RFC says', () => {
    expect(mergePatch({ a: 1 }, [1, 2])).toEqual([1, 2]);
  });

  it('never mutates the original or the patch', () => {
    const original = { a: { b: [1, 2], c: 'x' }, d: 'y' };
    const patch = { a: { b: [3], c: null, e: { f: 1 } }, d: null };
    const before = JSON.stringify({ original, patch });
    const out = mergePatch(original, patch) as { a: { e: { f: number } } };
    out.a.e.f = 99;
    expect(JSON.stringify({ original, patch })).toBe(before);
  });

  it.each([null, 'text', 42, true])('a patch that is %j is 400 BadRequest "Invalid JSON Patch"', (patch) => {
    let err: unknown;
    try {
      mergePatch({ a: 1 }, patch);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect((err as StatusError).status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' });
  });
});
