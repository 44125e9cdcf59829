/**
 * One container's view of the filesystem: its own root filesystem (a private copy of the image's
 * files, as the snapshotter's writable layer gives each container) with volumes mounted over
 * it. A path resolves through the mount with the longest matching containerPath, as the
 * kernel's mount table would.
 */
import { normalizeVolumePath, type Volume } from './volume.ts';

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
  private readonly mounts: ContainerMount[];

  constructor(
    readonly rootfs: Volume,
    mounts: ContainerMount[],
  ) {
    this.mounts = mounts
      .map((m) => ({ ...m, containerPath: `/${normalizeVolumePath(m.containerPath)}` }))
      .sort((a, b) => b.containerPath.length - a.containerPath.length);
    // The directories every Linux image has (and the runtime creates: /dev, /proc).
    for (const d of STANDARD_DIRS) rootfs.mkdir(d);
    for (const m of this.mounts) rootfs.mkdir(m.containerPath);
  }

  /** Resolves an absolute (or `cwd`-relative) path to the volume that holds it. */
  resolve(path: string, cwd = '/'): ResolvedPath {
    const abs = `/${normalizeVolumePath(path.startsWith('/') ? path : `${cwd}/${path}`)}`;
    for (const m of this.mounts) {
      const base = m.containerPath;
      if (abs === base || abs.startsWith(base === '/' ? '/' : `${base}/`)) {
        const rest = abs.slice(base.length);
        return { volume: m.volume, path: normalizeVolumePath(`${m.subPath ?? ''}/${rest}`), readonly: m.readonly === true };
      }
    }
    return { volume: this.rootfs, path: normalizeVolumePath(abs), readonly: false };
  }

  readFile(path: string, cwd?: string): string | undefined {
    const r = this.resolve(path, cwd);
    return r.volume.readFile(r.path);
  }

  /** Writes a file; returns an error text (`Read-only file system`, `Is a directory`) or undefined. */
  writeFile(path: string, content: string, append = false, cwd?: string): string | undefined {
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
