import type { KubeletParts } from '../../engine/kubelet/types.ts';
import { newContainerBackoff } from './backoff.ts';
import { computePodActions } from './compute-pod-actions.ts';
import { newProbeResultTracker } from './probe-result.ts';
import { makeEnvironmentVariables } from '../configmap/environment.ts';
import { projectVolume } from '../configmap/projection.ts';

export { newContainerBackoff, computePodActions, newProbeResultTracker };

/** The reference kubelet parts, for engine/cluster/default-parts.ts. */
export const kubeletParts: KubeletParts = {
  'kubelet.sync': computePodActions,
  'kubelet.backoff': newContainerBackoff,
  'kubelet.probe': newProbeResultTracker,
  'configmap.env': makeEnvironmentVariables,
  'configmap.projection': projectVolume,
};
