/**
 * NodeName (KK plugins/nodename/node_name.go): a pod that names a node in spec.nodeName fits
 * only that node. (Pods created with nodeName set never reach the scheduler at all; this plugin
 * matters for the name a pod asks for in the scheduler's own view, as upstream.)
 */
import type { FilterPlugin, EnqueueExtensions, Handle } from '../framework/interface.ts';
import { constant, success, unresolvable } from '../framework/status.ts';
import { Names } from './names.ts';

export const ErrReasonNodeName = "node(s) didn't match the requested node name";
const REJECTED = constant(unresolvable(ErrReasonNodeName));

export function newNodeName(_handle: Handle): FilterPlugin & EnqueueExtensions {
  return {
    name: Names.NodeName,
    filter(_state, pod, node) {
      const want = pod.spec?.nodeName;
      return !want || want === node.name ? success() : REJECTED;
    },
    eventsToRegister: () => ['NodeAdd', 'NodeUpdate'],
  };
}
