/** Typical mistakes in `statefulset.identity`; the self-check proves each one fails a case. */
import type { corev1 } from '../../engine/api/types.ts';
import { STATEFULSET_POD_NAME_LABEL, type StatefulSetIdentity } from '../../engine/controllers/statefulset/identity.ts';
import { defineMutants } from '../exercise-tests.ts';

export default defineMutants({
  part: 'statefulset.identity',
  mutants: [
    {
      name: 'claim-name-set-first',
      mistake: 'names a claim <set>-<ordinal>-<template> (web-0-www) instead of <template>-<set>-<ordinal> (www-web-0)',
      make: (ref): StatefulSetIdentity => {
        const wrong = (set: Parameters<StatefulSetIdentity['claimName']>[0], t: string, ord: number) => `${ref.podName(set, ord)}-${t}`;
        return {
          ...ref,
          claimName: wrong,
          claimsFor: (set, ord) =>
            ref.claimsFor(set, ord).map((c, i) => ({ ...c, metadata: { ...c.metadata, name: wrong(set, set.spec?.volumeClaimTemplates?.[i]?.metadata?.name ?? '', ord) } })),
          newPod: (set, ord) => {
            const pod = ref.newPod(set, ord);
            const templates = new Set((set.spec?.volumeClaimTemplates ?? []).map((t) => t.metadata?.name));
            pod.spec!.volumes = pod.spec?.volumes?.map((v): corev1.Volume => (templates.has(v.name) ? { name: v.name, persistentVolumeClaim: { claimName: wrong(set, v.name, ord) } } : v));
            return pod;
          },
        };
      },
    },
    {
      name: 'hostname-missing',
      mistake: 'leaves out spec.hostname and spec.subdomain, so the pod has no stable DNS name under the governing Service',
      make: (ref): StatefulSetIdentity => ({
        ...ref,
        newPod: (set, ord) => {
          const pod = ref.newPod(set, ord);
          delete pod.spec!.hostname;
          delete pod.spec!.subdomain;
          return pod;
        },
      }),
    },
    {
      name: 'split-at-first-dash',
      mistake: 'splits a pod name at its FIRST dash, so a set named my-web cannot find its pods (my-web-0 → "my", "web-0")',
      make: (ref): StatefulSetIdentity => {
        const parse = (name: string) => {
          const i = name.indexOf('-');
          if (i < 0) return undefined;
          const ordinal = Number(name.slice(i + 1));
          return /^[0-9]+$/.test(name.slice(i + 1)) ? { parent: name.slice(0, i), ordinal } : undefined;
        };
        return {
          ...ref,
          getParentNameAndOrdinal: parse,
          isMemberOf: (set, pod) => parse(pod.metadata?.name ?? '')?.parent === set.metadata?.name,
        };
      },
    },
    {
      name: 'no-pod-name-label',
      mistake: 'forgets the statefulset.kubernetes.io/pod-name label, so no Service can select one member',
      make: (ref): StatefulSetIdentity => ({
        ...ref,
        newPod: (set, ord) => {
          const pod = ref.newPod(set, ord);
          delete pod.metadata!.labels![STATEFULSET_POD_NAME_LABEL];
          return pod;
        },
      }),
    },
    {
      name: 'mutates-template',
      mistake: "writes the identity into the set's own template instead of a copy",
      make: (ref): StatefulSetIdentity => ({
        ...ref,
        newPod: (set, ord) => {
          const pod = ref.newPod(set, ord);
          const spec = set.spec!.template!.spec!;
          (spec as { hostname?: string }).hostname = pod.spec?.hostname;
          return pod;
        },
      }),
    },
  ],
});
