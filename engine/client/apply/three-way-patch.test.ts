import { describe, expect, it } from 'vitest';
import { PLAIN, patchMetaForKind } from '../../apiserver/patch/patch-meta.ts';
import type { JsonObject } from '../../apiserver/patch/json-value.ts';
import { strategicMergePatch } from '../../apiserver/patch/strategic-merge-patch.ts';
import { createThreeWayMergePatch, MissingMergeKeyError } from './three-way-patch.ts';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };
const deploymentSchema = patchMetaForKind(DEPLOYMENT)!;

/** A Deployment reduced to what the cases need: labels, replicas, and the pod template's containers. */
function deployment(containers: JsonObject[], labels: Record<string, string> = { app: 'web' }, extra: JsonObject = {}): JsonObject {
  return { metadata: { name: 'web', labels }, spec: { ...extra, template: { spec: { containers } } } };
}

const patchOf = (original: JsonObject, modified: JsonObject, current: JsonObject) => createThreeWayMergePatch(original, modified, current, deploymentSchema);

describe('createThreeWayMergePatch', () => {
  it('sets a field the manifest adds', () => {
    const before = deployment([{ name: 'web', image: 'nginx' }]);
    const after = deployment([{ name: 'web', image: 'nginx' }], { app: 'web', tier: 'fe' });
    expect(patchOf(before, after, before)).toEqual({ metadata: { labels: { tier: 'fe' } } });
  });

  it('changes a container image, naming the container by its merge key', () => {
    const before = deployment([{ name: 'web', image: 'nginx:1.25' }]);
    const after = deployment([{ name: 'web', image: 'nginx:1.27' }]);
    const live = deployment([{ name: 'web', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }]);
    expect(patchOf(before, after, live)).toEqual({
      spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], '$setElementOrder/containers': [{ name: 'web' }] } } },
    });
  });

  it('deletes a map key the manifest no longer states, with null', () => {
    const before = deployment([], { app: 'web', tier: 'fe' });
    const after = deployment([], { app: 'web' });
    expect(patchOf(before, after, before)).toEqual({ metadata: { labels: { tier: null } } });
  });

  it('keeps a label someone else added, which the manifest never stated', () => {
    const applied = deployment([], { app: 'web' });
    const live = deployment([], { app: 'web', team: 'blue' });
    expect(patchOf(applied, applied, live)).toEqual({});
  });

  it('deletes a list element by its merge key with a $patch: delete directive', () => {
    const before = deployment([{ name: 'web', image: 'nginx' }, { name: 'log', image: 'busybox' }]);
    const after = deployment([{ name: 'web', image: 'nginx' }]);
    expect(patchOf(before, after, before)).toEqual({
      spec: {
        template: { spec: { containers: [{ name: 'log', $patch: 'delete' }], '$setElementOrder/containers': [{ name: 'web' }] } },
      },
    });
  });

  it('keeps a field a controller or kubectl scale set when the manifest omits it', () => {
    const applied = deployment([{ name: 'web', image: 'nginx' }]);
    const live = deployment([{ name: 'web', image: 'nginx' }], { app: 'web' }, { replicas: 5 });
    expect(patchOf(applied, applied, { ...live, status: { replicas: 5 } })).toEqual({});
  });

  it('replaces an atomic list (args) whole rather than merging it', () => {
    const before = deployment([{ name: 'web', image: 'nginx', args: ['-a', '-b'] }]);
    const after = deployment([{ name: 'web', image: 'nginx', args: ['-b'] }]);
    expect(patchOf(before, after, before)).toEqual({
      spec: { template: { spec: { containers: [{ name: 'web', args: ['-b'] }], '$setElementOrder/containers': [{ name: 'web' }] } } },
    });
  });

  it('is empty when the manifest is what was applied and the live object only adds to it', () => {
    const applied = deployment([{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }] }]);
    const live = deployment([{ name: 'web', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], terminationMessagePath: '/dev/termination-log' }]);
    expect(patchOf(applied, applied, live)).toEqual({});
  });

  it('deletes nothing when there is no original (an object made by kubectl create)', () => {
    const live = deployment([{ name: 'web', image: 'nginx' }, { name: 'log', image: 'busybox' }], { app: 'web', tier: 'fe' });
    const manifest = deployment([{ name: 'web', image: 'nginx' }]);
    expect(strategicMergePatch(live, patchOf({}, manifest, live), DEPLOYMENT)).toEqual(live);
  });

  it('deletes a nested field of a kept element (an env var) by merge key', () => {
    const before = deployment([{ name: 'web', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }]);
    const after = deployment([{ name: 'web', env: [{ name: 'A', value: '1' }] }]);
    const patch = patchOf(before, after, before);
    expect(patch).toEqual({
      spec: {
        template: {
          spec: {
            containers: [{ name: 'web', env: [{ name: 'B', $patch: 'delete' }], '$setElementOrder/env': [{ name: 'A' }] }],
            '$setElementOrder/containers': [{ name: 'web' }],
          },
        },
      },
    });
  });

  it('adds $retainKeys when the strategy type switches, so the server clears rollingUpdate', () => {
    const rolling = { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } };
    const before = deployment([], { app: 'web' }, { strategy: { type: 'RollingUpdate' } });
    const after = deployment([], { app: 'web' }, { strategy: { type: 'Recreate' } });
    const live = deployment([], { app: 'web' }, rolling);
    const patch = patchOf(before, after, live);
    expect(patch).toEqual({ spec: { strategy: { type: 'Recreate', $retainKeys: ['type'] } } });
    const result = strategicMergePatch(live, patch, DEPLOYMENT) as { spec: { strategy: unknown } };
    expect(result.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('gives, applied by the server, the manifest plus what only the live object had', () => {
    const before = deployment([{ name: 'web', image: 'nginx:1.25' }, { name: 'log', image: 'busybox' }], { app: 'web', tier: 'fe' });
    const after = deployment([{ name: 'web', image: 'nginx:1.27' }], { app: 'web' });
    const live = deployment(
      [
        { name: 'web', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' },
        { name: 'log', image: 'busybox' },
      ],
      { app: 'web', tier: 'fe', team: 'blue' },
      { replicas: 3 },
    );
    const result = strategicMergePatch(live, patchOf(before, after, live), DEPLOYMENT);
    expect(result).toEqual(
      deployment([{ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }], { app: 'web', team: 'blue' }, { replicas: 3 }),
    );
  });

  it('treats every list as atomic without patch metadata (a JSON merge patch)', () => {
    const before = { spec: { items: [{ name: 'a' }, { name: 'b' }] } };
    const after = { spec: { items: [{ name: 'a' }] } };
    expect(createThreeWayMergePatch(before, after, before, PLAIN)).toEqual({ spec: { items: [{ name: 'a' }] } });
  });

  it('refuses a merged list whose element lacks the merge key', () => {
    const before = deployment([{ name: 'web', image: 'nginx' }]);
    const after = deployment([{ image: 'nginx' }]);
    expect(() => patchOf(before, after, before)).toThrow(MissingMergeKeyError);
  });

  it('does not mutate its inputs', () => {
    const before = deployment([{ name: 'web', image: 'nginx' }, { name: 'log' }], { app: 'web', tier: 'fe' });
    const after = deployment([{ name: 'web', image: 'httpd' }]);
    const copies = structuredClone([before, after]);
    patchOf(before, after, before);
    expect([before, after]).toEqual(copies);
  });
});
