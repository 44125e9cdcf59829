/**
 * tinykube's ingress controller: what ingress-nginx does, on the simulated network.
 *
 *  - At start it installs its IngressClass `tinykube` (controller `tinykube.io/ingress-controller`,
 *    annotated default), as applying a real controller's manifest does. It then handles the
 *    Ingresses of its class (ingress-class.ts: by ingressClassName, the deprecated annotation, or
 *    no class at all while its class is the default). Every other Ingress is ignored.
 *  - It listens on every node's InternalIP, port 80 (HTTP) and 443 (HTTPS, see below) — like
 *    ingress-nginx deployed with hostPorts on every node (kind's documented setup). A node that
 *    restarts gets its listeners back when its Node object changes.
 *  - A request is routed with the `ingress.host` part (host rules, then defaultBackend, else 404;
 *    paths with the `ingress.path` part) across all Ingresses of the class, oldest first. The
 *    backend Service's ready endpoints come from its EndpointSlices (backends.ts); one is picked
 *    round-robin (ingress-nginx's default load-balance algorithm) and the request is proxied to it
 *    over the network from the node's IP, with the Host header kept and X-Forwarded-For/-Host/
 *    -Port/-Proto and X-Real-IP added (ingress-nginx's default proxy headers). The pod's answer is
 *    returned as is.
 *  - Its own answers are nginx's pages (error-pages.ts): 500 when a part throws (reported to
 *    onError); 404 when nothing matches and there is no
 *    default backend; 503 when the backend has no ready endpoints (or no Service); 502 when no
 *    endpoint accepts the connection (up to 3 tries, proxy_next_upstream); 504 when the pod does
 *    not answer within 60 s (proxy-read-timeout). Connecting gives up after 5 s
 *    (proxy-connect-timeout).
 *  - TLS (port 443): the simulation speaks plain HTTP on 443, but only for hosts listed in an
 *    Ingress's spec.tls whose secretName names a Secret of the Ingress's namespace of type
 *    `kubernetes.io/tls` with `tls.crt` and `tls.key`; the answer carries
 *    `x-tinykube-tls-certificate: <namespace>/<secret>`. For any other host ingress-nginx would
 *    present its default "Kubernetes Ingress Controller Fake Certificate" (issued for
 *    `ingress.local`), which a client that verifies certificates refuses: the request fails with
 *    Go's `x509: certificate is valid for ingress.local, not <host>`. On port 80, a host that has
 *    such a TLS entry is redirected with 308 to https:// (ingress-nginx's ssl-redirect default),
 *    unless the Ingress is annotated `nginx.ingress.kubernetes.io/ssl-redirect: "false"`.
 *  - It records a `Normal Sync "Scheduled for sync"` event for each new generation of an Ingress
 *    of its class, as ingress-nginx does, and reconciles every such Ingress to
 *    status.loadBalancer.ingress = the node IPs it
 *    listens on, sorted (ingress-nginx reports the addresses of the nodes its pods run on when no
 *    publish-service is set), which is what `kubectl get ingress` shows as ADDRESS.
 */
import { isAlreadyExists } from '../api/errors.ts';
import type { corev1, discoveryv1, networkingv1 } from '../api/types.ts';
import { createEventRecorder, createSharedInformerFactory, ReconcileLoop, type Client, type SharedInformerFactory } from '../client/index.ts';
import { NetworkError } from '../runtime/network.ts';
import type { SimulatedNetwork } from '../runtime/simulated-network.ts';
import type { Clock } from '../util/clock.ts';
import type { Component } from '../util/component.ts';
import type { Random } from '../util/random.ts';
import { SERVICE_NAME_LABEL } from './backends.ts';
import type { IngressHostPart } from './host-rules.ts';
import { byAge, handledBy, TINYKUBE_INGRESS_CLASS, TINYKUBE_INGRESS_CONTROLLER, tinykubeIngressClass } from './ingress-class.ts';
import type { IngressPathPart } from './path-match.ts';
import { createRequestHandler, HTTP_PORT, HTTPS_PORT } from './serve-request.ts';


export interface IngressControllerOptions {
  /** Acts as `system:ingress-controller` in the trace (createCluster passes it). */
  client: Client;
  clock: Clock;
  random: Random;
  network: SimulatedNetwork;
  parts: { paths: IngressPathPart; hosts: IngressHostPart };
  /** Default `tinykube` / `tinykube.io/ingress-controller`. */
  className?: string;
  controllerName?: string;
  /** Install the default IngressClass at start (default true). */
  installIngressClass?: boolean;
  onError?: (err: unknown) => void;
}

export interface IngressController extends Component {
  /** The node IPs it listens on (ports 80 and 443), sorted. */
  addresses(): string[];
}

interface NodeListeners {
  ip: string;
  close: Array<() => void>;
}

export function createIngressController(options: IngressControllerOptions): IngressController {
  const { client, clock, network, parts } = options;
  const controller = options.controllerName ?? TINYKUBE_INGRESS_CONTROLLER;
  const className = options.className ?? TINYKUBE_INGRESS_CLASS;
  const onError = options.onError ?? (() => {});
  const listeners = new Map<string, NodeListeners>();
  let factory: SharedInformerFactory | undefined;
  let running = false;

  const informers = () => {
    if (!factory) throw new Error('ingress controller not started');
    return {
      ingresses: factory.ingresses(),
      classes: factory.ingressclasses(),
      services: factory.services(),
      slices: factory.endpointslices(),
      secrets: factory.secrets(),
      nodes: factory.nodes(),
    };
  };

  /** Every Ingress of the class, oldest first. */
  function ourIngresses(): networkingv1.Ingress[] {
    const i = informers();
    const classes = i.classes.lister().list();
    return i.ingresses.lister().list().filter((ing) => handledBy(ing, classes, controller)).sort(byAge);
  }

  function nodeIps(): string[] {
    const ips = informers()
      .nodes.lister()
      .list()
      .map((n: corev1.Node) => n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address)
      .filter((ip): ip is string => !!ip);
    return [...new Set(ips)].sort();
  }

  // ---- status: status.loadBalancer.ingress = the node IPs -------------------------------------

  const recorder = createEventRecorder(client, { component: 'tinykube-ingress-controller', clock, onError });
  /** The generation of each Ingress last announced with a Sync event. */
  const synced = new Map<string, number>();

  const statusLoop = new ReconcileLoop({
    name: 'ingress-controller',
    clock,
    reconcile: async (key) => {
      const i = informers();
      const ing = i.ingresses.lister().getByKey(key);
      if (!ing || !handledBy(ing, i.classes.lister().list(), controller)) {
        synced.delete(key);
        return;
      }
      // ingress-nginx's `Normal Sync "Scheduled for sync"` on every new spec it takes into its
      // configuration (what `kubectl describe ingress` shows under Events).
      const generation = ing.metadata?.generation ?? 0;
      if (synced.get(key) !== generation) {
        synced.set(key, generation);
        recorder.event(ing, 'Normal', 'Sync', 'Scheduled for sync');
      }
      const want = nodeIps().map((ip) => ({ ip }));
      const have = ing.status?.loadBalancer?.ingress ?? [];
      if (JSON.stringify(have) === JSON.stringify(want)) return;
      const copy = structuredClone(ing) as networkingv1.Ingress;
      copy.status = { ...copy.status, loadBalancer: { ingress: want } };
      await client.ingresses(ing.metadata?.namespace ?? 'default').updateStatus(copy);
    },
    onError: (key, err) => onError(new Error(`syncing ingress ${key}: ${err instanceof Error ? err.message : String(err)}`)),
  });
  const enqueueAll = () => {
    for (const ing of informers().ingresses.lister().list()) statusLoop.enqueueObject(ing);
  };

  // ---- listeners on every node's IP ---------------------------------------------------------

  function syncListeners(): void {
    if (!running) return;
    const ips = new Set(nodeIps());
    for (const [ip, l] of listeners) {
      if (ips.has(ip)) continue;
      for (const close of l.close) close();
      listeners.delete(ip);
    }
    for (const ip of ips) {
      const l = listeners.get(ip) ?? { ip, close: [] };
      listeners.set(ip, l);
      for (const port of [HTTP_PORT, HTTPS_PORT]) {
        // A node that went down lost its IP and every listener on it (detachIp): listening again
        // succeeds then. While ours is still there, the address is in use and nothing changes.
        if (!network.hasIp(ip)) continue;
        try {
          l.close.push(network.listen(ip, port, (req, fromIp) => serve(ip, port, req, fromIp)));
        } catch (err) {
          if (!(err instanceof NetworkError)) throw err;
        }
      }
    }
  }

  // ---- serving a request (serve-request.ts) ---------------------------------------------------

  const serve = createRequestHandler({
    network,
    parts,
    onError,
    ingresses: ourIngresses,
    secret: (ns, name) => informers().secrets.lister().get(ns, name),
    backends: {
      service: (ns, name) => informers().services.lister().get(ns, name),
      slices: (ns, svc) => informers().slices.lister().namespace(ns).list({ [SERVICE_NAME_LABEL]: svc }) as discoveryv1.EndpointSlice[],
    },
  });

  // ---- lifecycle -----------------------------------------------------------------------------

  return {
    name: 'ingress-controller',
    addresses: () => [...listeners.keys()].sort(),
    async start() {
      if (running) return;
      running = true;
      if (options.installIngressClass ?? true) {
        try {
          await client.ingressclasses().create(tinykubeIngressClass(className, controller));
        } catch (err) {
          if (!isAlreadyExists(err)) throw err;
        }
      }
      factory = createSharedInformerFactory(client, { clock, random: options.random.fork('informers'), onError });
      const i = informers();
      const ingressHandler = { onAdd: (o: networkingv1.Ingress) => statusLoop.enqueueObject(o), onUpdate: (_: networkingv1.Ingress, o: networkingv1.Ingress) => statusLoop.enqueueObject(o) };
      i.ingresses.addEventHandler(ingressHandler);
      i.classes.addEventHandler({ onAdd: enqueueAll, onUpdate: enqueueAll, onDelete: enqueueAll });
      const nodesChanged = () => {
        syncListeners();
        enqueueAll();
      };
      i.nodes.addEventHandler({ onAdd: nodesChanged, onUpdate: nodesChanged, onDelete: nodesChanged });
      void i.services;
      void i.slices;
      void i.secrets;
      factory.start();
      await factory.waitForCacheSync();
      syncListeners();
      await statusLoop.start();
    },
    async stop() {
      if (!running) return;
      running = false;
      await statusLoop.stop();
      await recorder.flush();
      for (const l of listeners.values()) for (const close of l.close) close();
      listeners.clear();
      await factory?.stop();
    },
  };
}
