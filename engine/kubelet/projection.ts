/**
 * The `configmap.projection` part: the files the kubelet writes into a configMap, secret,
 * downwardAPI or projected volume — its payload (upstream pkg/volume/configmap/configmap.go and
 * secret/secret.go MakePayload, downwardapi/downwardapi.go CollectData, projected/projected.go
 * collectData, validated and cleaned by pkg/volume/util/atomic_writer.go validatePayload).
 *
 * Like `configmap.env` the part is pure: the kubelet hands over the ConfigMaps and Secrets it
 * read (ConfigSources), and writes the returned files into the volume in one atomic step.
 *
 *  - configMap / secret: without `items`, one file per key (ConfigMap `data` and `binaryData`),
 *    named after the key, with the volume's `defaultMode`. With `items`, only the listed keys, each
 *    at its `path`, with the item's `mode` if it has one, else `defaultMode`. `defaultMode`
 *    absent means 0644 (420 decimal — the apiserver's default).
 *  - A source that does not exist: `configmap "NAME" not found` / `secret "NAME" not found`, or
 *    no files at all when the volume is `optional`. An item whose key is missing:
 *    `configmap references non-existent config key: KEY` / `references non-existent secret key:
 *    KEY`, or skipped when `optional`.
 *  - downwardAPI: one file per item, from `fieldRef` (metadata.labels / metadata.annotations as
 *    sorted `key="value"` lines) or `resourceFieldRef` (downward-api.ts helpers), item mode or
 *    defaultMode.
 *  - projected: the payloads of its `sources` merged in order (configMap, secret, downwardAPI,
 *    serviceAccountToken → one file at its `path` holding the token); when two sources write the
 *    same path, the later one wins. Failing sources are all reported: one error as it is,
 *    several as `[first, second]` (utilerrors.NewAggregate); nothing is written then.
 *  - Every path is checked as the atomic writer does, then cleaned (`a/./b` → `a/b`):
 *    `invalid path: must not be empty: ""`, `invalid path: must be relative path: /x`,
 *    `invalid path: must not contain '..': a/../b`, `invalid path: must not start with '..': ..x`.
 *  - The result lists each path once, sorted.
 *
 * Worked example — ConfigMap `game` {lives: "3", "ui.properties": "color=red"}:
 *   configMap: {name: game}                                  → lives 0644, ui.properties 0644
 *   configMap: {name: game, defaultMode: 0o400,
 *               items: [{key: lives, path: cfg/lives, mode: 0o600}, {key: ui.properties, path: ui}]}
 *                                                            → cfg/lives 0600, ui 0400
 *   configMap: {name: game, items: [{key: colour, path: c}]} → error
 *               `configmap references non-existent config key: colour`
 */
import type { corev1 } from '../api/types.ts';
import type { DownwardContext } from './downward-api.ts';
import type { ConfigSources } from './environment.ts';

// #region project-volume
/** One file of the payload. */
export interface FileProjection {
  /** Relative and clean: `cfg/lives`. */
  path: string;
  content: string;
  /** Permission bits, e.g. 0o644 (420). */
  mode: number;
}

export interface ProjectionInput extends DownwardContext {
  pod: corev1.Pod;
  /** A pod volume with `configMap`, `secret`, `downwardAPI` or `projected` set. */
  volume: corev1.Volume;
  sources: ConfigSources;
  /** A token for the pod's service account (the kubelet's TokenRequest), for serviceAccountToken. */
  serviceAccountToken(projection: corev1.ServiceAccountTokenProjection): string;
}

export type ProjectionResult = { files: FileProjection[] } | { error: string };

/** The part's signature. */
export type ProjectVolume = (input: ProjectionInput) => ProjectionResult;
// #endregion project-volume

/** The mode of a projected file when neither the item nor the volume sets one: 0644. */
export const DEFAULT_PROJECTION_MODE = 0o644;

/** Whether the kubelet projects this volume through the `configmap.projection` part. */
export function isProjectedVolume(v: corev1.Volume): boolean {
  return !!(v.configMap || v.secret || v.downwardAPI || v.projected);
}
