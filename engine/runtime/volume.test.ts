import { describe, expect, it } from 'vitest';
import { Volume } from './volume.ts';
import { shellRunner } from './shell/testing.ts';
import { resolveMount } from '../../solutions/volume/mounts.ts';

const run = shellRunner(resolveMount);

/** Runs `sh -c script` with `volume` mounted at /cfg (read-only when asked); returns stdout+stderr lines. */
async function sh(script: string, volume: Volume, readonly = false): Promise<string[]> {
  const r = run(script, { mounts: [{ containerPath: '/cfg', volume, readonly }], startMs: Date.UTC(2026, 10, 24, 15, 30) });
  await r.finish(10_000);
  return r.all;
}

describe('Volume: file modes', () => {
  it('files are 0644 and directories 0755 unless written with a mode; rewriting keeps the mode', () => {
    const v = new Volume();
    v.writeFile('a', 'x');
    v.writeFile('conf/b', 'y', 0o600);
    v.writeFile('conf/b', 'z');
    expect([v.mode('a'), v.mode('conf/b'), v.mode('conf'), v.mode('nope')]).toEqual([0o644, 0o600, 0o755, undefined]);
  });

  it('replaceAll swaps the whole content at once: files not in the new payload are gone', () => {
    const v = new Volume({ old: '1', 'dir/x': '2' });
    v.replaceAll([{ path: 'new', content: '3', mode: 0o400 }]);
    expect(v.snapshot()).toEqual({ new: '3' });
    expect([v.mode('new'), v.isDirectory('dir')]).toEqual([0o400, false]);
  });

  it('a clone keeps files and modes but no longer follows the original', () => {
    const v = new Volume();
    v.writeFile('k', 'v1', 0o440);
    const copy = v.clone();
    v.replaceAll([{ path: 'k', content: 'v2' }]);
    expect([copy.readFile('k'), copy.mode('k'), v.readFile('k')]).toEqual(['v1', 0o440, 'v2']);
  });

  it('mkdir over an existing file leaves it a file', () => {
    const v = new Volume({ mode: 'blue' });
    v.mkdir('mode');
    expect([v.isFile('mode'), v.isDirectory('mode')]).toEqual([true, false]);
  });
});

describe('busybox ls -l and stat show the modes', () => {
  it('ls -l prints mode, links, owner, group, size, time and name; stat -c prints %a %A %n %s', async () => {
    const v = new Volume();
    v.writeFile('lives', '3', 0o400);
    v.writeFile('conf/ui', 'color=red');
    const out = await sh('ls -l /cfg; ls -l /cfg/lives; stat -c "%a %A %s %n" /cfg/lives /cfg/conf; stat -c %a /cfg/missing', v);
    expect(out).toEqual([
      'total 8',
      'drwxr-xr-x    2 root     root          4096 Nov 24 15:30 conf',
      '-r--------    1 root     root             1 Nov 24 15:30 lives',
      '-r--------    1 root     root             1 Nov 24 15:30 /cfg/lives',
      '400 -r-------- 1 /cfg/lives',
      '755 drwxr-xr-x 4096 /cfg/conf',
      "stat: can't stat '/cfg/missing': No such file or directory",
    ]);
  });

  it('a read-only mount refuses writes', async () => {
    expect(await sh('echo x > /cfg/new || echo refused', new Volume(), true)).toEqual(["sh: can't create /cfg/new: Read-only file system", 'refused']);
  });
});
