/**
 * Exercise `volume.mounts`: resolve a container path through the container's volume mounts.
 * Read ResolveMount in engine/runtime/container-fs.ts for the rules and a worked example.
 */
import type { MountPoint, MountResolution } from '../../engine/runtime/container-fs.ts';

export function resolveMount(mounts: readonly MountPoint[], path: string): MountResolution | undefined {
  void mounts, path;
  // TODO: find the mounts whose containerPath covers the path (whole path components only;
  //       a mount at `/` covers everything).
  // TODO: when several do, pick the one that was mounted on top of the others.
  // TODO: compute the path inside that volume, honouring the mount's subPath, and say whether
  //       it is read-only; undefined when no mount covers the path.
  throw new Error('TODO: volume.mounts resolveMount');
}
