/**
 * The ingress controller through a whole cluster, as a user sees it: Ingresses applied with the
 * API, requests sent with `curl -H 'Host: …' http://<nodeIP>/path` from the host, answers from
 * the pods behind the Services (agnhost serve-hostname answers its own pod name).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster/index.ts';
import type { HttpRequest } from '../runtime/network.ts';
import { curl, deployApp, ingressObject, nodeIp, podsOf, waitForAnswer } from './testing.ts';
import { TINYKUBE_INGRESS_CLASS } from './ingress-class.ts';

const NS = 'default';
const S = 1000;
let c: Cluster | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

async function cluster(): Promise<Cluster> {
  c = await createCluster({ nodes: 2 });
  return c;
}

describe('the ingress controller', () => {
  it('installs the default IngressClass tinykube', async () => {
    const cl = await cluster();
    const ic = await cl.client().ingressclasses().get(TINYKUBE_INGRESS_CLASS);
    expect(ic.spec?.controller).toBe('tinykube.io/ingress-controller');
    expect(ic.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class']).toBe('true');
  });

  it('routes two hosts and two paths to two Services, and reports the node IPs as its address', async () => {
    const cl = await cluster();
    await deployApp(cl, 'hostnames', 'hostname', 2);
    await deployApp(cl, 'web', 'nginx');
    await deployApp(cl, 'apache', 'httpd');
    await cl.client('kubectl').ingresses(NS).create(
      ingressObject('demo', [
        ['foo.example.com', [['Prefix', '/', 'web'], ['Prefix', '/who', 'hostnames']]],
        ['bar.example.com', [['Prefix', '/', 'apache'], ['Exact', '/nginx', 'web']]],
      ]),
    );
    await waitForAnswer(cl, 'foo.example.com', '/', (a) => a.status === 200);
    expect((await curl(cl, 'foo.example.com', '/')).body).toContain('Welcome to nginx!');
    const who = await curl(cl, 'foo.example.com', '/who/am/i');
    expect(await podsOf(cl, 'hostnames')).toContain(who.body);
    expect((await curl(cl, 'bar.example.com', '/')).body).toContain('It works!');
    // Exact /nginx reaches nginx — which has no file /nginx: the pod's own 404 (no path rewriting).
    const exact = await curl(cl, 'bar.example.com:80', '/nginx');
    expect([exact.status, exact.headers.server]).toEqual([404, 'nginx/1.27.3']);
    // Exact: /nginx/ is not /nginx, so Prefix / (httpd) answers — with its own 404 for that file.
    expect((await curl(cl, 'bar.example.com', '/nginx/')).headers.server).toMatch(/^Apache/);
    // Every node answers.
    expect((await curl(cl, 'foo.example.com', '/', { node: 1 })).body).toContain('Welcome to nginx!');
    await cl.clock.advance(1 * S);
    const ing = await cl.client().ingresses(NS).get('demo');
    expect(ing.status?.loadBalancer?.ingress).toEqual([{ ip: nodeIp(cl, 0) }, { ip: nodeIp(cl, 1) }]);
    // kubectl describe ingress: Events.
    const events = (await cl.client().events(NS).list()).items.filter((e) => e.involvedObject?.kind === 'Ingress' && e.involvedObject.name === 'demo');
    expect(events.map((e) => [e.type, e.reason, e.message, e.source?.component])).toEqual([['Normal', 'Sync', 'Scheduled for sync', 'tinykube-ingress-controller']]);
  });

  it('a wildcard host covers one label; a request nothing matches gets the controller 404 page', async () => {
    const cl = await cluster();
    await deployApp(cl, 'hostnames', 'hostname');
    await cl.client('kubectl').ingresses(NS).create(ingressObject('wild', [['*.example.com', [['Prefix', '/', 'hostnames']]]]));
    const ok = await waitForAnswer(cl, 'shop.example.com', '/', (a) => a.status === 200);
    expect(await podsOf(cl, 'hostnames')).toEqual([ok.body]);
    for (const host of ['a.shop.example.com', 'example.com', 'other.org']) {
      const a = await curl(cl, host, '/');
      expect([host, a.status, a.headers.server]).toEqual([host, 404, 'nginx']);
      expect(a.body).toContain('<head><title>404 Not Found</title></head>');
    }
  });

  it('the longest path wins, and Exact beats Prefix on a tie', async () => {
    const cl = await cluster();
    await deployApp(cl, 'web', 'nginx');
    await deployApp(cl, 'apache', 'httpd');
    await deployApp(cl, 'hostnames', 'hostname');
    await cl.client('kubectl').ingresses(NS).create(
      ingressObject('paths', [['app.test', [['Prefix', '/', 'web'], ['Prefix', '/api', 'apache'], ['Exact', '/api', 'hostnames'], ['Prefix', '/api/v2', 'hostnames']]]]),
    );
    await waitForAnswer(cl, 'app.test', '/', (a) => a.status === 200);
    const server = async (path: string) => {
      const a = await curl(cl, 'app.test', path);
      return a.headers.server ?? (a.headers['content-type']?.startsWith('text/plain') ? 'agnhost' : '?');
    };
    expect([await server('/'), await server('/apix'), await server('/api'), await server('/api/'), await server('/api/v1'), await server('/api/v2/x')]).toEqual([
      'nginx/1.27.3',
      'nginx/1.27.3',
      'agnhost',
      'Apache/2.4.62 (Unix)',
      'Apache/2.4.62 (Unix)',
      'agnhost',
    ]);
  });

  it('defaultBackend answers what no rule matches', async () => {
    const cl = await cluster();
    await deployApp(cl, 'web', 'nginx');
    await deployApp(cl, 'hostnames', 'hostname');
    await cl.client('kubectl').ingresses(NS).create(ingressObject('with-default', [['foo.test', [['Exact', '/who', 'hostnames']]]], { defaultService: 'web' }));
    await waitForAnswer(cl, 'foo.test', '/who', (a) => a.status === 200);
    expect(await podsOf(cl, 'hostnames')).toContain((await curl(cl, 'foo.test', '/who')).body);
    expect((await curl(cl, 'foo.test', '/')).body).toContain('Welcome to nginx!');
    expect((await curl(cl, 'unknown.test', '/index.html')).body).toContain('Welcome to nginx!');
  });

  it('answers 503 when the backend Service has no ready endpoints, or does not exist', async () => {
    const cl = await cluster();
    await deployApp(cl, 'hostnames', 'hostname');
    await cl.client('kubectl').ingresses(NS).create(ingressObject('down', [['svc.test', [['Prefix', '/', 'hostnames'], ['Prefix', '/missing', 'nope']]]]));
    await waitForAnswer(cl, 'svc.test', '/', (a) => a.status === 200);
    const missing = await curl(cl, 'svc.test', '/missing');
    expect(missing.status).toBe(503);
    expect(missing.body).toContain('503 Service Temporarily Unavailable');
    await cl.client('kubectl').deployments(NS).patch('hostnames', 'merge', { spec: { replicas: 0 } });
    const down = await waitForAnswer(cl, 'svc.test', '/', (a) => a.status !== 200, 120 * S);
    expect([down.status, down.headers.server]).toEqual([503, 'nginx']);
  });

  it('spreads requests over the ready pods of a Service, round-robin', async () => {
    const cl = await cluster();
    await deployApp(cl, 'hostnames', 'hostname', 3);
    await cl.client('kubectl').ingresses(NS).create(ingressObject('rr', [[undefined, [['Prefix', '/', 'hostnames']]]]));
    await waitForAnswer(cl, 'any.host', '/', (a) => a.status === 200);
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) seen.push((await curl(cl, nodeIp(cl), '/')).body);
    expect(new Set(seen)).toEqual(new Set(await podsOf(cl, 'hostnames')));
  });

  it('passes the Host header on and adds X-Forwarded-For, X-Forwarded-Host and X-Real-IP, proxying from the node IP to the EndpointSlice address', async () => {
    const cl = await cluster();
    const api = cl.client('kubectl');
    // A Service without selector and a hand-written EndpointSlice pointing at an echo server.
    const seen: Array<{ req: HttpRequest; from: string | undefined }> = [];
    cl.network.attachIp('10.250.0.9', 'test/echo');
    cl.network.listen('10.250.0.9', 8080, (req, from) => {
      seen.push({ req, from });
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: 'echo' };
    });
    await api.services(NS).create({ metadata: { name: 'echo' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
    await api.endpointslices(NS).create({
      metadata: { name: 'echo-1', labels: { 'kubernetes.io/service-name': 'echo' } },
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.250.0.9'], conditions: { ready: true } }],
    });
    await api.ingresses(NS).create(ingressObject('echo', [['echo.test', [['Prefix', '/', 'echo']]]]));
    await waitForAnswer(cl, 'echo.test:8080', '/hello?x=1', (a) => a.body === 'echo');
    const last = seen.at(-1)!;
    expect(last.from).toBe(nodeIp(cl));
    expect(last.req.path).toBe('/hello?x=1');
    expect(last.req.headers).toMatchObject({ host: 'echo.test:8080', 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', 'x-forwarded-host': 'echo.test', 'x-forwarded-proto': 'http', 'user-agent': 'curl/8.5.0' });
  });

  it('ignores an Ingress of another class, and stops serving class-less Ingresses when its class is no longer the default', async () => {
    const cl = await cluster();
    const api = cl.client('kubectl');
    await deployApp(cl, 'web', 'nginx');
    await api.ingressclasses().create({ metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } });
    await api.ingresses(NS).create(ingressObject('theirs', [['theirs.test', [['Prefix', '/', 'web']]]], { className: 'nginx' }));
    await api.ingresses(NS).create(ingressObject('unknown-class', [['unknown.test', [['Prefix', '/', 'web']]]], { className: 'does-not-exist' }));
    await api.ingresses(NS).create(ingressObject('classless', [['classless.test', [['Prefix', '/', 'web']]]]));
    await api.ingresses(NS).create(ingressObject('ours', [['ours.test', [['Prefix', '/', 'web']]]], { className: TINYKUBE_INGRESS_CLASS }));
    await waitForAnswer(cl, 'ours.test', '/', (a) => a.status === 200);
    expect((await curl(cl, 'classless.test', '/')).status).toBe(200);
    expect((await curl(cl, 'theirs.test', '/')).status).toBe(404);
    expect((await curl(cl, 'unknown.test', '/')).status).toBe(404);
    await cl.clock.advance(2 * S);
    expect((await api.ingresses(NS).get('theirs')).status?.loadBalancer?.ingress ?? []).toEqual([]);
    expect((await api.ingresses(NS).get('ours')).status?.loadBalancer?.ingress).toHaveLength(2);
    await api.ingressclasses().patch(TINYKUBE_INGRESS_CLASS, 'merge', { metadata: { annotations: { 'ingressclass.kubernetes.io/is-default-class': null } } });
    await waitForAnswer(cl, 'classless.test', '/', (a) => a.status === 404);
    expect((await curl(cl, 'ours.test', '/')).status).toBe(200);
  });

  it('changes to an Ingress take effect: a new backend, a new path, and deletion', async () => {
    const cl = await cluster();
    const api = cl.client('kubectl');
    await deployApp(cl, 'web', 'nginx');
    await deployApp(cl, 'apache', 'httpd');
    await api.ingresses(NS).create(ingressObject('live', [['live.test', [['Prefix', '/', 'web']]]]));
    await waitForAnswer(cl, 'live.test', '/', (a) => a.body.includes('Welcome to nginx!'));
    const ing = await api.ingresses(NS).get('live');
    ing.spec!.rules![0]!.http!.paths[0]!.backend.service!.name = 'apache';
    await api.ingresses(NS).update(ing);
    await waitForAnswer(cl, 'live.test', '/', (a) => a.body.includes('It works!'));
    await api.ingresses(NS).delete('live');
    const gone = await waitForAnswer(cl, 'live.test', '/', (a) => a.status === 404);
    expect(gone.headers.server).toBe('nginx');
  });

  it('serves a TLS host on 443 with its kubernetes.io/tls Secret, redirects it from 80, and refuses hosts without a valid certificate', async () => {
    const cl = await cluster();
    const api = cl.client('kubectl');
    await deployApp(cl, 'web', 'nginx');
    const b64 = (s: string) => btoa(s);
    await api.secrets(NS).create({ metadata: { name: 'secure-tls' }, type: 'kubernetes.io/tls', data: { 'tls.crt': b64('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'), 'tls.key': b64('-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n') } });
    await api.secrets(NS).create({ metadata: { name: 'opaque' }, type: 'Opaque', data: { 'tls.crt': b64('x'), 'tls.key': b64('y') } });
    await api.ingresses(NS).create(
      ingressObject(
        'tls',
        [
          ['secure.test', [['Prefix', '/', 'web']]],
          ['nosecret.test', [['Prefix', '/', 'web']]],
          ['opaque.test', [['Prefix', '/', 'web']]],
          ['plain.test', [['Prefix', '/', 'web']]],
        ],
        { tls: [{ hosts: ['secure.test'], secretName: 'secure-tls' }, { hosts: ['nosecret.test'], secretName: 'missing' }, { hosts: ['opaque.test'], secretName: 'opaque' }] },
      ),
    );
    await waitForAnswer(cl, 'plain.test', '/', (a) => a.status === 200);
    const https = await curl(cl, 'secure.test', '/index.html', { port: 443 });
    expect(https.status).toBe(200);
    expect(https.body).toContain('Welcome to nginx!');
    expect(https.headers['x-tinykube-tls-certificate']).toBe('default/secure-tls');
    const http = await curl(cl, 'secure.test', '/a?b=1');
    expect([http.status, http.headers.location]).toEqual([308, 'https://secure.test/a?b=1']);
    for (const host of ['nosecret.test', 'opaque.test', 'plain.test']) {
      expect((await curl(cl, host, '/', { port: 443 })).error).toBe(`tls: failed to verify certificate: x509: certificate is valid for ingress.local, not ${host}`);
      expect((await curl(cl, host, '/')).status).toBe(200);
    }
  });

  it('listens again on a node that was stopped and started', async () => {
    const cl = await cluster();
    await deployApp(cl, 'web', 'nginx');
    await cl.client('kubectl').ingresses(NS).create(ingressObject('n', [[undefined, [['Prefix', '/', 'web']]]]));
    await waitForAnswer(cl, 'x', '/', (a) => a.status === 200);
    const node2 = cl.nodes.list()[1]!.name;
    await cl.nodes.stop(node2);
    expect((await curl(cl, 'x', '/', { node: 0 })).status).toBe(200);
    await cl.nodes.start(node2);
    const ok = await cl.clock.runUntil(async () => (await curl(cl, 'x', '/', { node: 1 })).status === 200, { timeoutMs: 60 * S });
    expect(ok).toBe(true);
  });

  it('answers 500 and reports the error when its routing part throws', async () => {
    c = await createCluster({
      nodes: 1,
      parts: {
        'ingress.host': {
          matchHost: () => true,
          route: () => {
            throw new Error('TODO: ingress.host route');
          },
        },
      },
    });
    const cl = c;
    await cl.client('kubectl').ingresses(NS).create(ingressObject('x', [[undefined, [['Prefix', '/', 'web']]]]));
    await cl.clock.advance(1 * S);
    const a = await curl(cl, 'any', '/');
    expect([a.status, a.body.includes('500 Internal Server Error')]).toEqual([500, true]);
    expect(cl.errors().map((e) => `${e.component}: ${e.message}`)).toContain('ingress-controller: routing GET any/: TODO: ingress.host route');
  });

  it('honours the deprecated kubernetes.io/ingress.class annotation, and treats ImplementationSpecific as Prefix', async () => {
    const cl = await cluster();
    const api = cl.client('kubectl');
    await deployApp(cl, 'web', 'nginx');
    await api.ingresses(NS).create(ingressObject('annotated-ours', [['a.test', [['ImplementationSpecific', '/app', 'web']]]], { annotations: { 'kubernetes.io/ingress.class': 'tinykube' } }));
    await api.ingresses(NS).create(ingressObject('annotated-theirs', [['b.test', [['Prefix', '/', 'web']]]], { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }));
    await waitForAnswer(cl, 'a.test', '/app', (a) => a.status !== 404 || a.headers.server !== 'nginx');
    const served = async (host: string, path: string) => (await curl(cl, host, path)).headers.server;
    // nginx/1.27.3 (the pod, even with its own 404) means the request was routed; plain nginx is the controller.
    expect([await served('a.test', '/app'), await served('a.test', '/app/x'), await served('a.test', '/apps'), await served('b.test', '/')]).toEqual(['nginx/1.27.3', 'nginx/1.27.3', 'nginx', 'nginx']);
  });

  it('answers 502 when no endpoint accepts the connection, and 504 when the pod does not answer within 60 s', async () => {
    const cl = await cluster();
    const api = cl.client('kubectl');
    cl.network.attachIp('10.250.0.7', 'test/refusing');
    cl.network.attachIp('10.250.0.8', 'test/silent');
    cl.network.listen('10.250.0.8', 8080, () => new Promise(() => {}));
    for (const [name, ip] of [['refusing', '10.250.0.7'], ['silent', '10.250.0.8']] as const) {
      await api.services(NS).create({ metadata: { name }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] } });
      await api.endpointslices(NS).create({
        metadata: { name: `${name}-1`, labels: { 'kubernetes.io/service-name': name } },
        addressType: 'IPv4',
        ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
        endpoints: [{ addresses: [ip], conditions: { ready: true } }],
      });
    }
    await api.ingresses(NS).create(ingressObject('broken', [['broken.test', [['Prefix', '/refused', 'refusing'], ['Prefix', '/silent', 'silent']]]]));
    const refused = await waitForAnswer(cl, 'broken.test', '/refused', (a) => a.status !== 404);
    expect([refused.status, refused.body.includes('502 Bad Gateway')]).toEqual([502, true]);
    const pending = c!.network.httpRequest(undefined, nodeIp(cl), 80, { method: 'GET', path: '/silent', headers: { host: 'broken.test' } }, 120 * S);
    await cl.clock.advance(61 * S);
    const silent = await pending;
    expect([silent.status, silent.body.includes('504 Gateway Time-out')]).toEqual([504, true]);
  });
});

