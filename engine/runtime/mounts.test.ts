import { describe, expect, it } from 'vitest';
import { resolveMount } from '../../solutions/volume/mounts.ts';
import { ContainerFs } from './container-fs.ts';
import { mountsCases } from './mounts-suite.ts';
import { Volume } from './volume.ts';

describe('volume.mounts (reference)', () => {
  for (const c of mountsCases) it(c.name, () => c.run(resolveMount));
});

describe('ContainerFs with the volume.mounts part', () => {
  it('writes land in the volume of the longest mount, under its subPath; a readOnly mount refuses writes', () => {
    const data = new Volume();
    const logs = new Volume();
    const conf = new Volume({ 'app.yaml': 'x: 1' });
    const fs = new ContainerFs(new Volume(), [
      { containerPath: '/data', volume: data },
      { containerPath: '/data/logs', volume: logs, subPath: 'web' },
      { containerPath: '/etc/app', volume: conf, readonly: true },
    ], resolveMount);
    expect(fs.writeFile('/data/logs/today.log', 'hi')).toBeUndefined();
    expect(logs.readFile('web/today.log')).toBe('hi');
    expect(data.readFile('logs/today.log')).toBeUndefined();
    expect(fs.writeFile('/etc/app/app.yaml', 'x: 2')).toBe('Read-only file system');
    expect(fs.readFile('/etc/app/app.yaml')).toBe('x: 1');
    expect(fs.writeFile('/tmp/x', 'rootfs')).toBeUndefined();
    expect(fs.rootfs.readFile('tmp/x')).toBe('rootfs');
  });
});
