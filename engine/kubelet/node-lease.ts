/**
 * The node's heartbeat Lease in kube-node-lease (upstream pkg/kubelet/nodelease and
 * k8s.io/component-helpers/apimachinery/lease/controller.go): created if missing, owned by the
 * Node (so it goes when the Node goes), renewed every quarter of its duration (10 s of 40 s).
 * The node lifecycle controller reads renewTime to decide the node is unreachable.
 */
import type { coordinationv1, corev1 } from '../api/types.ts';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';

/** metav1.MicroTime: RFC 3339 with microseconds. */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000Z');
}

export function nodeLease(node: corev1.Node, durationSeconds: number, now: number): coordinationv1.Lease {
  const lease: coordinationv1.Lease = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: node.metadata!.name!, namespace: NODE_LEASE_NAMESPACE },
    spec: { holderIdentity: node.metadata!.name!, leaseDurationSeconds: durationSeconds, renewTime: formatMicroTime(now) },
  };
  if (node.metadata?.uid) {
    lease.metadata!.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name!, uid: node.metadata.uid }];
  }
  return lease;
}
