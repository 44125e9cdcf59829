/**
 * Configuration objects and metadata with the real kubectl: `create configmap --from-literal`,
 * `create secret generic` (values base64 in data, never printed by get), `label`, `annotate`
 * (overwrite rules) and `edit` through an EDITOR script that rewrites the file with sed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlAvailable, startTinykube, stopAllTinykubes, type Tinykube } from './harness.ts';

describe.skipIf(!kubectlAvailable)('kubectl config objects, labels, annotations and edit', { timeout: 120_000 }, () => {
  let tk: Tinykube;
  let dir: string;
  beforeAll(async () => {
    tk = await startTinykube({ nodes: 1, speed: 20 });
    dir = mkdtempSync(join(tmpdir(), 'tinykube-config-'));
  }, 90_000);
  afterAll(stopAllTinykubes);

  it('create configmap --from-literal stores each key', async () => {
    const r = await tk.kubectl(['create', 'configmap', 'settings', '--from-literal=mode=fast', '--from-literal=level=3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('configmap/settings created');
    const get = await tk.kubectl(['get', 'configmap', 'settings']);
    expect(get.stdout).toMatch(/^settings\s+2\s+\S+$/m);
    const data = JSON.parse((await tk.kubectl(['get', 'cm', 'settings', '-o', 'jsonpath={.data}'])).stdout);
    expect(data).toEqual({ mode: 'fast', level: '3' });
  });

  it('creating it again is AlreadyExists', async () => {
    const r = await tk.kubectl(['create', 'configmap', 'settings', '--from-literal=mode=slow']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('error: failed to create configmap: configmaps "settings" already exists');
  });

  it('create secret generic stores base64 data of type Opaque', async () => {
    const r = await tk.kubectl(['create', 'secret', 'generic', 'db', '--from-literal=password=s3cr3t']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('secret/db created');
    const get = await tk.kubectl(['get', 'secret', 'db']);
    expect(get.stdout.split('\n')[0]!.split(/\s+/)).toEqual(['NAME', 'TYPE', 'DATA', 'AGE']);
    expect(get.stdout).toMatch(/^db\s+Opaque\s+1\s/m);
    const value = await tk.kubectl(['get', 'secret', 'db', '-o', 'jsonpath={.data.password}']);
    expect(Buffer.from(value.stdout, 'base64').toString('utf8')).toBe('s3cr3t');
  });

  it('label adds a label, refuses to change it without --overwrite, and removes it with key-', async () => {
    const add = await tk.kubectl(['label', 'configmap', 'settings', 'team=blue']);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout.trim()).toBe('configmap/settings labeled');
    expect((await tk.kubectl(['get', 'cm', '-l', 'team=blue', '-o', 'name'])).stdout.trim()).toBe('configmap/settings');

    const clash = await tk.kubectl(['label', 'configmap', 'settings', 'team=red']);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain("'team' already has a value (blue), and --overwrite is false");

    const over = await tk.kubectl(['label', 'configmap', 'settings', 'team=red', '--overwrite']);
    expect(over.code, over.stderr).toBe(0);
    expect((await tk.kubectl(['get', 'cm', 'settings', '--show-labels'])).stdout).toMatch(/team=red/);

    const rm = await tk.kubectl(['label', 'configmap', 'settings', 'team-']);
    expect(rm.stdout.trim()).toBe('configmap/settings unlabeled');
    expect((await tk.kubectl(['get', 'cm', '-l', 'team', '-o', 'name'])).stdout.trim()).toBe('');
  });

  it('annotate sets an annotation that get -o jsonpath reads back', async () => {
    const r = await tk.kubectl(['annotate', 'configmap', 'settings', 'owner=ops team']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('configmap/settings annotated');
    const v = await tk.kubectl(['get', 'cm', 'settings', '-o', 'jsonpath={.metadata.annotations.owner}']);
    expect(v.stdout).toBe('ops team');
  });

  it('edit saves the change the EDITOR made to the file', async () => {
    const editor = join(dir, 'editor.sh');
    writeFileSync(editor, '#!/bin/sh\nsed -i "s/mode: fast/mode: edited/" "$1"\n');
    chmodSync(editor, 0o755);
    const r = await tk.kubectl(['edit', 'configmap', 'settings'], { env: { EDITOR: editor, KUBE_EDITOR: editor } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('configmap/settings edited');
    const v = await tk.kubectl(['get', 'cm', 'settings', '-o', 'jsonpath={.data.mode}']);
    expect(v.stdout).toBe('edited');
  });

  it('edit that changes nothing says "Edit cancelled"', async () => {
    const editor = join(dir, 'noop.sh');
    writeFileSync(editor, '#!/bin/sh\ntrue\n');
    chmodSync(editor, 0o755);
    const r = await tk.kubectl(['edit', 'configmap', 'settings'], { env: { EDITOR: editor, KUBE_EDITOR: editor } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.trim()).toBe('Edit cancelled, no changes made.');
  });
});
