/** Typical mistakes in `volume.mounts`; the self-check proves each one fails a case. */
import type { MountPoint } from '../../engine/runtime/container-fs.ts';
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'volume.mounts',
  mutants: [
    {
      name: 'shortest-wins',
      mistake: 'picks the mount with the shortest containerPath (the parent) instead of the longest',
      make: (ref) => (mounts, path) => {
        // The reference asked about each mount alone says which ones cover the path.
        const covering = mounts.map((m, i) => ({ m, i, r: ref([m], path) })).filter((x) => x.r);
        if (covering.length === 0) return undefined;
        const shortest = covering.reduce((a, b) => (b.m.containerPath.length < a.m.containerPath.length ? b : a));
        return { ...shortest.r!, mount: shortest.i };
      },
    },
    {
      name: 'subpath-ignored',
      mistake: "ignores subPath: paths resolve from the volume's root",
      make: (ref) => (mounts, path) => ref(mounts.map((m): MountPoint => ({ containerPath: m.containerPath, ...(m.readonly ? { readonly: true } : {}) })), path),
    },
    {
      name: 'readonly-ignored',
      mistake: 'never reports a mount as read-only',
      make: (ref) => (mounts, path) => {
        const r = ref(mounts, path);
        return r && { ...r, readonly: false };
      },
    },
    {
      name: 'string-prefix',
      mistake: 'matches containerPath as a plain string prefix, so /data also covers /database',
      make: (ref) => (mounts, path) => {
        const r = ref(mounts, path);
        if (r) return r;
        const i = mounts.findIndex((m) => path.startsWith(m.containerPath));
        if (i < 0) return undefined;
        const m = mounts[i]!;
        return { mount: i, path: [m.subPath ?? '', path.slice(m.containerPath.length).replace(/^\//, '')].filter(Boolean).join('/'), readonly: m.readonly === true };
      },
    },
  ],
});
