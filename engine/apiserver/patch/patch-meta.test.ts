import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../api/resources.ts';
import { lookupPatchMeta, patchMetaForKind, splitPatchStrategy } from './patch-meta.ts';

const gvk = (group: string, kind: string) => ({ group, version: 'v1', kind });

describe('patch metadata', () => {
  it('every kind the engine serves has patch metadata with ObjectMeta finalizers and ownerReferences', () => {
    for (const r of RESOURCES) {
      expect(patchMetaForKind(r), r.kind).toBeDefined();
      expect(lookupPatchMeta(r, ['metadata', 'finalizers'])).toEqual({ patchStrategy: 'merge' });
      expect(lookupPatchMeta(r, ['metadata', 'ownerReferences'])).toEqual({ patchStrategy: 'merge', patchMergeKey: 'uid' });
    }
  });

  it('pod templates of every workload kind reuse the PodSpec rules', () => {
    const templates: Array<[ReturnType<typeof gvk>, string[]]> = [
      [gvk('', 'Pod'), ['spec']],
      [gvk('apps', 'Deployment'), ['spec', 'template', 'spec']],
      [gvk('apps', 'ReplicaSet'), ['spec', 'template', 'spec']],
      [gvk('apps', 'StatefulSet'), ['spec', 'template', 'spec']],
      [gvk('apps', 'DaemonSet'), ['spec', 'template', 'spec']],
      [gvk('batch', 'Job'), ['spec', 'template', 'spec']],
      [gvk('batch', 'CronJob'), ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
    ];
    for (const [k, podSpec] of templates) {
      expect(lookupPatchMeta(k, [...podSpec, 'containers'])?.patchMergeKey, k.kind).toBe('name');
      expect(lookupPatchMeta(k, [...podSpec, 'containers', 'env'])?.patchMergeKey, k.kind).toBe('name');
      expect(lookupPatchMeta(k, [...podSpec, 'initContainers', 'volumeMounts'])?.patchMergeKey, k.kind).toBe('mountPath');
      expect(lookupPatchMeta(k, [...podSpec, 'volumes'])?.patchStrategy, k.kind).toBe('merge,retainKeys');
      expect(lookupPatchMeta(k, [...podSpec, 'tolerations'])?.patchStrategy, k.kind).toBeUndefined();
    }
  });

  it('ports merge by containerPort in a container and by port in a Service', () => {
    expect(lookupPatchMeta(gvk('', 'Pod'), ['spec', 'containers', 'ports'])?.patchMergeKey).toBe('containerPort');
    expect(lookupPatchMeta(gvk('', 'Service'), ['spec', 'ports'])?.patchMergeKey).toBe('port');
  });

  it('node addresses and conditions merge by type; podCIDRs is a merged set of strings', () => {
    expect(lookupPatchMeta(gvk('', 'Node'), ['status', 'addresses'])?.patchMergeKey).toBe('type');
    expect(lookupPatchMeta(gvk('', 'Node'), ['status', 'conditions'])?.patchMergeKey).toBe('type');
    expect(lookupPatchMeta(gvk('', 'Node'), ['spec', 'podCIDRs'])).toEqual({ patchStrategy: 'merge' });
    expect(lookupPatchMeta(gvk('', 'Node'), ['spec', 'taints'])?.patchStrategy).toBeUndefined();
  });

  it('unknown kinds have none', () => {
    expect(patchMetaForKind({ group: 'example.com', version: 'v1', kind: 'Widget' })).toBeUndefined();
    expect(patchMetaForKind({ group: 'apps', version: 'v1beta1', kind: 'Deployment' })).toBeUndefined();
  });

  it('splits a patchStrategy tag into its retainKeys flag and its strategy', () => {
    expect(splitPatchStrategy('merge,retainKeys')).toEqual({ retainKeys: true, strategy: 'merge' });
    expect(splitPatchStrategy('retainKeys')).toEqual({ retainKeys: true, strategy: '' });
    expect(splitPatchStrategy('merge')).toEqual({ retainKeys: false, strategy: 'merge' });
    expect(splitPatchStrategy(undefined)).toEqual({ retainKeys: false, strategy: '' });
  });
});
