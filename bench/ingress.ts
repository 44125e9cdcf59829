/**
 * Ingress throughput: the `ingress.host` + `ingress.path` routing decision over many Ingresses,
 * and whole requests through the controller of a 2-node cluster (curl from the host → node IP :80
 * → serve-hostname pod). Prints figures; asserts nothing.
 */
import { createCluster } from '../engine/cluster/index.ts';
import type { networkingv1 } from '../engine/api/types.ts';
import { curl, deployApp, ingressObject, waitForIngressAddresses } from '../engine/ingress/testing.ts';
import { ingressHost } from '../solutions/ingress/host-rules.ts';
import { ingressPath } from '../solutions/ingress/path-match.ts';

function rate(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(500, n); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const s = (performance.now() - t0) / 1000;
  console.log(`   ${label.padEnd(60)} ${Math.round(n / s).toLocaleString('en-US').padStart(10)} ops/s`);
}

export async function run(): Promise<void> {
  // 200 Ingresses, each with one host and 5 paths: 1000 candidate paths in all.
  const ingresses: networkingv1.Ingress[] = Array.from({ length: 200 }, (_, i) =>
    ingressObject(`ing-${i}`, [[`h${i}.example.com`, [0, 1, 2, 3, 4].map((j) => ['Prefix', `/p${j}/sub`, `svc-${i}-${j}`] as ['Prefix', string, string])]]),
  );
  ingresses.push(ingressObject('wild', [['*.wild.test', [['Prefix', '/', 'w']]]]));
  rate('route: 201 Ingresses, exact host, 5 paths', 5_000, (i) => void ingressHost.route(ingresses, { host: `h${i % 200}.example.com`, path: '/p3/sub/x' }, ingressPath));
  rate('route: 201 Ingresses, wildcard host', 5_000, (i) => void ingressHost.route(ingresses, { host: `a${i}.wild.test`, path: '/' }, ingressPath));
  rate('selectPath: 50 candidates', 30_000, (i) => void ingressPath.selectPath(Array.from({ length: 50 }, (_, j) => ({ pathType: 'Prefix' as const, path: `/a/${j}` })), `/a/${i % 50}/x`));

  const c = await createCluster({ nodes: 2 });
  try {
    await deployApp(c, 'hostnames', 'hostname', 3);
    await c.client().ingresses('default').create(ingressObject('bench', [['bench.test', [['Prefix', '/', 'hostnames']]]]));
    await waitForIngressAddresses(c);
    const n = 2000;
    const t0 = performance.now();
    let ok = 0;
    for (let i = 0; i < n; i++) if ((await curl(c, 'bench.test', `/r${i}`)).status === 200) ok++;
    const s = (performance.now() - t0) / 1000;
    console.log(`   ${'requests through the ingress controller (2 nodes, 3 pods)'.padEnd(60)} ${Math.round(n / s).toLocaleString('en-US').padStart(10)} req/s (${ok}/${n} 200)`);
  } finally {
    await c.close();
  }
}
