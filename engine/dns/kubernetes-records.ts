/**
 * The answers cluster DNS gives, as a pure function of the cluster's Services, EndpointSlices and
 * Pods (upstream: CoreDNS's kubernetes plugin, plugin/kubernetes, implementing the Kubernetes DNS
 * specification, kubernetes/dns docs/specification.md, version 1.1.0; kubeadm's Corefile:
 * `kubernetes cluster.local in-addr.arpa ip6.arpa { pods insecure ... ttl 30 }`).
 *
 * Names under the zone (`cluster.local`):
 *  - `<svc>.<ns>.svc.<zone>` A: a ClusterIP Service → its clusterIP; a headless Service → the
 *    addresses of its ready endpoints (NXDOMAIN while it has none); an ExternalName Service →
 *    CNAME to spec.externalName (spec 2.3.1, 2.4.1, 2.5.1);
 *  - `<hostname>.<svc>.<ns>.svc.<zone>` A: an endpoint of a headless Service whose pod has
 *    spec.hostname and spec.subdomain = <svc> (a StatefulSet's `web-0.nginx`), or named by its
 *    dashed IP (`10-244-1-5.nginx`) (spec 2.4.1);
 *  - `_<port>._<proto>.<svc>.<ns>.svc.<zone>` SRV: for each named port; for a ClusterIP Service
 *    `0 100 <port> <svc>.<ns>.svc.<zone>`, for a headless one one record per ready endpoint,
 *    target `<hostname or dashed IP>.<svc>.<ns>.svc.<zone>`, weights 100/n; the targets' A records
 *    come as additionals (spec 2.3.2, 2.4.2). An SRV question for the Service name itself lists
 *    every port;
 *  - `<a-b-c-d>.<ns>.pod.<zone>` A: a.b.c.d (CoreDNS `pods insecure`: not checked against pods);
 *  - `<zone>`, `svc.<zone>`, `<ns>.svc.<zone>` of a namespace with Services: NOERROR, no records;
 *  - a name that exists with no record of the asked type (AAAA of an IPv4 Service): NOERROR, empty
 *    — not NXDOMAIN, which says the name does not exist at all.
 * `<d>.<c>.<b>.<a>.in-addr.arpa` PTR: a ClusterIP → `<svc>.<ns>.svc.<zone>`, an endpoint address →
 * `<hostname or dashed IP>.<svc>.<ns>.svc.<zone>` (spec 2.3.3, 2.4.3).
 * Anything else would be forwarded upstream (`forward . /etc/resolv.conf`); the simulated cluster
 * has no Internet, so it is SERVFAIL. Answers in the zone are authoritative; TTL 30 s.
 */
import type { corev1, discoveryv1 } from '../api/types.ts';
import type { DnsQuestion, DnsRecord, DnsResponse } from '../runtime/dns-message.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_TTL_SECONDS = 30;

/** What the answers are computed from (CoreDNS's dnscontroller caches); listers never mutated. */
export interface DnsView {
  service(namespace: string, name: string): corev1.Service | undefined;
  /** Every Service of a namespace ('' : all namespaces). */
  services(namespace: string): corev1.Service[];
  /** The EndpointSlices of a Service (label kubernetes.io/service-name). */
  endpointSlices(namespace: string, service: string): discoveryv1.EndpointSlice[];
  pod(namespace: string, name: string): corev1.Pod | undefined;
}

/** One endpoint of a Service as DNS names it. */
interface NamedEndpoint {
  ip: string;
  /** The hostname label: the pod's spec.hostname when its subdomain is the Service, else the dashed IP. */
  label: string;
  /** True when `label` came from a hostname (only those get `<hostname>.<svc>` without the dashed form). */
  hostname: boolean;
  /** The slice's ports by name ('' for an unnamed one): the endpoint's resolved targetPorts. */
  ports: Map<string, number>;
}

/** An IPv4 address as a number, for address order. */
const ipOrder = (ip: string) => ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
const dashed = (ip: string) => ip.replace(/\./g, '-');
const isIPv4 = (ip: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) && ip.split('.').every((p) => Number(p) <= 255);

function response(rcode: DnsResponse['rcode'], answers: DnsRecord[] = [], additionals: DnsRecord[] = [], authoritative = true): DnsResponse {
  return { rcode, authoritative, answers, additionals };
}

const isHeadless = (s: corev1.Service) => s.spec?.clusterIP === 'None';

/** The ready endpoints of a Service, each once by IP, in address order. */
export function serviceEndpoints(view: DnsView, service: corev1.Service): NamedEndpoint[] {
  const ns = service.metadata?.namespace ?? '';
  const name = service.metadata?.name ?? '';
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const seen = new Map<string, NamedEndpoint>();
  for (const slice of view.endpointSlices(ns, name)) {
    if (slice.addressType && slice.addressType !== 'IPv4') continue;
    const ports = new Map((slice.ports ?? []).filter((p) => p.port !== undefined).map((p) => [p.name ?? '', p.port!] as const));
    for (const e of slice.endpoints ?? []) {
      if (!publishNotReady && e.conditions?.ready === false) continue;
      const ref = e.targetRef;
      const pod = ref?.kind === 'Pod' && ref.name ? view.pod(ref.namespace ?? ns, ref.name) : undefined;
      let hostname = e.hostname;
      if (!hostname && pod?.spec?.hostname && pod.spec.subdomain === name) hostname = pod.spec.hostname;
      for (const ip of e.addresses ?? []) {
        if (!seen.has(ip)) seen.set(ip, { ip, label: hostname ?? dashed(ip), hostname: !!hostname, ports });
      }
    }
  }
  return [...seen.values()]
    .map((e) => [ipOrder(e.ip), e] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, e]) => e);
}

function aRecord(name: string, address: string): DnsRecord {
  return { name, type: 'A', ttl: DNS_TTL_SECONDS, address };
}

// #region service-answer
/** Answers for `<svc>.<ns>.svc.<zone>`. */
function serviceAnswer(q: DnsQuestion, view: DnsView, service: corev1.Service, zone: string): DnsResponse {
  const spec = service.spec ?? {};
  const fqdn = q.name;
  if (spec.type === 'ExternalName') {
    const target = (spec.externalName ?? '').replace(/\.$/, '').toLowerCase();
    if (q.type !== 'A' && q.type !== 'CNAME' && q.type !== 'ANY' && q.type !== 'AAAA') return response('NOERROR');
    const answers: DnsRecord[] = [{ name: fqdn, type: 'CNAME', ttl: DNS_TTL_SECONDS, target }];
    // A target inside the zone is resolved here too (CoreDNS follows in-zone CNAMEs).
    if (q.type === 'A' && target.endsWith(`.${zone}`) && target !== fqdn) answers.push(...answer({ name: target, type: 'A' }, view, zone).answers);
    return response('NOERROR', answers);
  }
  const headless = isHeadless(service);
  const endpoints = headless ? serviceEndpoints(view, service) : [];
  if (headless && endpoints.length === 0) return response('NXDOMAIN');
  if (q.type === 'A' || q.type === 'ANY') {
    if (!headless) return response('NOERROR', spec.clusterIP ? [aRecord(fqdn, spec.clusterIP)] : []);
    return response('NOERROR', endpoints.map((e) => aRecord(fqdn, e.ip)));
  }
  if (q.type === 'SRV') return srvAnswer(q, service, endpoints, spec.ports ?? [], zone);
  return response('NOERROR');
}
// #endregion service-answer

function srvAnswer(q: DnsQuestion, service: corev1.Service, endpoints: NamedEndpoint[], ports: corev1.ServicePort[], zone: string): DnsResponse {
  const base = `${service.metadata?.name}.${service.metadata?.namespace}.svc.${zone}`;
  const answers: DnsRecord[] = [];
  const additionals: DnsRecord[] = [];
  for (const p of ports) {
    if (isHeadless(service)) {
      const weight = Math.floor(100 / endpoints.length);
      for (const e of endpoints) {
        const target = `${e.label}.${base}`;
        answers.push({ name: q.name, type: 'SRV', ttl: DNS_TTL_SECONDS, priority: 0, weight, port: e.ports.get(p.name ?? '') ?? (typeof p.targetPort === 'number' ? p.targetPort : p.port), target });
        if (!additionals.some((r) => r.name === target)) additionals.push(aRecord(target, e.ip));
      }
    } else {
      answers.push({ name: q.name, type: 'SRV', ttl: DNS_TTL_SECONDS, priority: 0, weight: 100, port: p.port, target: base });
      if (service.spec?.clusterIP && !additionals.length) additionals.push(aRecord(base, service.spec.clusterIP));
    }
  }
  return response('NOERROR', answers, additionals);
}

/** PTR for `d.c.b.a.in-addr.arpa`. */
function reverseAnswer(q: DnsQuestion, view: DnsView, zone: string): DnsResponse {
  const labels = q.name.split('.').slice(0, -2);
  if (labels.length !== 4) return response('NXDOMAIN');
  const ip = [...labels].reverse().join('.');
  if (!isIPv4(ip)) return response('NXDOMAIN');
  const targets: string[] = [];
  for (const s of view.services('')) {
    const base = `${s.metadata?.name}.${s.metadata?.namespace}.svc.${zone}`;
    if (s.spec?.clusterIP === ip) targets.push(base);
    for (const e of serviceEndpoints(view, s)) if (e.ip === ip) targets.push(`${e.label}.${base}`);
  }
  if (!targets.length) return response('NXDOMAIN');
  if (q.type !== 'PTR' && q.type !== 'ANY') return response('NOERROR');
  return response('NOERROR', targets.map((target) => ({ name: q.name, type: 'PTR', ttl: DNS_TTL_SECONDS, target })));
}

/** The cluster DNS's answer to one question (CoreDNS kubernetes plugin ServeDNS, then forward). */
export function answer(question: DnsQuestion, view: DnsView, zone = CLUSTER_DOMAIN): DnsResponse {
  const name = question.name.replace(/\.$/, '').toLowerCase();
  const q = { ...question, name };
  if (name.endsWith('.in-addr.arpa')) return reverseAnswer(q, view, zone);
  if (name !== zone && !name.endsWith(`.${zone}`)) return response('SERVFAIL', [], [], false);
  const labels = name === zone ? [] : name.slice(0, -(zone.length + 1)).split('.');
  const kind = labels[labels.length - 1];
  if (labels.length === 0) return response('NOERROR');

  if (kind === 'pod') {
    if (labels.length === 1) return response('NOERROR');
    if (labels.length === 2) return view.services(labels[0]!).length ? response('NOERROR') : response('NXDOMAIN');
    if (labels.length !== 3) return response('NXDOMAIN');
    const ip = labels[0]!.replace(/-/g, '.');
    if (!isIPv4(ip)) return response('NXDOMAIN');
    return response('NOERROR', q.type === 'A' || q.type === 'ANY' ? [aRecord(name, ip)] : []);
  }
  if (kind !== 'svc') return response('NXDOMAIN');
  if (labels.length === 1) return response('NOERROR');
  const ns = labels[labels.length - 2]!;
  if (labels.length === 2) return view.services(ns).length ? response('NOERROR') : response('NXDOMAIN');
  const svcName = labels[labels.length - 3]!;
  const service = view.service(ns, svcName);
  if (!service) return response('NXDOMAIN');
  if (labels.length === 3) return serviceAnswer(q, view, service, zone);

  if (labels.length === 5 && labels[0]!.startsWith('_') && labels[1]!.startsWith('_')) {
    const portName = labels[0]!.slice(1);
    const proto = labels[1]!.slice(1).toUpperCase();
    const ports = (service.spec?.ports ?? []).filter((p) => p.name?.toLowerCase() === portName && (p.protocol ?? 'TCP') === proto);
    if (!ports.length || service.spec?.type === 'ExternalName') return response('NXDOMAIN');
    const endpoints = isHeadless(service) ? serviceEndpoints(view, service) : [];
    if (isHeadless(service) && !endpoints.length) return response('NXDOMAIN');
    if (q.type !== 'SRV' && q.type !== 'ANY') return response('NOERROR');
    return srvAnswer(q, service, endpoints, ports, zone);
  }
  if (labels.length === 4 && isHeadless(service)) {
    const label = labels[0]!;
    const matches = serviceEndpoints(view, service).filter((e) => e.label === label || dashed(e.ip) === label);
    if (!matches.length) return response('NXDOMAIN');
    return response('NOERROR', q.type === 'A' || q.type === 'ANY' ? matches.map((e) => aRecord(name, e.ip)) : []);
  }
  return response('NXDOMAIN');
}
