/**
 * The part cases of `volume.mounts`: grader/tests/volume-mounts.ts runs them against the
 * learner's part, the self-check against the reference, the stub and the mutants, and
 * mounts.test.ts against the reference. Each case throws on failure.
 */
import { expect } from 'vitest';
import { deepFreeze } from '../util/deep-freeze.ts';
import type { MountPoint, ResolveMount } from './container-fs.ts';

export interface MountsCase {
  name: string;
  run(resolve: ResolveMount): void;
}

/** `mount:path[:ro]` for a resolution, `rootfs` for none: compact and readable in a diff. */
function where(resolve: ResolveMount, mounts: MountPoint[], path: string): string {
  const r = resolve(deepFreeze(mounts), path);
  if (!r) return 'rootfs';
  return `${r.mount}:${r.path}${r.readonly ? ':ro' : ''}`;
}

export const mountsCases: readonly MountsCase[] = [
  {
    name: 'the worked example: /data, /data/logs (subPath app, readOnly), and /database on the root filesystem',
    run(resolve) {
      const mounts: MountPoint[] = [{ containerPath: '/data' }, { containerPath: '/data/logs', subPath: 'app', readonly: true }];
      expect(where(resolve, mounts, '/data/x.txt')).toBe('0:x.txt');
      expect(where(resolve, mounts, '/data/logs/today')).toBe('1:app/today:ro');
      expect(where(resolve, mounts, '/data/logs')).toBe('1:app:ro');
      expect(where(resolve, mounts, '/database/x')).toBe('rootfs');
    },
  },
  {
    name: 'no mounts: every path is on the root filesystem',
    run(resolve) {
      expect(where(resolve, [], '/etc/hostname')).toBe('rootfs');
      expect(where(resolve, [], '/')).toBe('rootfs');
    },
  },
  {
    name: 'the mount point itself is the root of the volume',
    run(resolve) {
      expect(where(resolve, [{ containerPath: '/usr/share/nginx/html' }], '/usr/share/nginx/html')).toBe('0:');
      expect(where(resolve, [{ containerPath: '/usr/share/nginx/html' }], '/usr/share/nginx')).toBe('rootfs');
    },
  },
  {
    name: 'a mount covers whole path components only: /data does not cover /database or /data2',
    run(resolve) {
      const mounts: MountPoint[] = [{ containerPath: '/data' }];
      expect(where(resolve, mounts, '/database/x')).toBe('rootfs');
      expect(where(resolve, mounts, '/data2')).toBe('rootfs');
      expect(where(resolve, mounts, '/data/2')).toBe('0:2');
    },
  },
  {
    name: 'the longest containerPath wins, whatever the order of the mounts',
    run(resolve) {
      const a: MountPoint[] = [{ containerPath: '/srv/logs/archive' }, { containerPath: '/srv' }, { containerPath: '/srv/logs' }];
      expect(where(resolve, a, '/srv/logs/archive/2024.gz')).toBe('0:2024.gz');
      expect(where(resolve, a, '/srv/logs/app.log')).toBe('2:app.log');
      expect(where(resolve, a, '/srv/index.html')).toBe('1:index.html');
      expect(where(resolve, [...a].reverse(), '/srv/logs/app.log')).toBe('0:app.log');
    },
  },
  {
    name: 'a mount at / covers every path that no longer mount covers',
    run(resolve) {
      const mounts: MountPoint[] = [{ containerPath: '/' }, { containerPath: '/tmp' }];
      expect(where(resolve, mounts, '/etc/passwd')).toBe('0:etc/passwd');
      expect(where(resolve, mounts, '/')).toBe('0:');
      expect(where(resolve, mounts, '/tmp/x')).toBe('1:x');
    },
  },
  {
    name: 'subPath re-roots the mount inside the volume',
    run(resolve) {
      const mounts: MountPoint[] = [{ containerPath: '/var/www', subPath: 'sites/blog' }, { containerPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf' }];
      expect(where(resolve, mounts, '/var/www/index.html')).toBe('0:sites/blog/index.html');
      expect(where(resolve, mounts, '/var/www')).toBe('0:sites/blog');
      expect(where(resolve, mounts, '/etc/nginx/nginx.conf')).toBe('1:nginx.conf');
      expect(where(resolve, mounts, '/etc/nginx/mime.types')).toBe('rootfs');
    },
  },
  {
    name: 'an empty subPath is the volume root',
    run(resolve) {
      expect(where(resolve, [{ containerPath: '/data', subPath: '' }], '/data/a/b')).toBe('0:a/b');
    },
  },
  {
    name: 'readOnly belongs to the mount: a writable mount below a read-only one is writable',
    run(resolve) {
      const mounts: MountPoint[] = [{ containerPath: '/config', readonly: true }, { containerPath: '/config/cache' }];
      expect(where(resolve, mounts, '/config/app.yaml')).toBe('0:app.yaml:ro');
      expect(where(resolve, mounts, '/config/cache/x')).toBe('1:x');
      expect(where(resolve, mounts, '/config')).toBe('0::ro');
    },
  },
];
