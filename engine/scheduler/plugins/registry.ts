/** The in-tree registry (KK plugins/registry.go): plugin name → factory. */
import type { Registry } from '../framework/interface.ts';
import { newBalancedAllocation } from './balanced-allocation.ts';
import { newDefaultBinder } from './default-binder.ts';
import { newImageLocality } from './image-locality.ts';
import { newInterPodAffinity } from './inter-pod-affinity.ts';
import { Names } from './names.ts';
import { newNodeAffinity } from './node-affinity.ts';
import { newNodeName } from './node-name.ts';
import { newNodeResourcesFit } from './node-resources-fit.ts';
import { newNodeUnschedulable } from './node-unschedulable.ts';
import { newPodTopologySpread } from './pod-topology-spread.ts';
import { newPrioritySort } from './priority-sort.ts';
import { newTaintToleration } from './taint-toleration.ts';
import { newVolumeBinding } from './volume-binding.ts';

export function inTreeRegistry(): Registry {
  return {
    [Names.PrioritySort]: newPrioritySort,
    [Names.NodeUnschedulable]: newNodeUnschedulable,
    [Names.NodeName]: newNodeName,
    [Names.TaintToleration]: newTaintToleration,
    [Names.NodeAffinity]: newNodeAffinity,
    [Names.NodeResourcesFit]: newNodeResourcesFit,
    [Names.PodTopologySpread]: newPodTopologySpread,
    [Names.InterPodAffinity]: newInterPodAffinity,
    [Names.NodeResourcesBalancedAllocation]: newBalancedAllocation,
    [Names.ImageLocality]: newImageLocality,
    [Names.VolumeBinding]: newVolumeBinding,
    [Names.DefaultBinder]: newDefaultBinder,
  };
}
