/** The DNS settings the kubelet gives a pod's sandbox, by dnsPolicy (GetPodDNS). */
import { describe, expect, it } from 'vitest';
import type { corev1 } from '../api/types.ts';
import { podDNSConfig } from './pod-dns.ts';

const pod = (spec: Partial<corev1.PodSpec> = {}, namespace = 'shop'): corev1.Pod => ({ metadata: { name: 'p', namespace }, spec: { containers: [], ...spec } });

describe('pod DNS config', () => {
  it('ClusterFirst (the default): the cluster DNS, the namespace search path, ndots:5', () => {
    expect(podDNSConfig(pod())).toEqual({ servers: ['10.96.0.10'], searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], options: ['ndots:5'] });
  });

  it('a hostNetwork pod falls back to the node resolver unless its policy is ClusterFirstWithHostNet', () => {
    expect(podDNSConfig(pod({ hostNetwork: true }))).toEqual({ servers: [], searches: [], options: [] });
    expect(podDNSConfig(pod({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' })).servers).toEqual(['10.96.0.10']);
    expect(podDNSConfig(pod({ dnsPolicy: 'Default' })).servers).toEqual([]);
  });

  it('dnsPolicy None uses only spec.dnsConfig; dnsConfig otherwise appends servers and searches and overrides options', () => {
    const dnsConfig = { nameservers: ['192.0.2.1'], searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] };
    expect(podDNSConfig(pod({ dnsPolicy: 'None', dnsConfig }))).toEqual({ servers: ['192.0.2.1'], searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'], options: ['ndots:2', 'edns0'] });
    expect(podDNSConfig(pod({ dnsConfig }))).toEqual({
      servers: ['10.96.0.10', '192.0.2.1'],
      searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'ns1.svc.cluster-domain.example', 'my.dns.search.suffix'],
      options: ['ndots:2', 'edns0'],
    });
  });
});
