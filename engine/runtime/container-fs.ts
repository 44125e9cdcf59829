/**
 * One container's view of the filesystem: its own root filesystem (a private copy of the image's
 * files, as the snapshotter's writable layer gives each container) with volumes mounted over
 * it. A path resolves through the mount with the longest matching containerPath, as the
 * kernel's mount table would.
 *
 * Which mount a path falls in is the part `volume.mounts` (ResolveMount below), injected through
 * createSimulatedRuntime's options; without it the built-in resolution is used.
 */
import { normalizeVolumePath, type Volume } from './volume.ts';

/**
 * One volumeMount as the part `volume.mounts` sees it (kubelet makeMounts → the CRI Mount →
 * runc's bind mounts): `containerPath` absolute and normalised (`/usr/share/nginx/html`, `/` for
 * the root); `subPath` relative and normalised (`html/site`), absent or '' for the volume's root.
 */
// #region resolve-mount
export interface MountPoint {
  containerPath: string;
  subPath?: string;
  readonly?: boolean;
}

/** Where a container path lives: in `mounts[mount]`, at `path` inside that volume. */
export interface MountResolution {
  /** Index of the mount in the list given. */
  mount: number;
  /** Relative, normalised, inside the volume ('' = the volume's root, or its subPath's root). */
  path: string;
  /** Writes there fail with `Read-only file system`. */
  readonly: boolean;
}

/**
 * The part `volume.mounts`: resolve an absolute, normalised container path (`/data/logs/a.txt`,
 * `/`) through the container's mounts, given in the pod spec's order.
 *
 *  - A mount covers its containerPath and everything below it, on path-component boundaries:
 *    `/data` covers `/data` and `/data/x`, not `/database`; a mount at `/` covers every path.
 *  - When several mounts cover the path, the one with the LONGEST containerPath wins (it was
 *    mounted on top — the kubelet sorts mounts so parents come first).
 *  - The path inside the volume is the rest of the path after the containerPath, under the
 *    mount's subPath when it has one: `/site/index.html` with {containerPath `/site`, subPath
 *    `html`} → `html/index.html`.
 *  - readonly is the mount's.
 *  - No mount covers it: undefined (the container's own root filesystem).
 *
 * Worked example — mounts [{/data, vol A}, {/data/logs, vol B, subPath app, readonly}]:
 *   /data/x.txt        → mount 0, `x.txt`, writable
 *   /data/logs/today   → mount 1, `app/today`, readonly
 *   /data/logs         → mount 1, `app`, readonly
 *   /database/x        → undefined (rootfs)
 */
export type ResolveMount = (mounts: readonly MountPoint[], path: string) => MountResolution | undefined;
// #endregion resolve-mount

const STANDARD_DIRS = ['bin', 'dev', 'etc', 'proc', 'root', 'tmp', 'usr', 'var'];

export interface ContainerMount {
  containerPath: string;
  volume: Volume;
  subPath?: string;
  readonly?: boolean;
}

export interface ResolvedPath {
  volume: Volume;
  path: string;
  readonly: boolean;
}

export class ContainerFs {
  /** The mounts in their given order, normalised; `points` is what the `volume.mounts` part sees. */
  private readonly declared: ContainerMount[];
  private readonly points: MountPoint[];

  constructor(
    readonly rootfs: Volume,
    mounts: ContainerMount[],
    private readonly resolveMount: ResolveMount,
  ) {
    this.declared = mounts.map((m) => {
      const out: ContainerMount = { ...m, containerPath: `/${normalizeVolumePath(m.containerPath)}` };
      if (m.subPath !== undefined) out.subPath = normalizeVolumePath(m.subPath);
      return out;
    });
    this.points = this.declared.map((m) => {
      const p: MountPoint = { containerPath: m.containerPath };
      if (m.subPath) p.subPath = m.subPath;
      if (m.readonly) p.readonly = true;
      return p;
    });
    // The directories every Linux image has (and the runtime creates: /dev, /proc).
    for (const d of STANDARD_DIRS) rootfs.mkdir(d);
    for (const m of this.declared) rootfs.mkdir(m.containerPath);
    // The kubelet creates a missing subPath directory inside the volume before the bind mount
    // (upstream pkg/volume/util/subpath doSafeMakeDir).
    for (const m of this.declared) if (m.subPath) m.volume.mkdir(m.subPath);
  }

  /** Resolves an absolute (or `cwd`-relative) path to the volume that holds it (the part decides which mount). */
  resolve(path: string, cwd = '/'): ResolvedPath {
    const abs = `/${normalizeVolumePath(path.startsWith('/') ? path : `${cwd}/${path}`)}`;
    const r = this.resolveMount(this.points, abs);
    const m = r ? this.declared[r.mount] : undefined;
    if (!r || !m) return { volume: this.rootfs, path: normalizeVolumePath(abs), readonly: false };
    return { volume: m.volume, path: normalizeVolumePath(r.path), readonly: r.readonly === true };
  }

  readFile(path: string, cwd?: string): string | undefined {
    if (isDevNull(path, cwd)) return '';
    const r = this.resolve(path, cwd);
    return r.volume.readFile(r.path);
  }

  /**
   * Writes a file; returns an error text (`Read-only file system`, `Is a directory`) or undefined.
   * Writes to /dev/null are discarded, so `> /dev/null`, `curl -o /dev/null` and `tee /dev/null` all work.
   */
  writeFile(path: string, content: string, append = false, cwd?: string): string | undefined {
    if (isDevNull(path, cwd)) return undefined;
    const r = this.resolve(path, cwd);
    if (r.readonly) return 'Read-only file system';
    if (r.volume.isDirectory(r.path)) return 'Is a directory';
    const parent = r.path.split('/').slice(0, -1).join('/');
    if (!r.volume.isDirectory(parent)) return 'No such file or directory';
    if (append) r.volume.appendFile(r.path, content);
    else r.volume.writeFile(r.path, content);
    return undefined;
  }

  isFile(path: string, cwd?: string): boolean {
    const r = this.resolve(path, cwd);
    return r.volume.isFile(r.path);
  }

  isDirectory(path: string, cwd?: string): boolean {
    const r = this.resolve(path, cwd);
    return r.volume.isDirectory(r.path);
  }

  list(path: string, cwd?: string): string[] | undefined {
    const r = this.resolve(path, cwd);
    return r.volume.list(r.path);
  }

  /** Permission bits of a file or directory (0644 / 0755 unless set), undefined if absent. */
  mode(path: string, cwd?: string): number | undefined {
    const r = this.resolve(path, cwd);
    return r.volume.mode(r.path);
  }

  remove(path: string, cwd?: string): boolean {
    const r = this.resolve(path, cwd);
    if (r.readonly) return false;
    return r.volume.removeFile(r.path);
  }

  mkdir(path: string, cwd?: string): string | undefined {
    const r = this.resolve(path, cwd);
    if (r.readonly) return 'Read-only file system';
    r.volume.mkdir(r.path);
    return undefined;
  }
}

/**
 * /dev/null, which every container has: the runtime mounts a /dev with the standard devices
 * (runc's default mounts, libcontainer/specconv). The only device simulated here.
 */
function isDevNull(path: string, cwd = '/'): boolean {
  return `/${normalizeVolumePath(path.startsWith('/') ? path : `${cwd}/${path}`)}` === '/dev/null';
}
