/**
 * The cluster DNS: CoreDNS with its kubernetes plugin, as kubeadm deploys it behind the kube-dns
 * Service (10.96.0.10, port 53). It watches Services, EndpointSlices and Pods through informers
 * (never the store) and answers questions from its caches (kubernetes-records.ts), so a new
 * Service resolves as soon as the watch delivers it.
 *
 * On the simulated network it
 *  - serves DNS at 10.96.0.10:53 (SimulatedNetwork.serveDns): what busybox `nslookup` and the
 *    libc resolver of a container (engine/runtime/resolv-conf.ts, reading the /etc/resolv.conf
 *    the kubelet wrote) ask;
 *  - installs the network's Resolver (setResolver) for images that resolve without a resolv.conf:
 *    it finds the asking pod by its IP and applies that pod's ClusterFirst search path
 *    (`<ns>.svc.cluster.local svc.cluster.local cluster.local`, ndots:5); from a node or the host
 *    (fromIp undefined) names are taken as written.
 *
 * Not simulated: CoreDNS pods (the server is a cluster component, like the control plane),
 * caching and TTL expiry (answers always reflect the informers' current view), upstream
 * forwarding (no Internet: SERVFAIL), IPv6 and the deprecated `<svc>.<ns>` pod-name forms.
 */
import type { corev1, discoveryv1 } from '../api/types.ts';
import type { Client } from '../client/client.ts';
import { createSharedInformerFactory, type SharedInformerFactory } from '../client/informer-factory.ts';
import type { DnsQuestion, DnsResponse } from '../runtime/dns-message.ts';
import { lookupHost, type ResolvConf } from '../runtime/resolv-conf.ts';
import type { SimulatedNetwork } from '../runtime/simulated-network.ts';
import type { Clock } from '../util/clock.ts';
import type { Random } from '../util/random.ts';
import { answer, CLUSTER_DOMAIN, type DnsView } from './kubernetes-records.ts';

/** kubeadm's kube-dns Service IP (the kubelet's clusterDNS). */
export const CLUSTER_DNS_IP = '10.96.0.10';
const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface ClusterDnsOptions {
  /** Acts as system:kube-dns (list/watch Services, EndpointSlices, Pods). */
  client: Client;
  clock: Clock;
  random?: Random;
  network: SimulatedNetwork;
  /** Default 10.96.0.10. */
  serviceIP?: string;
  /** Default cluster.local. */
  clusterDomain?: string;
  onError?: (err: unknown) => void;
}

export interface ClusterDns {
  /** Starts the informers, waits for their caches, then serves. */
  start(): Promise<void>;
  /** Stops serving (the network's DNS and Resolver are removed) and the informers. */
  stop(): Promise<void>;
  /** One question, answered from the current caches (what a packet to :53 gets). */
  query(question: DnsQuestion, fromIp?: string): DnsResponse;
  /** The ClusterFirst resolv.conf of the pod with IP `fromIp`; undefined for a non-pod address. */
  resolvConfFor(fromIp: string | undefined): ResolvConf | undefined;
}

export function createClusterDns(options: ClusterDnsOptions): ClusterDns {
  const { client, clock, network } = options;
  const serviceIP = options.serviceIP ?? CLUSTER_DNS_IP;
  const zone = options.clusterDomain ?? CLUSTER_DOMAIN;
  let informers: SharedInformerFactory | undefined;
  let stopServing: (() => void) | undefined;

  const view = (): DnsView => {
    const f = informers!;
    const services = f.services().lister();
    const slices = f.endpointslices().lister();
    const pods = f.pods().lister();
    return {
      service: (ns, name) => services.get(ns, name),
      services: (ns) => (ns ? services.namespace(ns).list() : services.list()),
      endpointSlices: (ns, svc) => slices.namespace(ns).list().filter((s: discoveryv1.EndpointSlice) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === svc),
      pod: (ns, name) => pods.get(ns, name),
    };
  };

  const podByIp = (ip: string): corev1.Pod | undefined =>
    informers?.pods().lister().list().find((p) => p.status?.podIP === ip && !p.spec?.hostNetwork && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');

  const dns: ClusterDns = {
    async start() {
      informers = createSharedInformerFactory(client, { clock, random: options.random, onError: options.onError });
      informers.services();
      informers.endpointslices();
      informers.pods();
      informers.start();
      await informers.waitForCacheSync();
      stopServing = network.serveDns(serviceIP, (q, fromIp) => dns.query(q, fromIp));
      network.setResolver(async (name, fromIp) => {
        const conf = dns.resolvConfFor(fromIp) ?? { nameservers: [serviceIP], search: [], ndots: 1 };
        const found = await lookupHost(network, fromIp, conf, name);
        return 'ips' in found ? found.ips : found.error === 'NXDOMAIN' ? [] : undefined;
      });
    },
    async stop() {
      stopServing?.();
      stopServing = undefined;
      network.setResolver(undefined);
      await informers?.stop();
    },
    query(question) {
      if (!informers) return { rcode: 'SERVFAIL', authoritative: false, answers: [], additionals: [] };
      return answer(question, view(), zone);
    },
    resolvConfFor(fromIp) {
      const pod = fromIp ? podByIp(fromIp) : undefined;
      if (!pod) return undefined;
      const ns = pod.metadata?.namespace ?? 'default';
      return { nameservers: [serviceIP], search: [`${ns}.svc.${zone}`, `svc.${zone}`, zone], ndots: 5 };
    },
  };
  return dns;
}
