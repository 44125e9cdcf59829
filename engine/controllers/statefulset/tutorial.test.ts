/**
 * The StatefulSet basics tutorial (website tutorials/stateful-application/basic-stateful-set.md)
 * end to end on a 2-node virtual-clock cluster: stable network identity (`hostname` in each pod,
 * `nslookup web-0.nginx.default.svc.cluster.local` from a busybox pod) and stable storage (each pod writes its hostname into
 * its www volume; after the pods are deleted and recreated — possibly on the other node — nginx
 * serves the same file).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import { kubectlExec, toolboxPod } from '../../dns/testing.ts';
import { isRunningAndReady, NS, nginxService, webPods, webStatefulSet } from './testing.ts';

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function until(c: Cluster, what: string, p: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  expect(await c.clock.runUntil(p, { timeoutMs }), what).toBe(true);
}

describe('the StatefulSet basics tutorial', () => {
  it('web-N keeps its name, DNS record and the data in its claim across deletion', async () => {
    const c = (cluster = await createCluster({ nodes: 2, seed: 'sts-tutorial' }));
    const kubectl = c.client('kubectl');
    await kubectl.services(NS).create(nginxService());
    await kubectl.statefulsets(NS).create(webStatefulSet({ replicas: 2 }));
    await kubectl.pods(NS).create(toolboxPod('dns-test'));
    const ready = async () => {
      const pods = await webPods(c.client(), true);
      const box = await c.client().pods(NS).get('dns-test');
      return pods.length === 2 && pods.every(isRunningAndReady) && isRunningAndReady(box);
    };
    await until(c, 'web-0, web-1 and dns-test are ready', ready);

    // for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done
    for (const i of [0, 1]) expect((await kubectlExec(c, NS, `web-${i}`, ['sh', '-c', 'hostname'])).stdout.trim()).toBe(`web-${i}`);

    // kubectl run ... nslookup: the headless Service gives each pod its own A record. (The tutorial
    // pins busybox:1.28, whose nslookup applies the search path to `web-0.nginx`; busybox 1.36's
    // does not, so the full name is asked here. wget below resolves the short name.)
    const ips = Object.fromEntries((await webPods(c.client())).map((p) => [p.metadata?.name, p.status?.podIP]));
    for (const i of [0, 1]) {
      const out = (await kubectlExec(c, NS, 'dns-test', ['nslookup', `web-${i}.nginx.default.svc.cluster.local`])).stdout;
      expect(out).toContain(`web-${i}.nginx.default.svc.cluster.local`);
      expect(out).toContain(ips[`web-${i}`]);
    }

    // Write each pod's hostname into its own claim, then read it back over HTTP.
    for (const i of [0, 1]) {
      const r = await kubectlExec(c, NS, `web-${i}`, ['sh', '-c', 'echo "$(hostname)" > /usr/share/nginx/html/index.html']);
      expect(r.exitCode).toBe(0);
    }
    const fetch = async (i: number) => (await kubectlExec(c, NS, 'dns-test', ['wget', '-qO-', `http://web-${i}.nginx`])).stdout.trim();
    expect([await fetch(0), await fetch(1)]).toEqual(['web-0', 'web-1']);

    // kubectl delete pod -l app=nginx: they come back, with the same names and the same data.
    const uids = (await webPods(c.client())).map((p) => p.metadata?.uid);
    for (const p of await webPods(c.client())) await kubectl.pods(NS).delete(p.metadata!.name!);
    await until(c, 'both pods are back and ready', async () => {
      const pods = await webPods(c.client(), true);
      return pods.length === 2 && pods.every((p) => isRunningAndReady(p) && !uids.includes(p.metadata?.uid));
    });
    await c.clock.advance(35_000); // DNS caches and endpoints catch up with the new pod IPs
    expect([await fetch(0), await fetch(1)]).toEqual(['web-0', 'web-1']);

    // Rescheduled elsewhere: cordon web-0's node and delete web-0; it comes back on the other
    // node, and its claim (so its data) follows it there.
    const before = await c.client().pods(NS).get('web-0');
    const node = await kubectl.nodes().get(before.spec!.nodeName!);
    await kubectl.nodes().update({ ...node, spec: { ...node.spec, unschedulable: true } });
    await kubectl.pods(NS).delete('web-0');
    await until(c, 'web-0 is back and ready', async () => {
      const p = (await webPods(c.client(), true)).find((x) => x.metadata?.name === 'web-0');
      return !!p && p.metadata?.uid !== before.metadata?.uid && isRunningAndReady(p);
    });
    const after = await c.client().pods(NS).get('web-0');
    expect(after.spec?.nodeName).not.toBe(before.spec?.nodeName);
    await c.clock.advance(35_000);
    expect(await fetch(0)).toBe('web-0');
  });
});
