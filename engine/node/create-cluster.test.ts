import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { createCluster } from './create-cluster.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('createCluster with a data directory', () => {
  it('finds every object, with its resourceVersion and uid, after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tinykube-cluster-'));
    dirs.push(dataDir);
    const first = await createCluster({ dataDir, seed: 'a' });
    const cm: corev1.ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept', namespace: 'default' }, data: { k: 'v' } };
    const created = await first.client().configmaps('default').create(cm);
    await first.client().namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    const revision = first.kv.currentRevision();
    await first.close();

    const second = await createCluster({ dataDir, seed: 'b' });
    try {
      const found = await second.client().configmaps('default').get('kept');
      expect(found.metadata?.uid).toBe(created.metadata?.uid);
      expect(found.metadata?.resourceVersion).toBe(created.metadata?.resourceVersion);
      expect(found.data).toEqual({ k: 'v' });
      expect((await second.client().namespaces().get('team-a')).metadata?.name).toBe('team-a');
      // Bootstrapping the system namespaces again must not write anything: they are all there.
      expect(second.kv.currentRevision()).toBe(revision);
      const next = await second.client().configmaps('default').create({ ...cm, metadata: { name: 'after', namespace: 'default' } });
      expect(Number(next.metadata?.resourceVersion)).toBe(revision + 1);
    } finally {
      await second.close();
    }
  });

  it('without a data directory keeps nothing', async () => {
    const c = await createCluster();
    await c.client().configmaps('default').create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    await c.close();
    const d = await createCluster();
    await expect(d.client().configmaps('default').get('x')).rejects.toMatchObject({ code: 404 });
    await d.close();
  });
});
