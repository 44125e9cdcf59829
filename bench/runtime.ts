/**
 * Simulated container runtime: how fast a cluster's worth of containers starts on the virtual
 * clock (the whole-cluster bench runs 30,000 pods), how fast the pod network answers HTTP, and
 * how fast the sh interpreter runs a docs script. Prints figures; asserts nothing.
 */
import { VirtualClock } from '../engine/util/clock.ts';
import { Random } from '../engine/util/random.ts';
import { createSimulatedNetwork, createSimulatedRuntime, type SimulatedRuntime } from '../engine/runtime/index.ts';
import { containerConfig, sandboxConfig } from '../engine/runtime/testing.ts';
import { containerLifecycle } from '../solutions/runtime/container-lifecycle.ts';
import { parseImageReference } from '../solutions/runtime/image-reference.ts';
import { resolveMount } from '../solutions/volume/mounts.ts';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export async function run(): Promise<void> {
  const clock = new VirtualClock();
  const network = createSimulatedNetwork({ clock });
  const nodes = 100;
  const podsPerNode = 110;
  const runtimes: SimulatedRuntime[] = [];
  for (let n = 0; n < nodes; n++) {
    runtimes.push(
      createSimulatedRuntime({
        clock,
        random: new Random(n),
        nodeName: `node-${n}`,
        podCIDR: `10.${(n >> 8) + 1}.${n & 255}.0/24`,
        nodeIP: `192.168.${n >> 8}.${(n & 255) + 1}`,
        network,
        containerLifecycle,
        parseImageReference,
        resolveMount,
      }),
    );
  }
  const pulls = runtimes.map((r) => r.pullImage({ image: 'nginx:1.27.3' }));
  await clock.advance(10_000);
  await Promise.all(pulls);

  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const ips: string[] = [];
  for (const r of runtimes) {
    for (let p = 0; p < podsPerNode; p++) {
      const sb = sandboxConfig(`web-${r.nodeName}-${p}`);
      const sandboxId = await r.runPodSandbox(sb);
      const id = await r.createContainer(sandboxId, containerConfig('nginx', 'nginx:1.27.3'), sb);
      await r.startContainer(id);
      ips.push((await r.podSandboxStatus(sandboxId)).ip);
    }
  }
  await clock.flush();
  const s = (performance.now() - t0) / 1000;
  const total = nodes * podsPerNode;
  const heapMiB = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
  console.log(`   start ${fmt(total)} nginx pods on ${nodes} nodes (sandbox + create + start)  ${fmt(total / s).padStart(8)} pods/s   ${heapMiB.toFixed(0)} MiB heap (${((heapMiB * 1024) / total).toFixed(1)} KiB/pod)`);

  const n = 20_000;
  const t1 = performance.now();
  for (let i = 0; i < n; i++) {
    await network.httpRequest(undefined, ips[i % ips.length] as string, 80, { method: 'GET', path: '/', headers: {} }, 1000);
  }
  console.log(`   HTTP GET / to nginx pods over the simulated network               ${fmt(n / ((performance.now() - t1) / 1000)).padStart(8)} req/s`);

  const r0 = runtimes[0] as SimulatedRuntime;
  const pulled = r0.pullImage({ image: 'busybox' });
  await clock.advance(10_000);
  await pulled;
  const sb = sandboxConfig('sh-bench');
  const sandboxId = await r0.runPodSandbox(sb);
  const cid = await r0.createContainer(sandboxId, containerConfig('sh', 'busybox', { command: ['sleep', '1000000'] }), sb);
  await r0.startContainer(cid);
  const m = 2_000;
  const t2 = performance.now();
  for (let i = 0; i < m; i++) {
    await r0.execSync(cid, ['sh', '-c', 'i=0; while [ $i -lt 10 ]; do echo "$i: $(date)"; i=$((i+1)); done'], 0);
  }
  console.log(`   exec sh -c (10-iteration loop with $(date) and $((...)))              ${fmt(m / ((performance.now() - t2) / 1000)).padStart(8)} scripts/s`);
}
