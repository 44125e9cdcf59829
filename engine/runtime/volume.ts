/**
 * A volume's files: the small in-memory filesystem behind an emptyDir, a configMap volume or an
 * image's root filesystem. Every container that mounts the same Volume object sees the same
 * files, as two containers of a pod share one emptyDir directory on the node
 * (KK pkg/volume/emptydir: one directory per pod volume, bind-mounted into each container).
 *
 * Paths inside a volume are relative and normalised (`html/index.html`, no leading slash);
 * directories exist implicitly when a file below them exists, or explicitly after mkdir.
 *
 * The kubelet creates volumes with `createVolume(files)` and passes them in `Mount.volume`.
 *
 * Every file has a permission mode (the low 12 bits of st_mode): 0644 unless written with
 * another one, as a process with umask 022 creates files and as the kubelet's atomic writer
 * projects ConfigMap keys by default (pkg/volume/util/atomic_writer.go writePayloadToDir chmods
 * each file to its FileProjection.Mode). Directories are 0755 (the atomic writer's
 * newTimestampDir, and mkdir under umask 022).
 */

/** The mode of a file nobody chose one for: rw-r--r--. */
export const DEFAULT_FILE_MODE = 0o644;
/** The mode of every directory: rwxr-xr-x. */
export const DEFAULT_DIR_MODE = 0o755;

/** One file of a projected payload: `path` relative, `mode` its permission bits. */
export interface VolumeFile {
  path: string;
  content: string;
  mode?: number;
}

export class Volume {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>();
  /** Modes of files written with a mode other than DEFAULT_FILE_MODE. */
  private readonly modes = new Map<string, number>();

  constructor(files: Record<string, string> = {}) {
    for (const [path, content] of Object.entries(files)) this.writeFile(path, content);
  }

  /** undefined when there is no such file. */
  readFile(path: string): string | undefined {
    return this.files.get(normalizeVolumePath(path));
  }

  /** Writes (or overwrites) a file; `mode` replaces its mode, else an existing file keeps its own. */
  writeFile(path: string, content: string, mode?: number): void {
    const p = normalizeVolumePath(path);
    this.files.set(p, content);
    if (mode !== undefined) {
      if (mode === DEFAULT_FILE_MODE) this.modes.delete(p);
      else this.modes.set(p, mode);
    }
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
  }

  appendFile(path: string, content: string): void {
    this.writeFile(path, (this.readFile(path) ?? '') + content);
  }

  /** Removes a file; returns false when it did not exist. */
  removeFile(path: string): boolean {
    const p = normalizeVolumePath(path);
    this.modes.delete(p);
    return this.files.delete(p);
  }

  /** The permission bits of a file or directory (0644 / 0755 by default); undefined if absent. */
  mode(path: string): number | undefined {
    const p = normalizeVolumePath(path);
    if (this.files.has(p)) return this.modes.get(p) ?? DEFAULT_FILE_MODE;
    return this.isDirectory(p) ? DEFAULT_DIR_MODE : undefined;
  }

  /**
   * Replaces the whole content with `files` in one step, as the kubelet's AtomicWriter swaps the
   * `..data` symlink to a new timestamped directory: a reader sees the old payload or the new one,
   * and a file no longer in the payload is gone (atomic_writer.go pathsToRemove).
   */
  replaceAll(files: readonly VolumeFile[]): void {
    this.files.clear();
    this.dirs.clear();
    this.modes.clear();
    for (const f of files) this.writeFile(f.path, f.content, f.mode);
  }

  /** An independent copy with the same files and modes (what a subPath bind mount pins). */
  clone(): Volume {
    const copy = new Volume();
    for (const [p, content] of this.files) copy.writeFile(p, content, this.modes.get(p));
    for (const d of this.dirs) copy.mkdir(d);
    return copy;
  }

  /** Creates a directory and its parents; a path that is a file stays a file (EEXIST). */
  mkdir(path: string): void {
    const p = normalizeVolumePath(path);
    if (p === '' || this.files.has(p)) return;
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
  }

  isFile(path: string): boolean {
    return this.files.has(normalizeVolumePath(path));
  }

  isDirectory(path: string): boolean {
    const p = normalizeVolumePath(path);
    return p === '' || this.dirs.has(p);
  }

  /** Names directly inside a directory, sorted (as `ls` prints them); undefined if not a directory. */
  list(path: string): string[] | undefined {
    const p = normalizeVolumePath(path);
    if (!this.isDirectory(p)) return undefined;
    const prefix = p === '' ? '' : `${p}/`;
    const names = new Set<string>();
    for (const key of [...this.files.keys(), ...this.dirs]) {
      if (key.startsWith(prefix) && key.length > prefix.length) names.add(key.slice(prefix.length).split('/')[0] as string);
    }
    return [...names].sort();
  }

  /** A copy of every file, e.g. to give each container its own copy of an image's files. */
  snapshot(): Record<string, string> {
    return Object.fromEntries(this.files);
  }
}

export function createVolume(files: Record<string, string> = {}): Volume {
  return new Volume(files);
}

export function isVolume(value: unknown): value is Volume {
  return value instanceof Volume;
}

/** `/a//b/./c/../d/` → `a/b/d` (never escapes the volume's root). */
export function normalizeVolumePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
