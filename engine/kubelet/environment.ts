/**
 * The `configmap.env` part: the environment of one container (upstream pkg/kubelet/kubelet_pods.go
 * makeEnvironmentVariables, with third_party/forked/golang/expansion for `$(VAR)`).
 *
 * The part is pure: the kubelet reads every ConfigMap and Secret the container references first
 * (config-sources.ts) and hands them over as a lookup; the part only decides.
 *
 *  1. `envFrom`, in order: every key of the ConfigMap's `data` (or the Secret's decoded `data`)
 *     becomes a variable, named `prefix + key`; a later source overrides an earlier one.
 *     A missing source is an error unless the reference is `optional`, then it adds nothing.
 *     (Kubernetes ≥ 1.30 no longer skips keys that are not C identifiers — KEP-4369 relaxed
 *     env var names; the old kubelet's `InvalidEnvironmentVariableNames` event is gone with it.)
 *  2. `env`, in order, each overriding what came before:
 *     - `value` (non-empty): `$(NAME)` is replaced by the value of NAME *as defined so far*
 *       (envFrom variables, earlier env entries, then the service variables); an unknown NAME
 *       stays `$(NAME)` as written; `$$` is a literal `$` (so `$$(NAME)` gives `$(NAME)`); a `$`
 *       followed by anything else stays as it is. Values from `valueFrom` are never expanded.
 *     - `valueFrom.configMapKeyRef` / `secretKeyRef`: the key's value. A missing source →
 *       `configmap "NAME" not found` / `secret "NAME" not found`; a missing key →
 *       `couldn't find key KEY in ConfigMap NS/NAME` (`Secret`); with `optional: true` either
 *       one just leaves the variable out.
 *     - `valueFrom.fieldRef` / `resourceFieldRef`: the downward API (downward-api.ts helpers).
 *  3. The result: every variable once, in the order it was FIRST defined, then the service
 *     variables not overridden. (Upstream builds a Go map, so its order is unspecified.)
 *
 * An error (the container then waits in CreateContainerConfigError with that message) never
 * contains a Secret's value — only names and keys.
 *
 * Worked example — ConfigMap `cfg` {LEVEL: debug, MODE: fast}, Secret `db` {password: s3cr3t}:
 *   envFrom: [{configMapRef: cfg, prefix: APP_}]
 *   env: [ {name: URL,  value: "http://$(HOST):80"},       // HOST defined later: stays
 *          {name: HOST, value: "web"},
 *          {name: MSG,  value: "$(APP_LEVEL) $$(HOST) $(HOST)"},
 *          {name: PASS, valueFrom: {secretKeyRef: {name: db, key: password}}},
 *          {name: APP_MODE, value: "slow"} ]
 *   → APP_LEVEL=debug, APP_MODE=slow, URL=http://$(HOST):80, HOST=web,
 *     MSG=debug $(HOST) web, PASS=s3cr3t
 */
import type { corev1 } from '../api/types.ts';
import type { DownwardContext } from './downward-api.ts';

// #region make-environment
/** A ConfigMap's or Secret's keys as the kubelet read them (Secret values already base64-decoded). */
export interface KeySource {
  data: Readonly<Record<string, string>>;
  /** ConfigMap `binaryData`, decoded (files only: env vars never use it). */
  binaryData?: Readonly<Record<string, string>>;
  /** `immutable: true` on the object. */
  immutable?: boolean;
}

/** The ConfigMaps and Secrets of the pod's namespace, by name; undefined = not found. */
export interface ConfigSources {
  configMap(name: string): KeySource | undefined;
  secret(name: string): KeySource | undefined;
}

export interface EnvironmentInput extends DownwardContext {
  pod: corev1.Pod;
  container: corev1.Container;
  sources: ConfigSources;
  /** Service link variables (KUBERNETES_SERVICE_HOST, ...): usable by `$(...)`, added last. */
  serviceEnv?: Readonly<Record<string, string>>;
}

export interface EnvVar {
  name: string;
  value: string;
}

export type EnvironmentResult = { env: EnvVar[] } | { error: string };

/** The part's signature. */
export type MakeEnvironment = (input: EnvironmentInput) => EnvironmentResult;
// #endregion make-environment
