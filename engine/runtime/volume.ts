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
 */

export class Volume {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Set<string>();

  constructor(files: Record<string, string> = {}) {
    for (const [path, content] of Object.entries(files)) this.writeFile(path, content);
  }

  /** undefined when there is no such file. */
  readFile(path: string): string | undefined {
    return this.files.get(normalizeVolumePath(path));
  }

  writeFile(path: string, content: string): void {
    const p = normalizeVolumePath(path);
    this.files.set(p, content);
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
  }

  appendFile(path: string, content: string): void {
    this.writeFile(path, (this.readFile(path) ?? '') + content);
  }

  /** Removes a file; returns false when it did not exist. */
  removeFile(path: string): boolean {
    return this.files.delete(normalizeVolumePath(path));
  }

  mkdir(path: string): void {
    const p = normalizeVolumePath(path);
    if (p === '') return;
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
