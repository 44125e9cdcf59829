/**
 * Helpers for tests that drive the ingress controller through a cluster, as a user would: apps
 * behind Services, Ingresses, and `curl -H 'Host: …' http://<nodeIP>/path` from the host
 * (network.httpRequest with no source IP, to a node's IP on port 80). Used by
 * engine/ingress/*.test.ts and the ingress exercises' grader tests.
 */
import type { appsv1, corev1, discoveryv1, networkingv1 } from '../api/types.ts';
import type { Cluster } from '../cluster/index.ts';
import { NetworkError, type HttpResponse } from '../runtime/network.ts';
import { SERVICE_NAME_LABEL } from './backends.ts';

export const AGNHOST = 'registry.k8s.io/e2e-test-images/agnhost:2.53';
const S = 1000;

export type AppKind = 'hostname' | 'nginx' | 'httpd';

/**
 * A Deployment `name` (label app=<name>) of `replicas` pods and a Service `name` port 80 (named
 * http) in front of it: agnhost serve-hostname (answers its pod name on every path, port 9376),
 * nginx or httpd (static sites on port 80).
 */
export function appObjects(name: string, kind: AppKind, replicas = 1, namespace = 'default'): { deployment: appsv1.Deployment; service: corev1.Service } {
  const container: corev1.Container =
    kind === 'hostname'
      ? { name: 'app', image: AGNHOST, args: ['serve-hostname'], ports: [{ name: 'http', containerPort: 9376 }], readinessProbe: { httpGet: { path: '/', port: 'http' }, periodSeconds: 2 } }
      : { name: 'app', image: kind === 'nginx' ? 'nginx:1.27' : 'httpd:2.4', ports: [{ name: 'http', containerPort: 80 }] };
  return {
    deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, labels: { app: name } },
      spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [container] } } },
    },
    service: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, namespace },
      spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
    },
  };
}

/** Creates the app's Deployment and Service (kubectl apply) and waits until `replicas` endpoints are ready. */
export async function deployApp(c: Cluster, name: string, kind: AppKind, replicas = 1, namespace = 'default'): Promise<void> {
  const { deployment, service } = appObjects(name, kind, replicas, namespace);
  const api = c.client('kubectl');
  await api.deployments(namespace).create(deployment);
  await api.services(namespace).create(service);
  await waitForReadyEndpoints(c, namespace, name, replicas);
}

/** Drives the clock until the Service's EndpointSlices list `n` ready endpoints; throws otherwise. */
export async function waitForReadyEndpoints(c: Cluster, namespace: string, service: string, n: number, timeoutMs = 180 * S): Promise<void> {
  const count = async () => {
    const slices = await c.client().endpointslices(namespace).list({ labelSelector: `${SERVICE_NAME_LABEL}=${service}` });
    return slices.items.flatMap((s: discoveryv1.EndpointSlice) => s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length;
  };
  if (!(await c.clock.runUntil(async () => (await count()) === n, { timeoutMs }))) {
    throw new Error(`Service ${namespace}/${service} has ${await count()} ready endpoints after ${timeoutMs / S} s of cluster time, expected ${n}`);
  }
}

type PathSpec = [pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific', path: string, service: string];

/** An Ingress with one rule per [host, paths] entry (host undefined: no host); backends on port 80. */
export function ingressObject(
  name: string,
  rules: Array<[string | undefined, PathSpec[]]>,
  extra: { className?: string; defaultService?: string; tls?: networkingv1.IngressTLS[]; namespace?: string; annotations?: Record<string, string> } = {},
): networkingv1.Ingress {
  const backend = (service: string): networkingv1.IngressBackend => ({ service: { name: service, port: { number: 80 } } });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace: extra.namespace ?? 'default', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      ...(extra.className ? { ingressClassName: extra.className } : {}),
      ...(extra.defaultService ? { defaultBackend: backend(extra.defaultService) } : {}),
      ...(extra.tls ? { tls: extra.tls } : {}),
      rules: rules.map(([host, paths]) => ({ ...(host !== undefined ? { host } : {}), http: { paths: paths.map(([pathType, path, svc]) => ({ pathType, path, backend: backend(svc) })) } })),
    },
  };
}

/** The IP of node `index` (0-based), where the ingress controller listens. */
export function nodeIp(c: Cluster, index = 0): string {
  const node = c.nodes.list()[index];
  if (!node) throw new Error(`the cluster has no node #${index}`);
  return node.spec.nodeIP;
}

export interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** Set when the request failed below HTTP (connection refused, TLS, timeout). */
  error?: string;
}

/** `curl -H 'Host: <host>' http://<nodeIP>:<port><path>` from the host. */
export async function curl(c: Cluster, host: string, path: string, options: { port?: number; node?: number; method?: string } = {}): Promise<Answer> {
  try {
    const r: HttpResponse = await c.network.httpRequest(undefined, nodeIp(c, options.node ?? 0), options.port ?? 80, { method: options.method ?? 'GET', path, headers: { host, 'user-agent': 'curl/8.5.0', accept: '*/*' } }, 10 * S);
    return { status: r.status, body: r.body, headers: r.headers };
  } catch (err) {
    if (err instanceof NetworkError) return { status: 0, body: '', headers: {}, error: err.message };
    throw err;
  }
}

/** Pod names of the app `name` (label app=<name>), sorted. */
export async function podsOf(c: Cluster, name: string, namespace = 'default'): Promise<string[]> {
  return (await c.client().pods(namespace).list({ labelSelector: `app=${name}` })).items.map((p) => p.metadata!.name!).sort();
}

/** Drives the clock until `curl` answers with a body satisfying `ok` (the controller saw the change). */
export async function waitForAnswer(c: Cluster, host: string, path: string, ok: (a: Answer) => boolean, timeoutMs = 30 * S): Promise<Answer> {
  let last: Answer | undefined;
  const done = await c.clock.runUntil(async () => ok((last = await curl(c, host, path))), { timeoutMs });
  if (!done) throw new Error(`curl -H 'Host: ${host}' http://${nodeIp(c)}${path} still answers ${last?.status} ${JSON.stringify(last?.error ?? last?.body.slice(0, 120))} after ${timeoutMs / S} s of cluster time`);
  return last!;
}

/**
 * Which serve-hostname app answered `curl -H 'Host: <host>' http://<nodeIP><path>`: the app whose
 * pods are named `<app>-…` (Deployment pods), else `<status>` (e.g. `404`, `503`) or the error.
 */
export async function answeredBy(c: Cluster, host: string, path: string, apps: readonly string[]): Promise<string> {
  const a = await curl(c, host, path);
  if (a.error) return a.error;
  const app = a.status === 200 ? apps.find((name) => a.body.startsWith(`${name}-`)) : undefined;
  return app ?? String(a.status);
}

/**
 * Drives the clock until every Ingress of `namespace` shows an ADDRESS (status.loadBalancer):
 * the controller has seen them all, so requests are routed with the current rules.
 */
export async function waitForIngressAddresses(c: Cluster, namespace = 'default', timeoutMs = 30 * S): Promise<void> {
  const pending = async () => (await c.client().ingresses(namespace).list()).items.filter((i) => !i.status?.loadBalancer?.ingress?.length).map((i) => i.metadata!.name!);
  if (!(await c.clock.runUntil(async () => (await pending()).length === 0, { timeoutMs }))) {
    throw new Error(`Ingresses ${(await pending()).join(', ')} still have no ADDRESS after ${timeoutMs / S} s of cluster time: the ingress controller did not take them`);
  }
}
