export * from './names.ts';
export * from './registry.ts';
export * from './pod-selector.ts';
export { ErrReasonNodeName } from './node-name.ts';
export { ErrReasonUnschedulable, TaintNodeUnschedulable } from './node-unschedulable.ts';
export { untoleratedTaintReason } from './taint-toleration.ts';
export { ErrReasonPod } from './node-affinity.ts';
export { ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch } from './pod-topology-spread.ts';
export {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
} from './inter-pod-affinity.ts';
export { leastRequestedScore } from './node-resources-fit.ts';
export { normalizedImageName } from './image-locality.ts';
