/**
 * What an image is to the simulated runtime: its config (entrypoint, cmd, env, working dir,
 * stop signal — the fields of an OCI image config), the files of its root filesystem, its size,
 * and the programs ("binaries") its entrypoint can run. One file per image family defines these.
 */
import type { Program, Signal } from '../process.ts';

export interface ImageFamily {
  /** Repositories this family answers for, e.g. `docker.io/library/nginx`. */
  repositories: string[];
  /** Whether a tag exists (unknown tags fail to pull, as on the registry). */
  hasTag(tag: string): boolean;
  /** The image's config and content for one tag. */
  describe(tag: string): ImageContent;
}

export interface ImageContent {
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workingDir: string;
  /** The image config's StopSignal (nginx: SIGQUIT); SIGTERM when unset. */
  stopSignal?: Signal;
  sizeBytes: number;
  files: Record<string, string>;
  /** Programs by executable base name (`nginx`, `agnhost`, `docker-entrypoint.sh`). */
  binaries: Record<string, Program>;
  /** The image has /bin/sh and busybox-like tools (sh -c, exec probes with shell commands). */
  shell: boolean;
  /** Resident memory the main program uses once started. */
  baseMemoryBytes: number;
}

/** Version-like tags (`1.14.2`, `1.28`, `3.10`, `2.40`, `1.36.1-glibc`, `stable`, `latest`). */
export function versionTag(tag: string, extra: string[] = []): boolean {
  return tag === 'latest' || /^v?\d+(\.\d+)*(-[a-z0-9.]+)?$/.test(tag) || extra.includes(tag);
}

export const MiB = 1024 * 1024;
