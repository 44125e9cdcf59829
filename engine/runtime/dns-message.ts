/**
 * DNS as the simulated network carries it: one question, one response (RFC 1035's message,
 * reduced to what cluster DNS and its clients use). A server (the cluster DNS, engine/dns/) is a
 * function from a question to a response; clients (busybox `nslookup`, the libc resolver behind
 * `wget`) send questions to the nameserver their /etc/resolv.conf names
 * (SimulatedNetwork.dnsQuery).
 *
 * Names are absolute and written without the final dot, in lower case
 * (`web.default.svc.cluster.local`); tools add the dot when they print one.
 */

export type DnsType = 'A' | 'AAAA' | 'CNAME' | 'SRV' | 'PTR' | 'TXT' | 'NS' | 'SOA' | 'MX' | 'ANY';

export interface DnsQuestion {
  name: string;
  type: DnsType;
}

export type DnsRecord =
  | { name: string; type: 'A'; ttl: number; address: string }
  | { name: string; type: 'CNAME'; ttl: number; target: string }
  | { name: string; type: 'PTR'; ttl: number; target: string }
  | { name: string; type: 'SRV'; ttl: number; priority: number; weight: number; port: number; target: string };

/** RFC 1035 / 2136 response codes, by the names dig and nslookup print. */
export type DnsRcode = 'NOERROR' | 'FORMERR' | 'SERVFAIL' | 'NXDOMAIN' | 'NOTIMP' | 'REFUSED';

export interface DnsResponse {
  rcode: DnsRcode;
  /** The AA bit: the server is authoritative for the name (CoreDNS is, for cluster.local). */
  authoritative: boolean;
  answers: DnsRecord[];
  /** Extra records a client may use (the A records of SRV targets). */
  additionals: DnsRecord[];
}

/** A DNS server on the network: answers one question asked from `fromIp` (undefined: a node/the host). */
export type DnsServer = (question: DnsQuestion, fromIp: string | undefined) => DnsResponse | Promise<DnsResponse>;

/** The well-known port DNS is served on. */
export const DNS_PORT = 53;

/** `web.default.svc.cluster.local.` → `web.default.svc.cluster.local` (lower case, no final dot). */
export function canonicalName(name: string): string {
  return name.replace(/\.+$/, '').toLowerCase();
}
