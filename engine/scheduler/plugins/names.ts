/** Plugin names as upstream spells them (KK pkg/scheduler/framework/plugins/names/names.go). */
export const Names = {
  PrioritySort: 'PrioritySort',
  NodeName: 'NodeName',
  NodeUnschedulable: 'NodeUnschedulable',
  NodeResourcesFit: 'NodeResourcesFit',
  NodeResourcesBalancedAllocation: 'NodeResourcesBalancedAllocation',
  TaintToleration: 'TaintToleration',
  NodeAffinity: 'NodeAffinity',
  PodTopologySpread: 'PodTopologySpread',
  InterPodAffinity: 'InterPodAffinity',
  ImageLocality: 'ImageLocality',
  VolumeBinding: 'VolumeBinding',
  DefaultBinder: 'DefaultBinder',
} as const;
