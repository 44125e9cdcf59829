/** Typical mistakes in `configmap.projection`; the self-check proves each one fails a case. */
import type { corev1 } from '../../engine/api/types.ts';
import type { ProjectVolume } from '../../engine/kubelet/projection.ts';
import { defineMutants } from '../exercise-tests.ts';

/** Runs the reference on a rewritten volume. */
const withVolume = (ref: ProjectVolume, rewrite: (v: corev1.Volume) => corev1.Volume): ProjectVolume => (input) => ref({ ...input, volume: rewrite(input.volume) });

const dropItemModes = (items: corev1.KeyToPath[] | undefined) => items?.map(({ mode: _mode, ...i }) => i);

export default defineMutants({
  part: 'configmap.projection',
  mutants: [
    {
      name: 'items-ignored',
      mistake: 'writes every key of the ConfigMap, at its own name, even when the volume lists items',
      make: (ref) =>
        withVolume(ref, (v) => ({
          ...v,
          ...(v.configMap ? { configMap: { ...v.configMap, items: [] } } : {}),
          ...(v.secret ? { secret: { ...v.secret, items: [] } } : {}),
        })),
    },
    {
      name: 'default-mode-wins',
      mistake: "gives every file the volume's defaultMode, ignoring the mode of an item",
      make: (ref) =>
        withVolume(ref, (v) => ({
          ...v,
          ...(v.configMap ? { configMap: { ...v.configMap, items: dropItemModes(v.configMap.items) } } : {}),
          ...(v.secret ? { secret: { ...v.secret, items: dropItemModes(v.secret.items) } } : {}),
          ...(v.projected ? { projected: { ...v.projected, sources: v.projected.sources?.map((s) => ({ ...s, ...(s.configMap ? { configMap: { ...s.configMap, items: dropItemModes(s.configMap.items) } } : {}), ...(s.secret ? { secret: { ...s.secret, items: dropItemModes(s.secret.items) } } : {}) })) } } : {}),
        })),
    },
    {
      name: 'first-source-wins',
      mistake: 'in a projected volume keeps the first file written at a path instead of letting a later source replace it',
      make: (ref) => withVolume(ref, (v) => (v.projected ? { ...v, projected: { ...v.projected, sources: [...(v.projected.sources ?? [])].reverse() } } : v)),
    },
    {
      name: 'no-default-mode',
      mistake: 'writes files with mode 0 when neither the item nor the volume sets one, instead of 0644',
      make: (ref) => (input) => {
        const v = input.volume;
        const zero = { ...v, ...(v.configMap ? { configMap: { ...v.configMap, defaultMode: v.configMap.defaultMode ?? 0 } } : {}), ...(v.secret ? { secret: { ...v.secret, defaultMode: v.secret.defaultMode ?? 0 } } : {}) };
        return ref({ ...input, volume: zero });
      },
    },
  ],
});
