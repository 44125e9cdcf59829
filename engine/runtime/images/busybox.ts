/**
 * busybox and the small distribution images (alpine, debian, ubuntu): no server, just a shell
 * and its tools. Their default CMD is a shell, which with no terminal attached reads an empty
 * stdin and exits 0 at once — why a bare `busybox` pod completes immediately (and, with
 * restartPolicy Always, ends in CrashLoopBackOff).
 */
import { BUSYBOX_APPLETS } from '../shell/applets.ts';
import type { Program } from '../process.ts';
import { versionTag, MiB, type ImageFamily } from './image.ts';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function distro(repositories: string[], sizeBytes: number, cmd: string[], files: Record<string, string>, extraTags: string[]): ImageFamily {
  return {
    repositories,
    hasTag: (tag) => versionTag(tag, extraTags),
    describe: () => ({
      entrypoint: [],
      cmd,
      env: { PATH },
      workingDir: '/',
      sizeBytes,
      files,
      // Every applet is a program of its own (busybox is one multi-call binary).
      binaries: {} as Record<string, Program>,
      shell: true,
      baseMemoryBytes: 1 * MiB,
    }),
  };
}

const ETC = (pretty: string) => ({ 'etc/hostname': '', 'etc/os-release': `PRETTY_NAME="${pretty}"\n`, 'tmp/.keep': '' });

export const busyboxFamily = distro(['docker.io/library/busybox'], 2_160_000, ['sh'], ETC('BusyBox'), ['stable', 'musl', 'glibc', 'uclibc']);
export const alpineFamily = distro(['docker.io/library/alpine'], 3_650_000, ['/bin/sh'], ETC('Alpine Linux v3.21'), ['edge']);
export const debianFamily = distro(['docker.io/library/debian'], 48_500_000, ['bash'], ETC('Debian GNU/Linux 12 (bookworm)'), ['bookworm', 'bookworm-slim', 'stable-slim', 'bullseye']);
export const ubuntuFamily = distro(['docker.io/library/ubuntu'], 29_700_000, ['/bin/bash'], ETC('Ubuntu 24.04.1 LTS'), ['noble', 'jammy', 'focal']);

export { BUSYBOX_APPLETS };
