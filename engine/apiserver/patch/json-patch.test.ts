import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/errors.ts';
import { jsonPatch } from './json-patch.ts';

/** Runs `fn`, expecting it to throw a StatusError; returns the Status. */
function statusOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('expected a StatusError, nothing was thrown');
}

describe('jsonPatch (RFC 6902)', () => {
  const pod = () => ({
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
  });

  it('add sets a new object member and overwrites an existing one', () => {
    const out = jsonPatch(pod(), [
      { op: 'add', path: '/metadata/labels/tier', value: 'fe' },
      { op: 'add', path: '/metadata/labels/app', value: 'api' },
    ]);
    expect(out).toMatchObject({ metadata: { labels: { app: 'api', tier: 'fe' } } });
  });

  it('add inserts into an array at an index, shifting later elements, and appends at "-"', () => {
    const out = jsonPatch({ list: ['a', 'c'] }, [
      { op: 'add', path: '/list/1', value: 'b' },
      { op: 'add', path: '/list/-', value: 'd' },
      { op: 'add', path: '/list/4', value: 'e' },
    ]);
    expect(out).toEqual({ list: ['a', 'b', 'c', 'd', 'e'] });
  });

  it('remove deletes an object member and an array element', () => {
    const out = jsonPatch({ a: 1, b: 2, list: ['x', 'y', 'z'] }, [
      { op: 'remove', path: '/b' },
      { op: 'remove', path: '/list/1' },
    ]);
    expect(out).toEqual({ a: 1, list: ['x', 'z'] });
  });

  it('replace overwrites a value, including the whole document at ""', () => {
    expect(jsonPatch(pod(), [{ op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.27' }])).toMatchObject({
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
    });
    expect(jsonPatch({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }])).toEqual({ b: 2 });
  });

  it('move removes the value at "from" and adds it at "path"', () => {
    const out = jsonPatch({ a: { x: 1 }, b: {} }, [{ op: 'move', from: '/a/x', path: '/b/y' }]);
    expect(out).toEqual({ a: {}, b: { y: 1 } });
  });

  it('move within an array evaluates the target index after the removal', () => {
    expect(jsonPatch({ l: ['a', 'b', 'c', 'd'] }, [{ op: 'move', from: '/l/0', path: '/l/3' }])).toEqual({ l: ['b', 'c', 'd', 'a'] });
  });

  it('copy adds an independent deep copy of the value at "from"', () => {
    const out = jsonPatch({ a: { x: [1] } }, [
      { op: 'copy', from: '/a', path: '/b' },
      { op: 'add', path: '/b/x/-', value: 2 },
    ]);
    expect(out).toEqual({ a: { x: [1] }, b: { x: [1, 2] } });
  });

  it('test passes on JSON-equal values regardless of member order', () => {
    const out = jsonPatch({ a: { x: 1, y: [1, 2] } }, [{ op: 'test', path: '/a', value: { y: [1, 2], x: 1 } }]);
    expect(out).toEqual({ a: { x: 1, y: [1, 2] } });
  });

  it('unescapes ~1 to "/" and ~0 to "~" in pointer tokens', () => {
    const out = jsonPatch({ metadata: { annotations: {} } }, [
      { op: 'add', path: '/metadata/annotations/example.com~1owner', value: 'team-a' },
      { op: 'add', path: '/metadata/annotations/a~0b', value: 'tilde' },
    ]);
    expect(out).toEqual({ metadata: { annotations: { 'example.com/owner': 'team-a', 'a~b': 'tilde' } } });
  });

  it('a key literally named "__proto__" is an ordinary member', () => {
    const out = jsonPatch(JSON.parse('{}'), [{ op: 'add', path: '/__proto__', value: { polluted: true } }]) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never mutates the original or the patch', () => {
    const original = pod();
    const patch = [
      { op: 'add', path: '/extra', value: { list: [1] } },
      { op: 'add', path: '/extra/list/-', value: 2 },
      { op: 'remove', path: '/metadata/labels/app' },
    ];
    const before = JSON.stringify({ original, patch });
    jsonPatch(original, patch);
    expect(JSON.stringify({ original, patch })).toBe(before);
  });
});

describe('jsonPatch errors (upstream patch.go applyJSPatch)', () => {
  it('a failed test rejects the whole patch with 422 Invalid and applies nothing', () => {
    const original = { metadata: { name: 'web' }, spec: { replicas: 1 } };
    const status = statusOf(() =>
      jsonPatch(original, [
        { op: 'replace', path: '/spec/replicas', value: 5 },
        { op: 'test', path: '/metadata/name', value: 'api' },
      ]),
    );
    expect(status).toMatchObject({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
    expect(status.details?.causes?.[0]?.message).toBe('testing value /metadata/name failed: test failed');
    expect(original.spec.replicas).toBe(1);
  });

  it.each([
    ['replace of a missing member', { op: 'replace', path: '/spec/missing', value: 1 }],
    ['remove of a missing member', { op: 'remove', path: '/spec/missing' }],
    ['add under a missing parent', { op: 'add', path: '/nope/child', value: 1 }],
    ['add past the end of an array', { op: 'add', path: '/spec/list/5', value: 1 }],
    ['an index with a leading zero', { op: 'replace', path: '/spec/list/01', value: 1 }],
    ['remove at "-"', { op: 'remove', path: '/spec/list/-' }],
    ['move from a missing path', { op: 'move', from: '/nope', path: '/x' }],
    ['move into its own child', { op: 'move', from: '/spec', path: '/spec/inner' }],
    ['copy from a missing path', { op: 'copy', from: '/nope', path: '/x' }],
    ['test of a missing path', { op: 'test', path: '/nope', value: null }],
    ['an unknown op', { op: 'merge', path: '/spec', value: {} }],
    ['a missing op', { path: '/spec' }],
    ['a missing path', { op: 'add', value: 1 }],
    ['a missing value', { op: 'add', path: '/spec/x' }],
    ['a pointer without a leading "/"', { op: 'add', path: 'spec/x', value: 1 }],
  ])('%s is 422 Invalid', (_name, op) => {
    expect(statusOf(() => jsonPatch({ spec: { list: ['a'] } }, [op]))).toMatchObject({ code: 422, reason: 'Invalid' });
  });

  it.each([
    ['an object', { op: 'add', path: '/a', value: 1 }, 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
    ['null', null, 'json: cannot unmarshal null into Go value of type jsonpatch.Patch'],
    ['a list holding a string', ['add'], 'json: cannot unmarshal string into Go value of type jsonpatch.Operation'],
  ])('a patch that is %s is 400 BadRequest', (_name, patch, message) => {
    expect(statusOf(() => jsonPatch({}, patch))).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });

  it('more than 10,000 operations is 413 RequestEntityTooLarge', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '', value: {} }));
    expect(statusOf(() => jsonPatch({}, ops))).toMatchObject({
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    });
  });

  it('an empty patch returns an equal copy of the original', () => {
    const original = { a: [1, { b: 2 }] };
    const out = jsonPatch(original, []);
    expect(out).toEqual(original);
    expect(out).not.toBe(original);
  });
});
