import { describe, expect, it } from 'vitest';
import { createVolume } from '../volume.ts';
import { shellRunner } from './testing.ts';
import { resolveMount } from '../../../solutions/volume/mounts.ts';

const sh = shellRunner(resolveMount);

/** Runs a script with /data mounted from `files`; resolves with stdout and stderr lines. */
async function run(script: string, files: Record<string, string> = {}) {
  const r = sh(script, { volume: createVolume(files) });
  await r.finish();
  return { out: r.out, err: r.err };
}

const LOG = { 'log': 'GET /a 200\nGET /b 404\nPOST /a 200\nget /c 500\n' };

describe('busybox grep (findutils/grep.c)', () => {
  it('-c prints the count of matching lines, -vc of the others; a zero count exits 1', async () => {
    const r = await run('grep -c 200 /data/log; echo "rc=$?"; grep -vc 200 /data/log; grep -c DELETE /data/log; echo "rc=$?"', LOG);
    expect(r.out).toEqual(['2', 'rc=0', '2', '0', 'rc=1']);
  });

  it('-c with several files prints FILE:COUNT for each, zeros included', async () => {
    const r = await run('grep -c a /data/log /data/empty', { ...LOG, empty: '' });
    expect(r.out).toEqual(['/data/log:2', '/data/empty:0']);
  });

  it('-c reads stdin and combines with -i', async () => {
    const r = await run('printf "GET\\nget\\nput\\n" | grep -ic get');
    expect(r.out).toEqual(['2']);
  });

  it('-q exits 0 at the first match without reading later files, so a missing one after it goes unnoticed', async () => {
    const r = await run('grep -q 404 /data/log /data/nope; echo "rc=$?"; grep -q 418 /data/log; echo "rc=$?"', LOG);
    expect(r.out).toEqual(['rc=0', 'rc=1']);
    expect(r.err).toEqual([]);
  });

  it('-w matches whole words only, trying later matches on the same line', async () => {
    const r = await run('printf "abc\\nab c\\nxab ab\\nab_\\n" | grep -w ab');
    expect(r.out).toEqual(['ab c', 'xab ab']);
  });

  it('-x matches whole lines only', async () => {
    const r = await run('printf "ok\\nnot ok\\nok!\\n" | grep -x ok; printf "a\\nab\\n" | grep -xc "a|ab"');
    expect(r.out).toEqual(['ok', '2']);
  });

  it('with several files each printed line is prefixed by FILE:', async () => {
    const r = await run('grep 404 /data/log /data/other', { ...LOG, other: '404 here\n' });
    expect(r.out).toEqual(['/data/log:GET /b 404', '/data/other:404 here']);
  });

  it('a missing file prints "grep: FILE: No such file or directory" and exits 2', async () => {
    const r = await run('grep -c 200 /data/log /data/nope; echo "rc=$?"', LOG);
    expect(r.out).toEqual(['/data/log:2', 'rc=2']);
    expect(r.err).toEqual(['grep: /data/nope: No such file or directory']);
  });

  it('a directory reads as empty (fopen succeeds, reading fails silently): no message, exit 1', async () => {
    const r = await run('grep x /data/sub; echo "rc=$?"', { 'sub/f': 'x\n' });
    expect(r.out).toEqual(['rc=1']);
    expect(r.err).toEqual([]);
  });
});
