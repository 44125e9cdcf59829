/**
 * NodeResourcesFit (KK plugins/noderesources/fit.go).
 *
 * PreFilter computes the pod's requests once per cycle (the `scheduler.fit` part's podRequests);
 * Filter compares them with the node's allocatable minus what its pods — bound and assumed —
 * already request (the part's fitsRequest), and reports every missing resource: a node short of
 * both CPU and memory counts once under `Insufficient cpu` and once under `Insufficient memory`.
 *
 * Score uses the LeastAllocated strategy (the default): for cpu and memory (weight 1 each),
 * (allocatable − requested) × 100 / allocatable, where requested includes the incoming pod and
 * uses the non-zero defaults (100m, 200Mi) for containers that request nothing.
 */
import type { EnqueueExtensions, FilterPlugin, Handle, PreFilterPlugin, ScorePlugin } from '../framework/interface.ts';
import type { NodeInfo } from '../framework/node-info.ts';
import { nonZeroPodRequests, type Resource } from '../framework/resource.ts';
import { success, unschedulable } from '../framework/status.ts';
import { MAX_NODE_SCORE } from '../parts.ts';
import { Names } from './names.ts';

const STATE_KEY = 'PreFilter' + Names.NodeResourcesFit;
const SCORE_KEY = 'PreScore' + Names.NodeResourcesFit;

/** leastRequestedScore for one resource. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export function newNodeResourcesFit(handle: Handle): PreFilterPlugin & FilterPlugin & ScorePlugin & EnqueueExtensions {
  const { podRequests, fitsRequest } = handle.parts.fit;
  return {
    name: Names.NodeResourcesFit,
    preFilter(state, pod) {
      state.write(STATE_KEY, podRequests(pod));
      state.write(SCORE_KEY, nonZeroPodRequests(pod));
      return success();
    },
    filter(state, pod, node: NodeInfo) {
      const request = state.read<Resource>(STATE_KEY) ?? podRequests(pod);
      const missing = fitsRequest(request, { allocatable: node.allocatable, requested: node.requested, podCount: node.pods.size });
      if (missing.length === 0) return success();
      return unschedulable(...missing.map((m) => m.reason));
    },
    score(state, pod, node) {
      const req = state.read<Resource>(SCORE_KEY) ?? nonZeroPodRequests(pod);
      const cpu = leastRequestedScore(node.nonZeroRequested.milliCPU + req.milliCPU, node.allocatable.milliCPU);
      const mem = leastRequestedScore(node.nonZeroRequested.memory + req.memory, node.allocatable.memory);
      return Math.floor((cpu + mem) / 2);
    },
    eventsToRegister: () => ['NodeAdd', 'NodeUpdate', 'AssignedPodDelete', 'AssignedPodUpdate'], // update: requests scaled down
  };
}
