/**
 * The part cases of `proxy.rules`: grader/tests/proxy-rules.ts runs them against the learner's
 * part, the self-check against the reference, the stub and the mutants, and rule-table.test.ts
 * against the reference. Each case throws on failure.
 */
import { expect } from 'vitest';
import type { corev1, discoveryv1 } from '../api/types.ts';
import type { BuildRuleTable, ProxyNode, ServicePortRule } from './rule-table.ts';

export interface RuleTableCase {
  name: string;
  run(build: BuildRuleTable): void;
}

const NODE: ProxyNode = { name: 'node-1', ip: '172.18.0.2' };

export function svc(name: string, spec: corev1.ServiceSpec, namespace = 'default'): corev1.Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { type: 'ClusterIP', sessionAffinity: 'None', ...spec } };
}

interface Ep {
  ip: string;
  ready?: boolean | undefined;
  serving?: boolean;
  terminating?: boolean;
  node?: string;
}

export function slice(service: string, name: string, ports: discoveryv1.EndpointPort[], eps: Ep[], namespace = 'default', addressType = 'IPv4'): discoveryv1.EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name, namespace, labels: { 'kubernetes.io/service-name': service } },
    addressType,
    ports,
    endpoints: eps.map((e) => {
      const conditions: discoveryv1.EndpointConditions = {};
      if (e.ready !== undefined) conditions.ready = e.ready;
      if (e.serving !== undefined) conditions.serving = e.serving;
      if (e.terminating !== undefined) conditions.terminating = e.terminating;
      return { addresses: [e.ip], conditions, ...(e.node ? { nodeName: e.node } : {}) };
    }),
  };
}

const web = (spec: Partial<corev1.ServiceSpec> = {}) => svc('web', { clusterIP: '10.96.0.20', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }], ...spec });
const httpPort: discoveryv1.EndpointPort[] = [{ name: 'http', port: 8080, protocol: 'TCP' }];
const addrs = (eps: readonly { ip: string; port: number }[]) => eps.map((e) => `${e.ip}:${e.port}`);

function only(build: BuildRuleTable, services: corev1.Service[], slices: discoveryv1.EndpointSlice[], node = NODE): ServicePortRule {
  const { rules } = build(services, slices, node);
  expect(rules.map((r) => r.servicePortName)).toHaveLength(1);
  return rules[0]!;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

export const ruleTableCases: readonly RuleTableCase[] = [
  {
    name: 'a Service port with ready endpoints becomes one rule: ClusterIP:port to each endpoint at the slice port',
    run(build) {
      const rule = only(build, [web()], [slice('web', 'web-abc', httpPort, [{ ip: '10.244.2.7', ready: true }, { ip: '10.244.1.5', ready: true }])]);
      expect(rule).toMatchObject({ servicePortName: 'default/web:http', clusterIP: '10.96.0.20', port: 80, protocol: 'TCP', hasEndpoints: true, sessionAffinity: { type: 'None' } });
      expect(rule.nodePort).toBeUndefined();
      // Sorted by `ip:port`, whatever the slice's order.
      expect(addrs(rule.clusterEndpoints)).toEqual(['10.244.1.5:8080', '10.244.2.7:8080']);
    },
  },
  {
    name: 'endpoints that are not ready take no traffic; an endpoint without a ready condition counts as ready',
    run(build) {
      const rule = only(build, [web()], [slice('web', 'web-abc', httpPort, [{ ip: '10.244.1.5', ready: false, serving: false }, { ip: '10.244.1.6', ready: undefined }, { ip: '10.244.1.7', ready: true }])]);
      expect(addrs(rule.clusterEndpoints)).toEqual(['10.244.1.6:8080', '10.244.1.7:8080']);
    },
  },
  {
    name: 'a Service without any ready endpoint still gets its rule, with no endpoints and hasEndpoints false (connection refused)',
    run(build) {
      const rule = only(build, [web()], [slice('web', 'web-abc', httpPort, [{ ip: '10.244.1.5', ready: false, serving: false }])]);
      expect(rule.clusterEndpoints).toEqual([]);
      expect(rule.hasEndpoints).toBe(false);
      const none = only(build, [web()], []);
      expect(none).toMatchObject({ servicePortName: 'default/web:http', clusterEndpoints: [], hasEndpoints: false });
    },
  },
  {
    name: 'when no endpoint is ready, serving terminating endpoints take the traffic (ProxyTerminatingEndpoints), never terminating ones that stopped serving',
    run(build) {
      const eps: Ep[] = [
        { ip: '10.244.1.5', ready: false, serving: true, terminating: true },
        { ip: '10.244.1.6', ready: false, serving: false, terminating: true },
        { ip: '10.244.1.7', ready: false, serving: true, terminating: false },
      ];
      const rule = only(build, [web()], [slice('web', 'web-abc', httpPort, eps)]);
      expect(addrs(rule.clusterEndpoints)).toEqual(['10.244.1.5:8080']);
      expect(rule.hasEndpoints).toBe(true);
      // As soon as one endpoint is ready, the terminating ones get nothing.
      const withReady = only(build, [web()], [slice('web', 'web-abc', httpPort, [...eps, { ip: '10.244.1.9', ready: true }])]);
      expect(addrs(withReady.clusterEndpoints)).toEqual(['10.244.1.9:8080']);
    },
  },
  {
    name: 'Service ports are matched to slice ports by name, not by number or position',
    run(build) {
      const s = svc('app', {
        clusterIP: '10.96.0.30',
        ports: [
          { name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' },
          { name: 'metrics', port: 9090, protocol: 'TCP', targetPort: 9100 },
        ],
      });
      const ports: discoveryv1.EndpointPort[] = [
        { name: 'metrics', port: 9100, protocol: 'TCP' },
        { name: 'http', port: 9090, protocol: 'TCP' },
      ];
      const { rules } = build([s], [slice('app', 'app-1', ports, [{ ip: '10.244.1.5', ready: true }])], NODE);
      const byName = Object.fromEntries(rules.map((r) => [r.servicePortName, { port: r.port, to: addrs(r.clusterEndpoints) }]));
      expect(byName).toEqual({
        'default/app:http': { port: 80, to: ['10.244.1.5:9090'] },
        'default/app:metrics': { port: 9090, to: ['10.244.1.5:9100'] },
      });
    },
  },
  {
    name: 'a Service port only takes endpoints from slice ports of the same protocol',
    run(build) {
      const dns = svc('dns', { clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }] });
      const ports: discoveryv1.EndpointPort[] = [{ name: 'dns', port: 5353, protocol: 'UDP' }, { name: 'dns-tcp', port: 5354, protocol: 'TCP' }, { name: 'dns', port: 6000, protocol: 'TCP' }];
      const { rules } = build([dns], [slice('dns', 'dns-1', ports, [{ ip: '10.244.1.5', ready: true }])], NODE);
      const got = Object.fromEntries(rules.map((r) => [`${r.servicePortName}/${r.protocol}`, addrs(r.clusterEndpoints)]));
      expect(got).toEqual({ 'default/dns:dns/UDP': ['10.244.1.5:5353'], 'default/dns:dns-tcp/TCP': ['10.244.1.5:5354'] });
    },
  },
  {
    name: 'an unnamed single port is matched with the unnamed slice port',
    run(build) {
      const s = svc('web', { clusterIP: '10.96.0.20', ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] });
      const rule = only(build, [s], [slice('web', 'web-1', [{ name: '', port: 8080, protocol: 'TCP' }], [{ ip: '10.244.1.5', ready: true }])]);
      expect(rule.servicePortName).toBe('default/web:');
      expect(addrs(rule.clusterEndpoints)).toEqual(['10.244.1.5:8080']);
    },
  },
  {
    name: 'headless and ExternalName Services get no rules, nor a Service whose ClusterIP is not allocated yet',
    run(build) {
      const services = [
        svc('headless', { clusterIP: 'None', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }),
        svc('external', { type: 'ExternalName', externalName: 'example.com', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }),
        svc('pending', { ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }),
      ];
      const slices = ['headless', 'external', 'pending'].map((n) => slice(n, `${n}-1`, [{ name: 'http', port: 80, protocol: 'TCP' }], [{ ip: '10.244.1.5', ready: true }]));
      expect(build(services, slices, NODE).rules).toEqual([]);
    },
  },
  {
    name: "only the Service's own slices count: same namespace, label kubernetes.io/service-name, IPv4 addresses",
    run(build) {
      const slices = [
        slice('web', 'web-1', httpPort, [{ ip: '10.244.1.5', ready: true }]),
        slice('web', 'web-other-ns', httpPort, [{ ip: '10.244.1.6', ready: true }], 'other'),
        slice('api', 'api-1', httpPort, [{ ip: '10.244.1.7', ready: true }]),
        slice('web', 'web-fqdn', httpPort, [{ ip: 'example.com', ready: true }], 'default', 'FQDN'),
      ];
      const unlabelled = { ...slice('web', 'web-x', httpPort, [{ ip: '10.244.1.8', ready: true }]), metadata: { name: 'web-x', namespace: 'default', labels: {} } };
      const rule = only(build, [web()], [...slices, unlabelled]);
      expect(addrs(rule.clusterEndpoints)).toEqual(['10.244.1.5:8080']);
    },
  },
  {
    name: 'endpoints of several slices are merged, an address listed twice counts once',
    run(build) {
      const rule = only(build, [web()], [
        slice('web', 'web-1', httpPort, [{ ip: '10.244.1.10', ready: true }, { ip: '10.244.1.9', ready: true }]),
        slice('web', 'web-2', httpPort, [{ ip: '10.244.2.3', ready: true }, { ip: '10.244.1.9', ready: true }]),
      ]);
      // Sorted as strings, as upstream does: "10.244.1.10:8080" < "10.244.1.9:8080".
      expect(addrs(rule.clusterEndpoints)).toEqual(['10.244.1.10:8080', '10.244.1.9:8080', '10.244.2.3:8080']);
    },
  },
  {
    name: 'NodePort and LoadBalancer Services get their node port; a ClusterIP Service gets none',
    run(build) {
      const services = [
        svc('np', { type: 'NodePort', clusterIP: '10.96.0.21', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }] }),
        svc('lb', { type: 'LoadBalancer', clusterIP: '10.96.0.22', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30081 }] }),
        svc('cip', { clusterIP: '10.96.0.23', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30082 }] }),
      ];
      const slices = ['np', 'lb', 'cip'].map((n) => slice(n, `${n}-1`, httpPort, [{ ip: '10.244.1.5', ready: true }]));
      const got = build(services, slices, NODE).rules.map((r) => [r.servicePortName, r.nodePort ?? null, addrs(r.nodePortEndpoints)]);
      expect(got).toEqual([
        ['default/cip:http', null, []],
        ['default/lb:http', 30081, ['10.244.1.5:8080']],
        ['default/np:http', 30080, ['10.244.1.5:8080']],
      ]);
    },
  },
  {
    name: 'sessionAffinity ClientIP carries its timeout, 10800 s when unset',
    run(build) {
      const a = only(build, [web({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } })], []);
      expect(a.sessionAffinity).toEqual({ type: 'ClientIP', timeoutSeconds: 60 });
      const b = only(build, [web({ sessionAffinity: 'ClientIP' })], []);
      expect(b.sessionAffinity).toEqual({ type: 'ClientIP', timeoutSeconds: 10800 });
      expect(only(build, [web()], []).sessionAffinity).toEqual({ type: 'None' });
    },
  },
  {
    name: 'externalTrafficPolicy Local sends node-port traffic only to endpoints on this node; ClusterIP traffic still goes everywhere',
    run(build) {
      const s = web({ type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'http', port: 80, protocol: 'TCP', nodePort: 30080 }] });
      const eps = [{ ip: '10.244.1.5', ready: true, node: 'node-1' }, { ip: '10.244.2.5', ready: true, node: 'node-2' }];
      const rule = only(build, [s], [slice('web', 'web-1', httpPort, eps)]);
      expect(addrs(rule.nodePortEndpoints)).toEqual(['10.244.1.5:8080']);
      expect(addrs(rule.clusterEndpoints)).toEqual(['10.244.1.5:8080', '10.244.2.5:8080']);
      // On node-3, which runs none of them: no local endpoint, but the Service has endpoints.
      const far = only(build, [s], [slice('web', 'web-1', httpPort, eps)], { name: 'node-3', ip: '172.18.0.4' });
      expect(far.nodePortEndpoints).toEqual([]);
      expect(far.hasEndpoints).toBe(true);
    },
  },
  {
    name: 'internalTrafficPolicy Local sends ClusterIP traffic only to endpoints on this node',
    run(build) {
      const s = web({ internalTrafficPolicy: 'Local' });
      const eps = [{ ip: '10.244.1.5', ready: true, node: 'node-1' }, { ip: '10.244.2.5', ready: true, node: 'node-2' }];
      const rule = only(build, [s], [slice('web', 'web-1', httpPort, eps)], { name: 'node-2', ip: '172.18.0.3' });
      expect(addrs(rule.clusterEndpoints)).toEqual(['10.244.2.5:8080']);
    },
  },
  {
    name: 'rules are sorted by Service port name and the inputs are left untouched',
    run(build) {
      const services = deepFreeze([web(), svc('api', { clusterIP: '10.96.0.5', ports: [{ name: 'grpc', port: 9000, protocol: 'TCP' }, { name: 'admin', port: 9001, protocol: 'TCP' }] })]);
      const slices = deepFreeze([slice('web', 'web-1', httpPort, [{ ip: '10.244.1.5', ready: true }])]);
      const { rules } = build(services, slices, NODE);
      expect(rules.map((r) => r.servicePortName)).toEqual(['default/api:admin', 'default/api:grpc', 'default/web:http']);
    },
  },
];
