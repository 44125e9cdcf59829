/**
 * Exercise `configmap.env`: the environment of one container, as the kubelet builds it before
 * starting it. Read engine/kubelet/environment.ts for the contract and its worked example;
 * engine/kubelet/downward-api.ts has helpers for `fieldRef` and `resourceFieldRef`.
 */
import type { EnvironmentInput, EnvironmentResult } from '../../engine/kubelet/environment.ts';

/**
 * `$(NAME)` expansion of one env value: `lookup(NAME)` is the value defined so far, undefined
 * when there is none.
 */
export function expand(input: string, lookup: (name: string) => string | undefined): string {
  void input, lookup;
  // TODO: replace each `$(NAME)` whose name is known by its value; leave unknown references as
  // written; `$$` stands for one literal `$`; any other `$` is copied unchanged.
  throw new Error('TODO: configmap.env expand');
}

export function makeEnvironmentVariables(input: EnvironmentInput): EnvironmentResult {
  void input;
  // TODO: start with envFrom, in order: every key of the referenced ConfigMap or Secret (from
  // input.sources), with the prefix in front; a missing source is an error unless optional.
  // TODO: then env, in order, each entry overriding what came before: a value (with `$(NAME)`
  // expanded against what is defined so far, then input.serviceEnv), or valueFrom a ConfigMap or
  // Secret key (missing source or key: the upstream error, unless optional — then skip it), a
  // pod field or a container resource.
  // TODO: return every variable once, in the order it was first defined, then the service
  // variables the container did not define. Errors name keys, never a Secret's value.
  throw new Error('TODO: configmap.env makeEnvironmentVariables');
}
