import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { defaultStorageClassAdmission } from './default-storage-class.ts';
import type { AdmissionAttributes } from './types.ts';

const sc = (name: string, isDefault: boolean, created = '2025-01-01T00:00:00Z'): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, creationTimestamp: created, ...(isDefault ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } : {}) },
});

function admitClaim(classes: KubeObject[], spec: Record<string, unknown>): Record<string, unknown> {
  const object = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: 'default' }, spec } as KubeObject;
  const a: AdmissionAttributes = { operation: 'CREATE', resource: { group: '', version: 'v1', resource: 'persistentvolumeclaims' }, kind: 'PersistentVolumeClaim', subresource: '', namespace: 'default', name: 'c', object, user: 'kubectl', dryRun: false };
  expect(defaultStorageClassAdmission(() => classes).admit!(a)).toBeUndefined();
  return object.spec as Record<string, unknown>;
}

describe('DefaultStorageClass admission', () => {
  it('a claim with no storageClassName gets the default class', () => {
    expect(admitClaim([sc('slow', false), sc('standard', true)], {}).storageClassName).toBe('standard');
  });
  it('storageClassName "" (no class) and an explicit class are kept', () => {
    expect(admitClaim([sc('standard', true)], { storageClassName: '' }).storageClassName).toBe('');
    expect(admitClaim([sc('standard', true)], { storageClassName: 'fast' }).storageClassName).toBe('fast');
  });
  it('no default class: nothing set; several defaults: the newest wins', () => {
    expect(admitClaim([sc('slow', false)], {}).storageClassName).toBeUndefined();
    expect(admitClaim([sc('old', true, '2024-01-01T00:00:00Z'), sc('new', true, '2025-06-01T00:00:00Z')], {}).storageClassName).toBe('new');
  });
});

describe('StorageObjectInUseProtection admission', () => {
  it('a new claim gets kubernetes.io/pvc-protection and a new volume kubernetes.io/pv-protection, once', async () => {
    const { storageObjectInUseProtection } = await import('./storage-object-in-use-protection.ts');
    const plugin = storageObjectInUseProtection();
    const attrs = (resource: string, object: KubeObject): AdmissionAttributes => ({ operation: 'CREATE', resource: { group: '', version: 'v1', resource }, kind: '', subresource: '', namespace: '', name: 'x', object, user: 'kubectl', dryRun: false });
    const pvc = { metadata: { name: 'x', finalizers: ['kubernetes.io/pvc-protection'] } } as KubeObject;
    const pv = { metadata: { name: 'x' } } as KubeObject;
    const pod = { metadata: { name: 'x' } } as KubeObject;
    plugin.admit!(attrs('persistentvolumeclaims', pvc));
    plugin.admit!(attrs('persistentvolumes', pv));
    plugin.admit!(attrs('pods', pod));
    expect(pvc.metadata?.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(pv.metadata?.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(pod.metadata?.finalizers).toBeUndefined();
  });
});
