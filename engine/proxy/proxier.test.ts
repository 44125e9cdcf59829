/**
 * The rules on the network: which node's kube-proxy sees a connection (RouterScope), and what
 * a rule does with it (DNAT, REJECT, DROP), without a cluster.
 */
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../util/clock.ts';
import { Random } from '../util/random.ts';
import { createSimulatedNetwork, type SimulatedNetwork } from '../runtime/simulated-network.ts';
import { newLoadBalancer } from '../../solutions/proxy/session-affinity.ts';
import { createServiceRouter, indexRuleTable } from './proxier.ts';
import type { RuleTable, ServicePortRule } from './rule-table.ts';

const NODE1 = { name: 'node-1', ip: '172.18.0.2', podCIDR: '10.244.1.0/24' };
const NODE2 = { name: 'node-2', ip: '172.18.0.3', podCIDR: '10.244.2.0/24' };

function net(): { clock: VirtualClock; network: SimulatedNetwork } {
  const clock = new VirtualClock();
  const network = createSimulatedNetwork({ clock });
  for (const [ip, who] of [['10.244.1.5', 'a'], ['10.244.2.5', 'b'], ['10.244.1.9', 'client1'], ['10.244.2.9', 'client2'], [NODE1.ip, 'node-1'], [NODE2.ip, 'node-2']] as const) {
    network.attachIp(ip, who);
    if (who === 'a' || who === 'b') network.listen(ip, 8080, (_req, from) => ({ status: 200, headers: {}, body: `${who} from ${from ?? 'host'}` }));
  }
  return { clock, network };
}

/** Ask the network: the body, or the error (advancing the clock through timeouts). */
async function get(clock: VirtualClock, network: SimulatedNetwork, from: string | undefined, ip: string, port: number): Promise<string> {
  let out: string | undefined;
  void network.httpRequest(from, ip, port, { method: 'GET', path: '/', headers: {} }, 1000).then((r) => (out = r.body), (e: Error) => (out = e.message));
  await clock.runUntil(() => out !== undefined, { timeoutMs: 5000 });
  return out!;
}

describe('routers scoped to a node', () => {
  it("a pod's connection is routed by its own node's router; host connections to a node IP by that node's", async () => {
    const { clock, network } = net();
    network.addRouter((d) => (d.ip === '10.96.0.20' || d.ip === NODE1.ip ? { ip: '10.244.1.5', port: 8080 } : undefined), { node: NODE1 });
    network.addRouter((d) => (d.ip === '10.96.0.20' || d.ip === NODE2.ip ? { ip: '10.244.2.5', port: 8080 } : undefined), { node: NODE2 });
    expect(await get(clock, network, '10.244.1.9', '10.96.0.20', 80)).toBe('a from 10.244.1.9');
    expect(await get(clock, network, '10.244.2.9', '10.96.0.20', 80)).toBe('b from 10.244.2.9');
    expect(await get(clock, network, NODE2.ip, '10.96.0.20', 80)).toBe('b from 172.18.0.3');
    // To a node's own IP: that node's rules, wherever the client is.
    expect(await get(clock, network, undefined, NODE2.ip, 30080)).toBe('b from host');
    expect(await get(clock, network, '10.244.1.9', NODE2.ip, 30080)).toBe('b from 10.244.1.9');
    // The host to a ClusterIP: as if it sat on the first node.
    expect(await get(clock, network, undefined, '10.96.0.20', 80)).toBe('a from host');
  });

  it("removing a node's router removes its rules: its pods' ClusterIP connections are no longer translated", async () => {
    const { clock, network } = net();
    const remove = network.addRouter((d) => (d.ip === '10.96.0.20' ? { ip: '10.244.1.5', port: 8080 } : undefined), { node: NODE1 });
    network.addRouter((d) => (d.ip === '10.96.0.20' ? { ip: '10.244.2.5', port: 8080 } : undefined), { node: NODE2 });
    remove();
    expect(await get(clock, network, '10.244.1.9', '10.96.0.20', 80)).toBe('dial tcp 10.96.0.20:80: i/o timeout');
    expect(await get(clock, network, '10.244.2.9', '10.96.0.20', 80)).toBe('b from 10.244.2.9');
  });

  it('an unscoped router still sees every connection', async () => {
    const { clock, network } = net();
    network.addRouter((d) => (d.ip === '10.96.0.50' ? { ip: '10.244.2.5', port: 8080 } : undefined));
    expect(await get(clock, network, '10.244.1.9', '10.96.0.50', 80)).toBe('b from 10.244.1.9');
    expect(await get(clock, network, undefined, '10.96.0.50', 80)).toBe('b from host');
  });
});

function rule(over: Partial<ServicePortRule>): ServicePortRule {
  return { servicePortName: 'default/web:http', clusterIP: '10.96.0.20', port: 80, protocol: 'TCP', clusterEndpoints: [], nodePortEndpoints: [], hasEndpoints: false, sessionAffinity: { type: 'None' }, ...over };
}

describe('the service router (DNAT, REJECT, DROP)', () => {
  function install(table: RuleTable) {
    const { clock, network } = net();
    const router = createServiceRouter({ node: NODE1, balancer: newLoadBalancer({ random: new Random(1) }), rules: () => indexRuleTable(table), now: () => clock.now() });
    network.addRouter(router, { node: NODE1 });
    return { clock, network };
  }

  it('DNATs a ClusterIP:port and a NodePort on its own node IP to an endpoint', async () => {
    const ep = { ip: '10.244.2.5', port: 8080 };
    const { clock, network } = install({ rules: [rule({ nodePort: 30080, clusterEndpoints: [ep], nodePortEndpoints: [ep], hasEndpoints: true })] });
    expect(await get(clock, network, '10.244.1.9', '10.96.0.20', 80)).toBe('b from 10.244.1.9');
    expect(await get(clock, network, undefined, NODE1.ip, 30080)).toBe('b from host');
  });

  it('rejects a Service without endpoints and an undefined port of a ClusterIP: connection refused', async () => {
    const { clock, network } = install({ rules: [rule({})] });
    expect(await get(clock, network, '10.244.1.9', '10.96.0.20', 80)).toBe('dial tcp 10.96.0.20:80: connect: connection refused');
    expect(await get(clock, network, '10.244.1.9', '10.96.0.20', 81)).toBe('dial tcp 10.96.0.20:81: connect: connection refused');
  });

  it('drops traffic when the endpoints are all on other nodes under a Local policy: the dial times out', async () => {
    const { clock, network } = install({ rules: [rule({ nodePort: 30080, clusterEndpoints: [{ ip: '10.244.2.5', port: 8080 }], nodePortEndpoints: [], hasEndpoints: true })] });
    expect(await get(clock, network, undefined, NODE1.ip, 30080)).toBe(`dial tcp ${NODE1.ip}:30080: i/o timeout`);
  });
});
