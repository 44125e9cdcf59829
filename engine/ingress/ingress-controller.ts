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
 *  - Each request is answered by serve-request.ts: routed with the `ingress.host` and
 *    `ingress.path` parts across all Ingresses of the class, proxied to a ready endpoint of the
 *    backend Service (from its EndpointSlices) from the node's IP, or answered with nginx's 404,
 *    503, 502 or 504 page; TLS hosts on 443 only with a valid kubernetes.io/tls Secret.
 *  - It records a `Normal Sync "Scheduled for sync"` event for each new generation of an Ingress
 *    of its class, as ingress-nginx does, and reconciles every such Ingress to
 *    status.loadBalancer.ingress = the node IPs it listens on, sorted (ingress-nginx reports the
 *    addresses of the nodes its pods run on when no publish-service is set), which is what
 *    `kubectl get ingress` shows as ADDRESS.
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
