/**
 * /etc/resolv.conf and the stub resolver that reads it — the libc side of DNS in a container.
 *
 * The kubelet computes a pod's DNS settings (pkg/kubelet/network/dns/dns.go GetPodDNS: for the
 * default dnsPolicy ClusterFirst, `nameserver <clusterDNS>`, `search <ns>.svc.<domain>
 * svc.<domain> <domain>`, `options ndots:5`) and hands them to the runtime in the sandbox config;
 * containerd writes them in this order (internal/cri/server sandbox_run parseDNSOptions):
 *
 *   search default.svc.cluster.local svc.cluster.local cluster.local
 *   nameserver 10.96.0.10
 *   options ndots:5
 *
 * getaddrinfo then expands a short name with the search list (glibc res_search): a name with at
 * least `ndots` dots (or a final dot) is tried as written first; otherwise each search domain is
 * tried first and the name as written last. So from a pod in `default`, `web` and `web.default`
 * both find `web.default.svc.cluster.local`, while `example.com` costs four lookups before the
 * real one — the well-known price of ndots:5.
 */
import type { DNSConfig } from './cri.ts';
import { canonicalName, type DnsRecord, type DnsResponse } from './dns-message.ts';
import { NetworkError } from './network.ts';
import type { SimulatedNetwork } from './simulated-network.ts';

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  /** options ndots:N; libc's default is 1. */
  ndots: number;
}

/** The file the runtime writes for a sandbox's DNSConfig. */
export function formatResolvConf(dns: DNSConfig): string {
  let text = '';
  if (dns.searches.length) text += `search ${dns.searches.join(' ')}\n`;
  for (const s of dns.servers) text += `nameserver ${s}\n`;
  if (dns.options.length) text += `options ${dns.options.join(' ')}\n`;
  return text;
}

/** Reads resolv.conf text (resolv.conf(5)): nameserver lines in order, the last search/domain line, options ndots. */
export function parseResolvConf(text: string | undefined): ResolvConf {
  const conf: ResolvConf = { nameservers: [], search: [], ndots: 1 };
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const [key, ...values] = line.split(/\s+/);
    if (key === 'nameserver' && values[0]) conf.nameservers.push(values[0]);
    else if (key === 'search') conf.search = values.filter(Boolean);
    else if (key === 'domain' && values[0]) conf.search = [values[0]];
    else if (key === 'options') {
      for (const o of values) {
        const m = /^ndots:(\d+)$/.exec(o);
        if (m) conf.ndots = Math.min(Number(m[1]), 15);
      }
    }
  }
  return conf;
}

// #region search-candidates
/** The absolute names getaddrinfo tries for `name`, in order (glibc res_search). */
export function searchCandidates(name: string, conf: Pick<ResolvConf, 'search' | 'ndots'>): string[] {
  if (name.endsWith('.')) return [canonicalName(name)];
  const asIs = canonicalName(name);
  const dots = (name.match(/\./g) ?? []).length;
  const searched = conf.search.map((d) => canonicalName(`${name}.${d}`));
  return dots >= conf.ndots ? [asIs, ...searched.filter((n) => n !== asIs)] : [...searched.filter((n) => n !== asIs), asIs];
}
// #endregion search-candidates

export type LookupResult = { ips: string[]; name: string } | { error: 'NXDOMAIN' | 'unreachable' };

/** The A records of `response` for `name`, following CNAMEs the response itself answers. */
export function addressesOf(response: DnsResponse, name: string): string[] {
  const records: DnsRecord[] = [...response.answers, ...response.additionals];
  let current = name;
  for (let hops = 0; hops < 8; hops++) {
    const a = records.filter((r): r is Extract<DnsRecord, { type: 'A' }> => r.type === 'A' && r.name === current).map((r) => r.address);
    if (a.length) return a;
    const cname = records.find((r) => r.type === 'CNAME' && r.name === current);
    if (!cname || cname.type !== 'CNAME') return [];
    current = cname.target;
  }
  return [];
}

/**
 * getaddrinfo(name) for IPv4 in a container whose resolv.conf is `conf`: the search candidates
 * in order, each asked of the nameservers in order, until one has addresses. `unreachable` when
 * no nameserver answered at all, NXDOMAIN when they answered but no candidate has an address.
 */
export async function lookupHost(network: SimulatedNetwork, fromIp: string | undefined, conf: ResolvConf, name: string): Promise<LookupResult> {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return { ips: [name], name };
  let answered = false;
  for (const candidate of searchCandidates(name, conf)) {
    for (const server of conf.nameservers) {
      let response: DnsResponse;
      try {
        response = await network.dnsQuery(fromIp, server, { name: candidate, type: 'A' });
      } catch (err) {
        if (err instanceof NetworkError) continue;
        throw err;
      }
      answered = true;
      const ips = addressesOf(response, candidate);
      if (ips.length) return { ips, name: candidate };
      break; // an answer (even NXDOMAIN) from one server is final for this candidate
    }
  }
  return { error: answered ? 'NXDOMAIN' : 'unreachable' };
}

/** What a resolver needs of a container: its files (for /etc/resolv.conf), its network and its IP. */
export interface ResolverHost {
  readonly fs: { readFile(path: string): string | undefined };
  readonly network: SimulatedNetwork;
  readonly podIp?: string;
}

/**
 * The container's libc getaddrinfo: the nameservers and search path of its /etc/resolv.conf (which
 * the kubelet wrote), or — in a container without one — the network's Resolver. Undefined when
 * the name does not resolve. busybox wget and curl both resolve this way.
 */
export async function getaddrinfo(host: ResolverHost, name: string): Promise<string[] | undefined> {
  const conf = parseResolvConf(host.fs.readFile('/etc/resolv.conf'));
  if (!conf.nameservers.length) return host.network.resolve(name, host.podIp);
  const found = await lookupHost(host.network, host.podIp, conf, name);
  return 'ips' in found ? found.ips : undefined;
}
