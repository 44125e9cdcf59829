/**
 * kube-proxy: what one full sync (the rule table from every Service and EndpointSlice) costs at
 * a few cluster sizes, and how many new connections per second the installed rules route
 * (lookup + endpoint choice, with and without ClientIP affinity). Prints figures; asserts nothing.
 */
import type { corev1, discoveryv1 } from '../engine/api/types.ts';
import { indexRuleTable, createServiceRouter } from '../engine/proxy/proxier.ts';
import { Random } from '../engine/util/random.ts';
import { buildRuleTable } from '../solutions/proxy/rule-table.ts';
import { newLoadBalancer } from '../solutions/proxy/session-affinity.ts';

const NODE = { name: 'node-1', ip: '172.18.0.2' };

function objects(services: number, endpointsPer: number, affinity: boolean): { svcs: corev1.Service[]; slices: discoveryv1.EndpointSlice[] } {
  const svcs: corev1.Service[] = [];
  const slices: discoveryv1.EndpointSlice[] = [];
  for (let i = 0; i < services; i++) {
    const name = `svc-${i}`;
    svcs.push({
      metadata: { name, namespace: 'default' },
      spec: { type: 'ClusterIP', clusterIP: `10.96.${i >> 8}.${i & 255}`, sessionAffinity: affinity ? 'ClientIP' : 'None', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] },
    });
    slices.push({
      metadata: { name: `${name}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: Array.from({ length: endpointsPer }, (_, k) => ({ addresses: [`10.${244 + (k >> 8)}.${k & 255}.${(i % 250) + 2}`], conditions: { ready: k % 10 !== 0 } })),
    });
  }
  return { svcs, slices };
}

function time(label: string, n: number, fn: (i: number) => void): void {
  fn(0);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = (performance.now() - t0) / n;
  console.log(`   ${label.padEnd(58)} ${ms.toFixed(3).padStart(9)} ms/op  ${Math.round(1000 / ms).toLocaleString('en-US').padStart(10)} ops/s`);
}

export async function run(): Promise<void> {
  console.log('kube-proxy (proxy.rules sync, routing of new connections)');
  for (const [services, eps] of [[100, 10], [1000, 10], [5000, 20]] as const) {
    const { svcs, slices } = objects(services, eps, false);
    time(`full sync: ${services} Services × ${eps} endpoints`, services >= 5000 ? 3 : 20, () => void indexRuleTable(buildRuleTable(svcs, slices, NODE)));
  }
  for (const affinity of [false, true]) {
    const { svcs, slices } = objects(1000, 10, affinity);
    const index = indexRuleTable(buildRuleTable(svcs, slices, NODE));
    let now = 0;
    const router = createServiceRouter({ node: NODE, balancer: newLoadBalancer({ random: new Random(1) }), rules: () => index, now: () => now });
    const n = 200_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      now += 1;
      router({ ip: `10.96.${(i % 1000) >> 8}.${i % 1000 & 255}`, port: 80 }, `10.244.9.${i % 200}`);
    }
    const s = (performance.now() - t0) / 1000;
    console.log(`   ${`route a new connection (1000 Services, affinity ${affinity ? 'ClientIP' : 'None'})`.padEnd(58)} ${Math.round(n / s).toLocaleString('en-US').padStart(10)} conn/s`);
  }
}
