import { describe, expect, it } from 'vitest';
import { StatusError } from '../../api/errors.ts';
import { strategicMergePatch } from './strategic-merge-patch.ts';

const POD = { group: '', version: 'v1', kind: 'Pod' };
const pod = () => ({
  metadata: { name: 'web', labels: { app: 'web' }, finalizers: ['a'] },
  spec: { containers: [{ name: 'web', image: 'nginx' }], tolerations: [{ key: 'k' }] },
});

function statusOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('expected a StatusError, nothing was thrown');
}

const smpStatus = (patch: unknown, gvk = POD) => statusOf(() => strategicMergePatch(pod(), patch, gvk));

describe('strategicMergePatch map directives', () => {
  it('"$patch: replace" in a map replaces the map instead of merging it', () => {
    const out = strategicMergePatch(pod(), { metadata: { labels: { $patch: 'replace', tier: 'fe' } } }, POD) as any;
    expect(out.metadata.labels).toEqual({ tier: 'fe' });
  });

  it('"$patch: delete" in a map empties it', () => {
    const out = strategicMergePatch(pod(), { metadata: { labels: { $patch: 'delete' } } }, POD) as any;
    expect(out.metadata.labels).toEqual({});
  });
});

describe('strategicMergePatch errors (upstream codes, handlers/patch.go)', () => {
  it('an unknown $patch directive in a map is 500 "unknown patch type"', () => {
    expect(smpStatus({ spec: { $patch: 'squash' } })).toMatchObject({ code: 500, message: 'unknown patch type: squash in map: map[$patch:squash]' });
  });

  it('"$patch: merge" in a map is an unknown patch type too (only replace and delete apply to maps)', () => {
    expect(smpStatus({ spec: { $patch: 'merge' } })).toMatchObject({ code: 500 });
  });

  it('an unknown $patch directive in a merge list element is 500', () => {
    expect(smpStatus({ spec: { containers: [{ name: 'web', $patch: 'squash' }] } })).toMatchObject({
      code: 500,
      message: 'unknown patch type: squash in map: map[$patch:squash name:web]',
    });
  });

  it('"$patch: merge" in a list is 500 "merging lists cannot yet be specified in the patch"', () => {
    expect(smpStatus({ spec: { containers: [{ $patch: 'merge' }] } })).toMatchObject({
      code: 500,
      message: 'merging lists cannot yet be specified in the patch',
    });
  });

  it('a merge list element without its merge key is 500 "does not contain declared merge key"', () => {
    expect(smpStatus({ spec: { containers: [{ image: 'redis' }] } })).toMatchObject({
      code: 500,
      message: 'map: map[image:redis] does not contain declared merge key: name',
    });
  });

  it('a "$patch: delete" element without its merge key is 500', () => {
    expect(smpStatus({ spec: { containers: [{ $patch: 'delete' }] } })).toMatchObject({ code: 500 });
  });

  it('mixing element types in a merge list is 500', () => {
    expect(smpStatus({ metadata: { finalizers: [1] } })).toMatchObject({ code: 500 });
  });

  it('a list of lists in a merge list is 422 Invalid', () => {
    const status = statusOf(() => strategicMergePatch({ metadata: { finalizers: [['a']] } }, { metadata: { finalizers: [['b']] } }, POD));
    expect(status).toMatchObject({ code: 422, reason: 'Invalid' });
    expect(status.details?.causes?.[0]?.message).toBe('lists of lists are not supported');
  });

  it.each([
    ['an array', [], 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['a string', 'x', 'json: cannot unmarshal string into Go value of type map[string]interface {}'],
    ['a number', 1, 'json: cannot unmarshal number into Go value of type map[string]interface {}'],
    ['a boolean', true, 'json: cannot unmarshal bool into Go value of type map[string]interface {}'],
  ])('a patch that is %s is 400 BadRequest', (_name, patch, message) => {
    expect(smpStatus(patch)).toMatchObject({ code: 400, reason: 'BadRequest', message });
  });

  it('"$retainKeys" that is not a list is 400 "invalid patch format of retainKeys"', () => {
    expect(smpStatus({ spec: { $retainKeys: 'containers' } })).toMatchObject({ code: 400, message: 'invalid patch format of retainKeys' });
  });

  it('a patch field missing from "$retainKeys" is 400', () => {
    expect(smpStatus({ spec: { $retainKeys: ['containers'], hostname: 'x' } })).toMatchObject({ code: 400, message: 'invalid patch format of retainKeys' });
  });

  it('a "$setElementOrder" key without "/<list>" is 400', () => {
    expect(smpStatus({ spec: { $setElementOrderContainers: [] } })).toMatchObject({ code: 400, message: 'invalid patch format of setElementOrder list' });
  });

  it('a "$deleteFromPrimitiveList" key without "/<list>" is 400', () => {
    expect(smpStatus({ metadata: { $deleteFromPrimitiveList: ['a'] } })).toMatchObject({ code: 400, message: 'invalid patch format of primitive list' });
  });

  it('a "$setElementOrder" list that is not a list is 500', () => {
    expect(smpStatus({ spec: { '$setElementOrder/containers': 'web' } })).toMatchObject({
      code: 500,
      message: 'expected a []interface {}, but received a string',
    });
  });

  it('a patch list out of step with its "$setElementOrder" list is 500', () => {
    const status = smpStatus({
      spec: { '$setElementOrder/containers': [{ name: 'web' }], containers: [{ name: 'other', image: 'x' }] },
    });
    expect(status.code).toBe(500);
    expect(status.message).toContain("doesn't match $setElementOrder list");
  });

  it('a kind with no patch metadata (e.g. a custom resource) is 415 UnsupportedMediaType', () => {
    expect(smpStatus({}, { group: 'example.com', version: 'v1', kind: 'Widget' })).toMatchObject({ code: 415, reason: 'UnsupportedMediaType' });
  });

  it('a failing patch leaves the original untouched', () => {
    const original = pod();
    const before = JSON.stringify(original);
    statusOf(() => strategicMergePatch(original, { metadata: { labels: { x: 'y' } }, spec: { containers: [{ image: 'no-name' }] } }, POD));
    expect(JSON.stringify(original)).toBe(before);
  });
});
