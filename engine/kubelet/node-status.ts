/**
 * The kubelet's Node object: registration and the periodic status post (upstream
 * pkg/kubelet/kubelet_node_status.go registerWithAPIServer / initialNode / tryUpdateNodeStatus,
 * and the setters of pkg/kubelet/nodestatus/setters.go: NodeAddress, MachineInfo, VersionInfo,
 * Images, ReadyCondition, MemoryPressureCondition, DiskPressureCondition, PIDPressureCondition).
 */
import type { corev1 } from '../api/types.ts';
import { formatTimestamp } from '../client/event-recorder.ts';
import type { Image } from '../runtime/cri.ts';
import type { KubeletNodeConfig } from './types.ts';
import { KUBERNETES_VERSION } from '../api/version.ts';

/** The version a kubelet reports: the apiserver's (a kubelet may not be newer than its apiserver). */
export const KUBELET_VERSION = KUBERNETES_VERSION.gitVersion;

/** Upstream caps status.images at 50 (nodeStatusMaxImages), largest first. */
const MAX_IMAGES = 50;

/** initialNode: the Node object the kubelet creates when it registers. */
export function initialNode(name: string, config: KubeletNodeConfig): corev1.Node {
  const node: corev1.Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        ...config.labels,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: { podCIDR: config.podCIDR, podCIDRs: [config.podCIDR] },
  };
  if (config.taints && config.taints.length > 0) node.spec!.taints = config.taints.map((t) => ({ ...t }));
  return node;
}

export interface NodeStatusInputs {
  name: string;
  config: KubeletNodeConfig;
  now: number;
  runtimeVersion: string;
  images: Image[];
  /** The conditions of the status last posted (their lastTransitionTime is kept while unchanged). */
  previous?: corev1.NodeCondition[];
}

function condition(type: string, status: string, reason: string, message: string, now: number, previous?: corev1.NodeCondition[]): corev1.NodeCondition {
  const prev = previous?.find((c) => c.type === type);
  const ts = formatTimestamp(now);
  return {
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: ts,
    lastTransitionTime: prev && prev.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : ts,
  };
}

/** The node status a healthy simulated kubelet posts: the setters' output. */
export function nodeStatus(inputs: NodeStatusInputs): corev1.NodeStatus {
  const { name, config, now, previous } = inputs;
  const resources = { cpu: config.cpu, memory: config.memory, pods: String(config.pods), 'ephemeral-storage': '100Gi', 'hugepages-2Mi': '0' };
  const images = [...inputs.images]
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, MAX_IMAGES)
    .map((i) => ({ names: [...i.repoDigests, ...i.repoTags], sizeBytes: i.sizeBytes }));
  return {
    capacity: { ...resources },
    allocatable: { ...resources },
    conditions: [
      condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', now, previous),
      condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', now, previous),
      condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', now, previous),
      condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status', now, previous),
    ],
    addresses: [
      { type: 'InternalIP', address: config.nodeIP },
      { type: 'Hostname', address: name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: name,
      systemUUID: name,
      bootID: name,
      kernelVersion: '6.1.0-tinykube',
      osImage: 'tinykube simulated node',
      containerRuntimeVersion: inputs.runtimeVersion,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images,
  };
}

/**
 * Upstream nodeStatusHasChanged: anything but the conditions' lastHeartbeatTime differs. When it
 * returns false the kubelet may skip the write until the report period has passed.
 */
export function nodeStatusChanged(previous: corev1.NodeStatus | undefined, next: corev1.NodeStatus | undefined): boolean {
  const strip = (s: corev1.NodeStatus | undefined) =>
    JSON.stringify({ ...s, conditions: (s?.conditions ?? []).map(({ lastHeartbeatTime: _h, ...c }) => c) });
  return strip(previous) !== strip(next);
}
