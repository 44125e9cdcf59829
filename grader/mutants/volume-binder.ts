/** Typical mistakes in `volume.binder`; the self-check proves each one fails a case. */
import { parseQuantity } from '../../engine/api/quantity.ts';
import type { corev1 } from '../../engine/api/types.ts';
import { defineMutants } from '../exercise-tests.ts';

const size = (pv: corev1.PersistentVolume) => parseQuantity(pv.spec?.capacity?.['storage']) ?? 0;

export default defineMutants({
  part: 'volume.binder',
  mutants: [
    {
      name: 'largest-fit',
      mistake: 'takes the largest volume that fits instead of the smallest',
      make: (ref) => (claim, volumes) => {
        // The reference, asked about one volume at a time, says which volumes fit at all.
        const fits = volumes.filter((v) => ref(claim, [v]) === v);
        const preBound = fits.find((v) => v.spec?.claimRef);
        if (preBound) return preBound;
        return fits.reduce<corev1.PersistentVolume | undefined>((best, v) => (!best || size(v) > size(best) ? v : best), undefined);
      },
    },
    {
      name: 'ignores-access-modes',
      mistake: "does not check that the volume offers the claim's access modes",
      make: (ref) => (claim, volumes) => ref(claim, volumes.map((v) => ({ ...v, spec: { ...v.spec, accessModes: [...new Set([...(v.spec?.accessModes ?? []), ...(claim.spec?.accessModes ?? [])])] } }))),
    },
    {
      name: 'ignores-class',
      mistake: 'binds volumes of any storage class',
      make: (ref) => (claim, volumes) => {
        const pick = ref(claim, volumes.map((v) => ({ ...v, spec: { ...v.spec, storageClassName: claim.spec?.storageClassName ?? '' } })));
        return pick && volumes.find((v) => v.metadata?.name === pick.metadata?.name);
      },
    },
    {
      name: 'takes-bound-volumes',
      mistake: 'offers volumes that are already bound to another claim',
      make: (ref) => (claim, volumes) => {
        const freed = volumes.map((v) => {
          if (!v.spec?.claimRef || v.status?.phase !== 'Bound') return v;
          const { claimRef: _taken, ...spec } = v.spec;
          return { ...v, spec, status: { phase: 'Available' } };
        });
        const pick = ref(claim, freed);
        return pick && volumes.find((v) => v.metadata?.name === pick.metadata?.name);
      },
    },
  ],
});
