/**
 * Reference `volume.mounts`: which volume mount a container path falls in. See ResolveMount in
 * engine/runtime/container-fs.ts for the contract and a worked example.
 *
 * Why the longest containerPath: the kubelet hands the runtime its mounts sorted so that a parent
 * is mounted before its children (upstream kubelet_pods.go makeMounts keeps the spec's order,
 * and runc sorts the mount list by path depth), so `/data/logs` is mounted on top of `/data` and
 * hides that part of it — whatever order the pod spec lists them in.
 */
import type { MountPoint, MountResolution } from '../../engine/runtime/container-fs.ts';

/** `/data` covers `/data` and `/data/…` but not `/database`: compare whole path components. */
function covers(containerPath: string, path: string): boolean {
  if (containerPath === '/') return true;
  return path === containerPath || path.startsWith(`${containerPath}/`);
}

export function resolveMount(mounts: readonly MountPoint[], path: string): MountResolution | undefined {
  let best: number | undefined;
  for (const [i, m] of mounts.entries()) {
    if (!covers(m.containerPath, path)) continue;
    if (best === undefined || m.containerPath.length > mounts[best]!.containerPath.length) best = i;
  }
  if (best === undefined) return undefined;
  const m = mounts[best]!;
  // What is left of the path below the mount point, then re-rooted at the subPath: a subPath
  // mount is a bind mount of a directory inside the volume, not of the volume's root.
  const rest = m.containerPath === '/' ? path.slice(1) : path.slice(m.containerPath.length + 1);
  const inVolume = [m.subPath ?? '', rest].filter((p) => p !== '').join('/');
  return { mount: best, path: inVolume, readonly: m.readonly === true };
}
