/**
 * Reference `configmap.env`: a container's environment, as the kubelet's
 * makeEnvironmentVariables (pkg/kubelet/kubelet_pods.go) builds it. Contract and worked example:
 * engine/kubelet/environment.ts.
 */
import { containerResourceValue, podFieldValue } from '../../engine/kubelet/downward-api.ts';
import type { EnvironmentInput, EnvironmentResult, KeySource } from '../../engine/kubelet/environment.ts';

/**
 * third_party/forked/golang/expansion Expand: scan for `$`; `$$` is an escaped `$`; `$(NAME)`
 * (everything up to the next `)`) is looked up; an unknown name, an unclosed `$(`, or a `$`
 * before anything else is copied as written.
 */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      i++;
      continue;
    }
    const next = input[i + 1]!;
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += '$(';
        i += 2;
        continue;
      }
      const name = input.slice(i + 2, close);
      out += lookup(name) ?? `$(${name})`;
      i = close + 1;
    } else {
      out += `$${next}`;
      i += 2;
    }
  }
  return out;
}

export function makeEnvironmentVariables(input: EnvironmentInput): EnvironmentResult {
  const { pod, container, sources } = input;
  const ns = pod.metadata?.namespace ?? 'default';
  const serviceEnv = input.serviceEnv ?? {};
  // A Map keeps the order in which each name was first defined; a redefinition replaces the
  // value in place (upstream's tmpEnv map: "Env will override EnvFrom variables").
  const env = new Map<string, string>();

  // The kubelet caches each source per call (configMaps/secrets maps): one read per name.
  const read = (kind: 'ConfigMap' | 'Secret', name: string): KeySource | undefined => (kind === 'ConfigMap' ? sources.configMap(name) : sources.secret(name));
  // The watch-based managers' NotFound uses the singular resource: `configmap "x" not found`.
  const notFound = (kind: 'ConfigMap' | 'Secret', name: string) => `${kind.toLowerCase()} "${name}" not found`;

  // 1. envFrom first, so that env can override it.
  for (const from of container.envFrom ?? []) {
    const kind = from.configMapRef ? 'ConfigMap' : from.secretRef ? 'Secret' : undefined;
    const ref = from.configMapRef ?? from.secretRef;
    if (!kind || !ref) continue;
    const src = read(kind, ref.name ?? '');
    if (!src) {
      if (ref.optional) continue;
      return { error: notFound(kind, ref.name ?? '') };
    }
    // Go ranges over a map in random order; sorted keys give one stable answer.
    for (const key of Object.keys(src.data).sort()) env.set(`${from.prefix ?? ''}${key}`, src.data[key]!);
  }

  // 2. env in declaration order. Expansion sees only what is defined so far (then services):
  //    a reference to a variable declared later is not resolved.
  const lookup = (name: string) => (env.has(name) ? env.get(name) : serviceEnv[name]);
  for (const e of container.env ?? []) {
    if (e.value) {
      env.set(e.name, expand(e.value, lookup));
      continue;
    }
    const vf = e.valueFrom;
    if (!vf) {
      env.set(e.name, '');
      continue;
    }
    if (vf.configMapKeyRef || vf.secretKeyRef) {
      const kind = vf.configMapKeyRef ? 'ConfigMap' : 'Secret';
      const ref = (vf.configMapKeyRef ?? vf.secretKeyRef)!;
      const name = ref.name ?? '';
      const src = read(kind, name);
      if (!src) {
        if (ref.optional) continue;
        return { error: notFound(kind, name) };
      }
      const value = src.data[ref.key];
      if (value === undefined) {
        if (ref.optional) continue;
        // Only the key's name: a Secret's value never goes into an error or an event.
        return { error: `couldn't find key ${ref.key} in ${kind} ${ns}/${name}` };
      }
      env.set(e.name, value);
      continue;
    }
    let got: { value: string } | { error: string } | undefined;
    if (vf.fieldRef) got = podFieldValue(pod, vf.fieldRef.fieldPath, input);
    else if (vf.resourceFieldRef) {
      const target = vf.resourceFieldRef.containerName ? [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((c) => c.name === vf.resourceFieldRef!.containerName) : container;
      got = containerResourceValue(vf.resourceFieldRef, target, input);
    }
    if (!got) {
      env.set(e.name, '');
      continue;
    }
    if ('error' in got) return { error: got.error };
    env.set(e.name, got.value);
  }

  // 3. Service variables the container did not define itself come last.
  const out = [...env].map(([name, value]) => ({ name, value }));
  for (const [name, value] of Object.entries(serviceEnv)) if (!env.has(name)) out.push({ name, value });
  return { env: out };
}
