/**
 * Cluster DNS and Service allocation: what one DNS answer costs over a cluster's Services and
 * EndpointSlices, and what the ClusterIP allocator costs on an empty and a nearly full range.
 * Prints figures; asserts nothing.
 */
import type { corev1, discoveryv1 } from '../engine/api/types.ts';
import { answer, type DnsView } from '../engine/dns/kubernetes-records.ts';
import { formatIPv4 } from '../engine/apiserver/handlers/ip-allocator.ts';
import { Random } from '../engine/util/random.ts';
import { allocateIP } from '../solutions/service/ip-allocator.ts';
import { endpointsSubsets } from '../solutions/service/endpoints-subsets.ts';

function rate(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(200, n); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const s = (performance.now() - t0) / 1000;
  console.log(`   ${label.padEnd(60)} ${Math.round(n / s).toLocaleString('en-US').padStart(10)} ops/s`);
}

function viewOf(services: number, podsPerHeadless: number): DnsView {
  const byKey = new Map<string, corev1.Service>();
  const slices = new Map<string, discoveryv1.EndpointSlice[]>();
  for (let i = 0; i < services; i++) {
    const name = `svc-${i}`;
    const headless = i % 10 === 0;
    byKey.set(`default/${name}`, { metadata: { name, namespace: 'default' }, spec: { clusterIP: headless ? 'None' : formatIPv4(0x0a600100 + i), ports: [{ name: 'http', port: 80 }] } });
    if (headless) {
      slices.set(name, [{ addressType: 'IPv4', metadata: { name, namespace: 'default' }, endpoints: Array.from({ length: podsPerHeadless }, (_, k) => ({ addresses: [formatIPv4(0x0af40000 + i * 256 + k)], conditions: { ready: true } })) }]);
    }
  }
  const all = [...byKey.values()];
  return {
    service: (ns, name) => byKey.get(`${ns}/${name}`),
    services: (ns) => (ns ? all.filter((s) => s.metadata?.namespace === ns) : all),
    endpointSlices: (_ns, svc) => slices.get(svc) ?? [],
    pod: () => undefined,
  };
}

export async function run(): Promise<void> {
  const v = viewOf(1000, 50);
  rate('DNS A, ClusterIP Service (1000 Services)', 200_000, (i) => void answer({ name: `svc-${(i % 900) + 1}.default.svc.cluster.local`, type: 'A' }, v));
  rate('DNS A, headless Service with 50 endpoints', 50_000, (i) => void answer({ name: `svc-${(i % 100) * 10}.default.svc.cluster.local`, type: 'A' }, v));
  rate('DNS NXDOMAIN (search-path miss)', 200_000, () => void answer({ name: 'web.svc.cluster.local', type: 'A' }, v));
  rate('DNS PTR of a ClusterIP (scans every Service)', 2_000, () => void answer({ name: '5.1.96.10.in-addr.arpa', type: 'PTR' }, v));

  const random = new Random('bench');
  const some = new Set(Array.from({ length: 1000 }, (_, i) => formatIPv4(0x0a600100 + i)));
  rate('ClusterIP pick, /12 with 1000 used', 200_000, () => void allocateIP({ cidr: '10.96.0.0/12', used: some, random }));
  const full = new Set(Array.from({ length: 65_000 }, (_, i) => formatIPv4(0x0a600001 + i)));
  rate('ClusterIP pick, /16 with 65000 of 65534 used', 200, () => void allocateIP({ cidr: '10.96.0.0/16', used: full, random }));

  const service: corev1.Service = { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } };
  const pods: corev1.Pod[] = Array.from({ length: 1000 }, (_, i) => ({
    metadata: { name: `web-${i}`, namespace: 'default', uid: `u${i}`, labels: { app: i % 2 ? 'web' : 'db' } },
    spec: { nodeName: 'node-1', containers: [{ name: 'web', ports: [{ name: 'http', containerPort: 8080 }] }] },
    status: { phase: 'Running', podIP: formatIPv4(0x0af40000 + i), conditions: [{ type: 'Ready', status: i % 5 ? 'True' : 'False' }] },
  }));
  rate('endpointsSubsets, 1000 pods (500 selected)', 500, () => void endpointsSubsets(service, pods));
}
