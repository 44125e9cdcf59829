/** Typical mistakes in `configmap.env`; the self-check proves each one fails a case. */
import type { corev1 } from '../../engine/api/types.ts';
import type { EnvironmentResult, MakeEnvironment } from '../../engine/kubelet/environment.ts';
import { defineMutants } from '../exercise-tests.ts';

/** Runs the reference on a rewritten container. */
const withContainer = (ref: MakeEnvironment, rewrite: (c: corev1.Container) => corev1.Container): MakeEnvironment => (input) => ref({ ...input, container: rewrite(input.container) });

const stripOptional = <T extends { optional?: boolean }>(r: T | undefined): T | undefined => (r ? { ...r, optional: false } : r);

export default defineMutants({
  part: 'configmap.env',
  mutants: [
    {
      name: 'env-before-envfrom',
      mistake: 'applies env first and envFrom after it, so a ConfigMap key overrides the value the pod spec sets',
      make: (ref) => (input) => {
        const envOnly = ref({ ...input, container: { ...input.container, envFrom: [] } });
        const fromOnly = ref({ ...input, container: { ...input.container, env: [] } });
        if ('error' in envOnly) return envOnly;
        if ('error' in fromOnly) return fromOnly;
        const merged = new Map(envOnly.env.map((e) => [e.name, e.value]));
        for (const e of fromOnly.env) merged.set(e.name, e.value);
        return { env: [...merged].map(([name, value]) => ({ name, value })) };
      },
    },
    {
      name: 'optional-ignored',
      mistake: 'treats an optional reference like a required one: a missing optional ConfigMap or key blocks the container',
      make: (ref) =>
        withContainer(ref, (c) => ({
          ...c,
          envFrom: c.envFrom?.map((f) => ({ ...f, configMapRef: stripOptional(f.configMapRef), secretRef: stripOptional(f.secretRef) })),
          env: c.env?.map((e) => (e.valueFrom ? { ...e, valueFrom: { ...e.valueFrom, configMapKeyRef: stripOptional(e.valueFrom.configMapKeyRef), secretKeyRef: stripOptional(e.valueFrom.secretKeyRef) } } : e)),
        })),
    },
    {
      name: 'expands-later-variables',
      mistake: 'expands $(VAR) against the final environment, so a variable declared later is expanded too',
      make: (ref) => (input) => {
        const r: EnvironmentResult = ref(input);
        if ('error' in r) return r;
        const final = new Map(r.env.map((e) => [e.name, e.value]));
        const values = new Map<string, string>();
        for (const e of input.container.env ?? []) if (e.value) values.set(e.name, e.value.replace(/\$\(([^)]*)\)/g, (all, n: string) => final.get(n) ?? all));
        return { env: r.env.map((e) => (values.has(e.name) ? { name: e.name, value: values.get(e.name)! } : e)) };
      },
    },
    {
      name: 'prefix-ignored',
      mistake: 'forgets the envFrom prefix: keys keep their bare names',
      make: (ref) => withContainer(ref, (c) => ({ ...c, envFrom: c.envFrom?.map(({ prefix: _prefix, ...f }) => f) })),
    },
  ],
});
