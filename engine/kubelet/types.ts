/**
 * The kubelet's public shape: what the cluster passes to createKubelet and gets back.
 */
import type { corev1 } from '../api/types.ts';
import type { Client } from '../client/client.ts';
import type { ContainerRuntime } from '../runtime/cri.ts';
import type { ParseImageReference } from '../runtime/image-reference.ts';
import type { SimulatedDisks } from '../runtime/simulated-disks.ts';
import type { ClusterNetwork } from '../runtime/network.ts';
import type { Clock } from '../util/clock.ts';
import type { Component } from '../util/component.ts';
import type { Random } from '../util/random.ts';
import type { ContainerBackoffFactory } from './backoff.ts';
import type { MakeEnvironment } from './environment.ts';
import type { ComputePodActions } from './pod-actions.ts';
import type { ProjectVolume } from './projection.ts';
import type { ProbeResultTrackerFactory } from './probe-result.ts';

/** The kubelet's parts (see engine/cluster/parts.ts): injected, never imported from solutions/. */
export interface KubeletParts {
  /** computePodActions: what to kill, start, restart; whether to recreate the sandbox. */
  'kubelet.sync': ComputePodActions;
  /** The CrashLoopBackOff / ImagePullBackOff delay. */
  'kubelet.backoff': ContainerBackoffFactory;
  /** Probe results → ready/failed, with success and failure thresholds. */
  'kubelet.probe': ProbeResultTrackerFactory;
  /** A container's environment: envFrom, env, valueFrom, `$(VAR)`. */
  'configmap.env': MakeEnvironment;
  /** The files of a configMap, secret, downwardAPI or projected volume: items, modes. */
  'configmap.projection': ProjectVolume;
}

export interface KubeletNodeConfig {
  /** Capacity = allocatable (no system reservations), e.g. '4', '8Gi'. */
  cpu: string;
  memory: string;
  /** --max-pods. */
  pods: number;
  labels?: Record<string, string>;
  taints?: corev1.Taint[];
  podCIDR: string;
  nodeIP: string;
}

export interface KubeletOptions {
  nodeName: string;
  /** Acts as system:node:<name>. */
  client: Client;
  clock: Clock;
  random: Random;
  runtime: ContainerRuntime;
  network: ClusterNetwork;
  node: KubeletNodeConfig;
  parts: KubeletParts;
  /**
   * Part `runtime.image`: the kubelet parses every image before pulling it (upstream
   * EnsureImageExists → applyDefaultImageTag); an invalid one leaves the container Waiting with
   * reason InvalidImageName. Without it every image is passed to the runtime as written.
   */
  parseImageReference?: ParseImageReference;
  /**
   * The cluster's simulated disks: persistentVolumeClaim volumes mount their PV's disk, and the
   * node's hostPath directories live there (surviving kubelet restarts). Without it, hostPath
   * directories last as long as this kubelet and PVC-backed pods never start.
   */
  disks?: SimulatedDisks;
  /** How often node status is computed (upstream nodeStatusUpdateFrequency); default 10 000 ms. */
  nodeStatusUpdateFrequencyMs?: number;
  /**
   * A status that did not change is still posted after this long (upstream
   * nodeStatusReportFrequency, default 5 min): with node Leases as the heartbeat, the kubelet
   * posts its status only when something changed or this much time passed.
   */
  nodeStatusReportFrequencyMs?: number;
  /** Lease duration (upstream nodeLeaseDurationSeconds); default 40 s, renewed every quarter. */
  nodeLeaseDurationSeconds?: number;
  /** Failures the kubelet survives (API errors, runtime errors), for logs; never thrown. */
  onError?: (err: unknown) => void;
}

export interface Kubelet extends Component {
  readonly nodeName: string;
  /** Resolves once every pod worker has nothing left to do right now (tests, tools). */
  whenIdle(): Promise<void>;
}
