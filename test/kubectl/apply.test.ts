/**
 * `kubectl apply` against `tinykube up`: a file, a directory, a multi-document YAML, re-applying
 * unchanged objects, default (server-side Strict) validation of unknown fields, `--server-side`
 * and `--dry-run=server` — asserted on the lines a user reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kubectlAvailable, startTinykube, stopAllTinykubes, type Tinykube } from './harness.ts';

const configMap = (name: string, value = 'v') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: ${value}\n`;

describe.skipIf(!kubectlAvailable)('kubectl apply', { timeout: 120_000 }, () => {
  let tk: Tinykube;
  let dir: string;
  beforeAll(async () => {
    tk = await startTinykube({ nodes: 1, speed: 20 });
    dir = mkdtempSync(join(tmpdir(), 'tinykube-apply-'));
  }, 90_000);
  afterAll(stopAllTinykubes);

  it('applies one file and reports the object created', async () => {
    writeFileSync(join(dir, 'one.yaml'), configMap('one'));
    const r = await tk.kubectl(['apply', '-f', join(dir, 'one.yaml')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('configmap/one created');
  });

  it('applies every manifest of a directory', async () => {
    const d = join(dir, 'manifests');
    mkdirSync(d);
    writeFileSync(join(d, 'a.yaml'), configMap('dir-a'));
    writeFileSync(join(d, 'b.yaml'), configMap('dir-b'));
    const r = await tk.kubectl(['apply', '-f', d]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual(['configmap/dir-a created', 'configmap/dir-b created']);
  });

  it('applies a multi-document YAML, and re-applying it unchanged says "unchanged"', async () => {
    const file = join(dir, 'multi.yaml');
    writeFileSync(file, `${configMap('multi-a')}---\n${configMap('multi-b')}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: multi\n`);
    const first = await tk.kubectl(['apply', '-f', file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.trim().split('\n')).toEqual(['configmap/multi-a created', 'configmap/multi-b created', 'namespace/multi created']);
    const again = await tk.kubectl(['apply', '-f', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim().split('\n')).toEqual(['configmap/multi-a unchanged', 'configmap/multi-b unchanged', 'namespace/multi unchanged']);
  });

  it('re-applying a changed file says "configured" and the change is stored', async () => {
    writeFileSync(join(dir, 'one.yaml'), configMap('one', 'changed'));
    const r = await tk.kubectl(['apply', '-f', join(dir, 'one.yaml')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('configmap/one configured');
    const v = await tk.kubectl(['get', 'configmap', 'one', '-o', 'jsonpath={.data.key}']);
    expect(v.stdout).toBe('changed');
  });

  it('rejects an unknown field with default validation and creates nothing', async () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, `${configMap('bad')}bogus: 1\n`);
    const r = await tk.kubectl(['apply', '-f', file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe(`Error from server (BadRequest): error when creating "${file}": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"`);
    const get = await tk.kubectl(['get', 'configmap', 'bad']);
    expect(get.stderr).toContain('configmaps "bad" not found');
  });

  it('--validate=false drops the unknown field and creates the object', async () => {
    const file = join(dir, 'lenient.yaml');
    writeFileSync(file, `${configMap('lenient')}bogus: 1\n`);
    const r = await tk.kubectl(['apply', '--validate=false', '-f', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('configmap/lenient created');
  });

  it('--server-side applies with server-side apply and a second apply changes a field', async () => {
    const file = join(dir, 'ssa.yaml');
    writeFileSync(file, configMap('ssa'));
    const r = await tk.kubectl(['apply', '--server-side', '-f', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('configmap/ssa serverside-applied');
    writeFileSync(file, configMap('ssa', 'two'));
    const again = await tk.kubectl(['apply', '--server-side', '-f', file]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim()).toBe('configmap/ssa serverside-applied');
    const cm = JSON.parse((await tk.kubectl(['get', 'configmap', 'ssa', '-o', 'json'])).stdout);
    expect(cm.data).toEqual({ key: 'two' });
    // No last-applied annotation: server-side apply does not use client-side apply's bookkeeping.
    expect(cm.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });

  it('--dry-run=server says "(server dry run)" and stores nothing', async () => {
    const r = await tk.kubectl(['apply', '--dry-run=server', '-f', '-'], { stdin: configMap('dry') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('configmap/dry created (server dry run)');
    const get = await tk.kubectl(['get', 'configmap', 'dry']);
    expect(get.code).toBe(1);
    expect(get.stderr.trim()).toBe('Error from server (NotFound): configmaps "dry" not found');
  });
});
