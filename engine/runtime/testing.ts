/**
 * Test helpers for code that drives the runtime through the CRI (this folder's tests; the
 * kubelet's may use them too): one node's runtime on a VirtualClock, and the configs a kubelet
 * would send for a pod and its containers.
 */
import { VirtualClock } from '../util/clock.ts';
import { Random } from '../util/random.ts';
import type { ContainerLifecycle } from './container-lifecycle.ts';
import type { ParseImageReference } from './image-reference.ts';
import type { ContainerConfig, ContainerEvent, PodSandboxConfig } from './cri.ts';
import { createSimulatedNetwork, type SimulatedNetwork } from './simulated-network.ts';
import { createSimulatedRuntime, type SimulatedRuntime } from './simulated-runtime.ts';
import type { ResolveMount } from './container-fs.ts';

export interface RuntimeHarness {
  clock: VirtualClock;
  network: SimulatedNetwork;
  runtime: SimulatedRuntime;
  events: ContainerEvent[];
}

/** The runtime's parts (the tests pass the references from solutions/; incl. solutions/volume/). */
export interface RuntimeParts {
  containerLifecycle: ContainerLifecycle;
  parseImageReference: ParseImageReference;
  resolveMount: ResolveMount;
}

export function createRuntimeHarness(
  parts: RuntimeParts,
  options: { podCIDR?: string; nodeIP?: string; memoryBytes?: number; clock?: VirtualClock; network?: SimulatedNetwork } = {},
): RuntimeHarness {
  const clock = options.clock ?? new VirtualClock();
  const network = options.network ?? createSimulatedNetwork({ clock });
  const runtime = createSimulatedRuntime({
    clock,
    random: new Random('runtime-test'),
    nodeName: 'node-1',
    podCIDR: options.podCIDR ?? '10.244.1.0/24',
    nodeIP: options.nodeIP ?? '192.168.49.2',
    network,
    memoryBytes: options.memoryBytes,
    ...parts,
  });
  const events: ContainerEvent[] = [];
  runtime.subscribeContainerEvents((e) => events.push(e));
  return { clock, network, runtime, events };
}

export function sandboxConfig(name: string, extra: Partial<PodSandboxConfig> = {}): PodSandboxConfig {
  return {
    metadata: { name, namespace: 'default', uid: `uid-${name}`, attempt: 0 },
    hostname: name,
    labels: { 'io.kubernetes.pod.name': name, 'io.kubernetes.pod.namespace': 'default' },
    annotations: {},
    ...extra,
  };
}

export function containerConfig(name: string, image: string, extra: Partial<ContainerConfig> = {}): ContainerConfig {
  return {
    metadata: { name, attempt: 0 },
    image,
    command: [],
    args: [],
    envs: [],
    mounts: [],
    labels: { 'io.kubernetes.container.name': name },
    annotations: {},
    ...extra,
  };
}

/** Pulls the image, creates the sandbox (or uses `sandboxId`) and the container, and starts it. */
export async function runContainer(
  h: RuntimeHarness,
  sandbox: PodSandboxConfig | string,
  config: ContainerConfig,
): Promise<{ sandboxId: string; containerId: string }> {
  const pulled = h.runtime.pullImage({ image: config.image });
  await h.clock.runUntil(async () => (await h.runtime.imageStatus({ image: config.image })) !== undefined, { timeoutMs: 60_000 });
  await pulled;
  const sandboxId = typeof sandbox === 'string' ? sandbox : await h.runtime.runPodSandbox(sandbox);
  const sandboxCfg = typeof sandbox === 'string' ? sandboxConfig('unused') : sandbox;
  const containerId = await h.runtime.createContainer(sandboxId, config, sandboxCfg);
  await h.runtime.startContainer(containerId);
  await h.clock.flush();
  return { sandboxId, containerId };
}
