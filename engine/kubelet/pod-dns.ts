/**
 * A pod's DNS settings, as the kubelet hands them to the runtime (upstream
 * pkg/kubelet/network/dns/dns.go Configurer.GetPodDNS, with kubeadm's KubeletConfiguration
 * clusterDNS [10.96.0.10] and clusterDomain cluster.local). The runtime writes them as the
 * containers' /etc/resolv.conf (engine/runtime/resolv-conf.ts).
 *
 * By spec.dnsPolicy:
 *  - ClusterFirst (the default): the cluster DNS, search `<ns>.svc.<domain> svc.<domain> <domain>`,
 *    options ndots:5 — except for a hostNetwork pod, which falls back to Default;
 *  - ClusterFirstWithHostNet: the cluster DNS, hostNetwork or not;
 *  - Default: the node's resolver (the simulated nodes have none: an empty configuration);
 *  - None: only what spec.dnsConfig says.
 * spec.dnsConfig is then merged in (appendDNSConfig): its nameservers and searches appended
 * (duplicates dropped), its options override same-named ones.
 */
import type { corev1 } from '../api/types.ts';
import type { DNSConfig } from '../runtime/cri.ts';

export const DEFAULT_CLUSTER_DNS = ['10.96.0.10'];
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

export interface ClusterDNSSettings {
  clusterDNS?: string[];
  clusterDomain?: string;
}

export function podDNSConfig(pod: corev1.Pod, settings: ClusterDNSSettings = {}): DNSConfig {
  const servers = settings.clusterDNS ?? DEFAULT_CLUSTER_DNS;
  const domain = settings.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN;
  const ns = pod.metadata?.namespace ?? 'default';
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const clusterFirst = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && pod.spec?.hostNetwork !== true);
  const dns: DNSConfig = clusterFirst ? { servers: [...servers], searches: [`${ns}.svc.${domain}`, `svc.${domain}`, domain], options: ['ndots:5'] } : { servers: [], searches: [], options: [] };
  const extra = pod.spec?.dnsConfig;
  if (!extra) return dns;
  for (const s of extra.nameservers ?? []) if (!dns.servers.includes(s)) dns.servers.push(s);
  for (const s of extra.searches ?? []) if (!dns.searches.includes(s)) dns.searches.push(s);
  for (const o of extra.options ?? []) {
    const text = o.value !== undefined ? `${o.name}:${o.value}` : (o.name ?? '');
    const at = dns.options.findIndex((x) => x.split(':')[0] === o.name);
    if (at >= 0) dns.options[at] = text;
    else if (text) dns.options.push(text);
  }
  return dns;
}
