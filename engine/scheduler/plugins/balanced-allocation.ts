/**
 * NodeResourcesBalancedAllocation (KK plugins/noderesources/balanced_allocation.go): prefers
 * nodes whose cpu and memory would be used in similar fractions after placing the pod:
 * score = (1 − std(fractions)) × 100, where for two resources std = |cpu − mem| / 2.
 * Fractions above 1 are capped at 1, as upstream.
 */
import type { EnqueueExtensions, Handle, ScorePlugin } from '../framework/interface.ts';
import { nonZeroPodRequests } from '../framework/resource.ts';
import { MAX_NODE_SCORE } from '../parts.ts';
import { Names } from './names.ts';

const FIT_SCORE_KEY = 'PreScore' + Names.NodeResourcesFit;

export function newBalancedAllocation(_handle: Handle): ScorePlugin & EnqueueExtensions {
  return {
    name: Names.NodeResourcesBalancedAllocation,
    score(state, pod, node) {
      const req = state.read<ReturnType<typeof nonZeroPodRequests>>(FIT_SCORE_KEY) ?? nonZeroPodRequests(pod);
      const alloc = node.allocatable;
      if (alloc.milliCPU === 0 || alloc.memory === 0) return 0;
      const cpu = Math.min(1, (node.nonZeroRequested.milliCPU + req.milliCPU) / alloc.milliCPU);
      const mem = Math.min(1, (node.nonZeroRequested.memory + req.memory) / alloc.memory);
      const std = Math.abs(cpu - mem) / 2;
      return Math.floor((1 - std) * MAX_NODE_SCORE);
    },
    eventsToRegister: () => ['NodeAdd', 'NodeUpdate', 'AssignedPodDelete'],
  };
}
