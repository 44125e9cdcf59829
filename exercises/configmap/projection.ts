/**
 * Exercise `configmap.projection`: the files the kubelet writes into a configMap, secret,
 * downwardAPI or projected volume. Read engine/kubelet/projection.ts for the contract and its
 * worked example; engine/kubelet/downward-api.ts has helpers for downwardAPI items.
 */
import type { ProjectionInput, ProjectionResult } from '../../engine/kubelet/projection.ts';

export function projectVolume(input: ProjectionInput): ProjectionResult {
  void input;
  // TODO: configMap / secret: every key as a file named after it with the volume's defaultMode
  // (0644 when unset) — or, when items are given, only those keys at their paths, each with its
  // own mode if it has one. Missing source or item key: the upstream error, unless optional.
  // TODO: downwardAPI: one file per item from a pod field or a container resource.
  // TODO: projected: the files of every source merged in order (a later source wins a path),
  // a serviceAccountToken source is one file holding input.serviceAccountToken(...); report the
  // errors of all failing sources together.
  // TODO: reject paths that are absolute or contain `..`; clean the others; return the files
  // sorted by path.
  throw new Error('TODO: configmap.projection projectVolume');
}
