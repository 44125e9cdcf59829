/** The cluster DNS's answers as a pure function of Services, EndpointSlices and Pods. */
import { describe, expect, it } from 'vitest';
import type { corev1, discoveryv1 } from '../api/types.ts';
import { answer, type DnsView } from './kubernetes-records.ts';

function svc(name: string, spec: corev1.ServiceSpec, namespace = 'default'): corev1.Service {
  return { metadata: { name, namespace }, spec };
}

function slice(service: string, endpoints: Array<{ ip: string; pod?: string; ready?: boolean; hostname?: string }>, ports: discoveryv1.EndpointPort[] = [{ name: 'http', port: 8080, protocol: 'TCP' }]): discoveryv1.EndpointSlice {
  return {
    addressType: 'IPv4',
    metadata: { name: `${service}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': service } },
    ports,
    endpoints: endpoints.map((e) => ({ addresses: [e.ip], conditions: { ready: e.ready ?? true }, hostname: e.hostname, targetRef: e.pod ? { kind: 'Pod', namespace: 'default', name: e.pod } : undefined })),
  };
}

function view(services: corev1.Service[], slices: discoveryv1.EndpointSlice[] = [], pods: corev1.Pod[] = []): DnsView {
  return {
    service: (ns, name) => services.find((s) => s.metadata?.namespace === ns && s.metadata?.name === name),
    services: (ns) => services.filter((s) => !ns || s.metadata?.namespace === ns),
    endpointSlices: (ns, name) => slices.filter((s) => s.metadata?.namespace === ns && s.metadata?.labels?.['kubernetes.io/service-name'] === name),
    pod: (ns, name) => pods.find((p) => p.metadata?.namespace === ns && p.metadata?.name === name),
  };
}

const web = svc('web', { clusterIP: '10.96.3.4', ports: [{ name: 'http', port: 80, protocol: 'TCP' }] });
const headless = svc('nginx', { clusterIP: 'None', ports: [{ name: 'web', port: 80, targetPort: 'http' }] });
const statefulPod = (name: string): corev1.Pod => ({ metadata: { name, namespace: 'default' }, spec: { hostname: name, subdomain: 'nginx', containers: [] } });

describe('cluster DNS answers', () => {
  it('a ClusterIP Service name has one A record, its ClusterIP; AAAA is an empty NOERROR, not NXDOMAIN', () => {
    const v = view([web]);
    expect(answer({ name: 'web.default.svc.cluster.local', type: 'A' }, v)).toEqual({
      rcode: 'NOERROR',
      authoritative: true,
      answers: [{ name: 'web.default.svc.cluster.local', type: 'A', ttl: 30, address: '10.96.3.4' }],
      additionals: [],
    });
    expect(answer({ name: 'WEB.default.svc.cluster.local.', type: 'A' }, v).answers).toHaveLength(1);
    expect(answer({ name: 'web.default.svc.cluster.local', type: 'AAAA' }, v)).toMatchObject({ rcode: 'NOERROR', answers: [] });
    expect(answer({ name: 'web.other.svc.cluster.local', type: 'A' }, v).rcode).toBe('NXDOMAIN');
    expect(answer({ name: 'nope.default.svc.cluster.local', type: 'A' }, v).rcode).toBe('NXDOMAIN');
  });

  it('a headless Service resolves to its ready endpoints only, and is NXDOMAIN with none', () => {
    const v = view([headless], [slice('nginx', [{ ip: '10.244.1.5' }, { ip: '10.244.2.3' }, { ip: '10.244.1.9', ready: false }])]);
    expect(answer({ name: 'nginx.default.svc.cluster.local', type: 'A' }, v).answers.map((r) => (r.type === 'A' ? r.address : ''))).toEqual(['10.244.1.5', '10.244.2.3']);
    expect(answer({ name: 'nginx.default.svc.cluster.local', type: 'A' }, view([headless])).rcode).toBe('NXDOMAIN');
  });

  it('a StatefulSet pod (hostname + subdomain = the headless Service) has <hostname>.<svc>.<ns>.svc; others have their dashed IP', () => {
    const v = view([headless], [slice('nginx', [{ ip: '10.244.1.5', pod: 'web-0' }, { ip: '10.244.2.3', pod: 'other' }])], [statefulPod('web-0'), { metadata: { name: 'other', namespace: 'default' }, spec: { containers: [] } }]);
    expect(answer({ name: 'web-0.nginx.default.svc.cluster.local', type: 'A' }, v).answers).toEqual([{ name: 'web-0.nginx.default.svc.cluster.local', type: 'A', ttl: 30, address: '10.244.1.5' }]);
    expect(answer({ name: '10-244-2-3.nginx.default.svc.cluster.local', type: 'A' }, v).answers).toHaveLength(1);
    expect(answer({ name: 'web-1.nginx.default.svc.cluster.local', type: 'A' }, v).rcode).toBe('NXDOMAIN');
    // A ClusterIP Service has no per-endpoint names.
    expect(answer({ name: 'web-0.web.default.svc.cluster.local', type: 'A' }, view([web])).rcode).toBe('NXDOMAIN');
  });

  it('SRV: a ClusterIP Service points at its own name and port; a headless one at each endpoint, weights shared, A records as additionals', () => {
    expect(answer({ name: '_http._tcp.web.default.svc.cluster.local', type: 'SRV' }, view([web]))).toMatchObject({
      answers: [{ type: 'SRV', priority: 0, weight: 100, port: 80, target: 'web.default.svc.cluster.local' }],
      additionals: [{ type: 'A', name: 'web.default.svc.cluster.local', address: '10.96.3.4' }],
    });
    const v = view([headless], [slice('nginx', [{ ip: '10.244.1.5', pod: 'web-0' }, { ip: '10.244.2.3', pod: 'web-1' }], [{ name: 'web', port: 8080, protocol: 'TCP' }])], [statefulPod('web-0'), statefulPod('web-1')]);
    const r = answer({ name: '_web._tcp.nginx.default.svc.cluster.local', type: 'SRV' }, v);
    expect(r.answers.map((a) => (a.type === 'SRV' ? `${a.weight} ${a.port} ${a.target}` : ''))).toEqual(['50 8080 web-0.nginx.default.svc.cluster.local', '50 8080 web-1.nginx.default.svc.cluster.local']);
    expect(r.additionals.map((a) => a.name)).toEqual(['web-0.nginx.default.svc.cluster.local', 'web-1.nginx.default.svc.cluster.local']);
    expect(answer({ name: '_http._udp.web.default.svc.cluster.local', type: 'SRV' }, view([web])).rcode).toBe('NXDOMAIN');
  });

  it('pod names, ExternalName, reverse lookups, the zone itself and names outside it', () => {
    const ext = svc('db', { type: 'ExternalName', externalName: 'db.example.com' });
    const v = view([web, ext], [], []);
    expect(answer({ name: '10-244-1-7.default.pod.cluster.local', type: 'A' }, v).answers).toEqual([{ name: '10-244-1-7.default.pod.cluster.local', type: 'A', ttl: 30, address: '10.244.1.7' }]);
    expect(answer({ name: '10-244-1-999.default.pod.cluster.local', type: 'A' }, v).rcode).toBe('NXDOMAIN');
    expect(answer({ name: 'db.default.svc.cluster.local', type: 'A' }, v).answers).toEqual([{ name: 'db.default.svc.cluster.local', type: 'CNAME', ttl: 30, target: 'db.example.com' }]);
    expect(answer({ name: '4.3.96.10.in-addr.arpa', type: 'PTR' }, v).answers).toEqual([{ name: '4.3.96.10.in-addr.arpa', type: 'PTR', ttl: 30, target: 'web.default.svc.cluster.local' }]);
    expect(answer({ name: '5.3.96.10.in-addr.arpa', type: 'PTR' }, v).rcode).toBe('NXDOMAIN');
    for (const name of ['cluster.local', 'svc.cluster.local', 'default.svc.cluster.local']) expect([name, answer({ name, type: 'A' }, v).rcode]).toEqual([name, 'NOERROR']);
    expect(answer({ name: 'empty.svc.cluster.local', type: 'A' }, v).rcode).toBe('NXDOMAIN');
    expect(answer({ name: 'example.com', type: 'A' }, v)).toMatchObject({ rcode: 'SERVFAIL', authoritative: false });
  });
});
