import { describe, expect, it } from 'vitest';
import { containerLifecycle } from '../../../solutions/runtime/container-lifecycle.ts';
import { parseImageReference } from '../../../solutions/runtime/image-reference.ts';
import { containerConfig, createRuntimeHarness, runContainer, sandboxConfig, type RuntimeHarness } from '../testing.ts';
import { createVolume } from '../volume.ts';
import { nginxFamily } from './nginx.ts';
import { resolveMount } from '../../../solutions/volume/mounts.ts';

const parts = { containerLifecycle, parseImageReference, resolveMount };
const AGNHOST = 'registry.k8s.io/e2e-test-images/agnhost:2.40';

async function podIp(h: RuntimeHarness, sandboxId: string) {
  return (await h.runtime.podSandboxStatus(sandboxId)).ip;
}

describe('image catalog programs', () => {
  it('httpd serves "It works!" from htdocs and logs Common Log Format lines', async () => {
    const h = createRuntimeHarness(parts);
    const { sandboxId, containerId } = await runContainer(h, sandboxConfig('apache'), containerConfig('httpd', 'httpd:2.4'));
    const res = await h.network.httpRequest('10.244.1.99', await podIp(h, sandboxId), 80, { method: 'GET', path: '/', headers: {} }, 1000);
    expect(res.body).toBe('<html><body><h1>It works!</h1></body></html>\n');
    const logs = await h.runtime.readLogs(containerId);
    expect(logs.map((l) => l.line)).toContainEqual(expect.stringMatching(/^10\.244\.1\.99 - - \[01\/Jan\/2025:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 45$/));
    expect(logs.find((l) => l.line.includes('AH00094'))?.stream).toBe('stderr');
  });

  it('httpd serves a page from a volume mounted over htdocs', async () => {
    const h = createRuntimeHarness(parts);
    const site = createVolume({ 'index.html': '<h1>mine</h1>\n' });
    const { sandboxId } = await runContainer(h, sandboxConfig('apache'), containerConfig('httpd', 'httpd', { mounts: [{ containerPath: '/usr/local/apache2/htdocs', volume: site, readonly: true }] }));
    const res = await h.network.httpRequest(undefined, await podIp(h, sandboxId), 80, { method: 'GET', path: '/index.html', headers: {} }, 1000);
    expect(res.body).toBe('<h1>mine</h1>\n');
  });

  it('agnhost liveness answers /healthz 200 for 10 seconds, then 500', async () => {
    const h = createRuntimeHarness(parts);
    const { sandboxId } = await runContainer(h, sandboxConfig('liveness-http'), containerConfig('liveness', AGNHOST, { args: ['liveness'] }));
    const ip = await podIp(h, sandboxId);
    const probe = () => h.network.httpRequest(undefined, ip, 8080, { method: 'GET', path: '/healthz', headers: { 'user-agent': 'kube-probe/1.32' } }, 1000);
    expect((await probe()).status).toBe(200);
    await h.clock.advance(9_000);
    expect((await probe()).status).toBe(200);
    await h.clock.advance(2_000);
    expect((await probe()).status).toBe(500);
  });

  it('agnhost serve-hostname logs "Awaiting pod deletion." on SIGTERM and is SIGKILLed after a 30 s grace', async () => {
    const h = createRuntimeHarness(parts);
    const { containerId } = await runContainer(h, sandboxConfig('hostnames-abc'), containerConfig('c', AGNHOST, { args: ['serve-hostname'] }));
    void h.runtime.stopContainer(containerId, 30);
    await h.clock.advance(30_000);
    const status = await h.runtime.containerStatus(containerId);
    expect([status.exitCode, status.reason]).toEqual([137, 'Error']);
    expect((await h.runtime.readLogs(containerId)).map((l) => l.line.replace(/^\S+ \S+ /, ''))).toEqual([
      'Serving on port 9376.',
      'Shutting down after receiving signal: terminated.',
      'Awaiting pod deletion.',
    ]);
  });

  it('registry.k8s.io/nginx-slim:0.21 (the StatefulSet tutorial image) starts nginx without an entrypoint script and serves its html dir', async () => {
    const h = createRuntimeHarness(parts);
    const site = createVolume({ 'index.html': 'web-0\n' });
    const { sandboxId, containerId } = await runContainer(h, sandboxConfig('web-0'), containerConfig('nginx', 'registry.k8s.io/nginx-slim:0.21', { mounts: [{ containerPath: '/usr/share/nginx/html', volume: site, readonly: false }] }));
    const res = await h.network.httpRequest(undefined, await podIp(h, sandboxId), 80, { method: 'GET', path: '/', headers: {} }, 1000);
    expect(res.body).toBe('web-0\n');
    const lines = (await h.runtime.readLogs(containerId)).map((l) => l.line);
    expect(lines.some((l) => l.includes('docker-entrypoint.sh'))).toBe(false);
    expect(lines.some((l) => l.includes('start worker processes'))).toBe(true);
  });

  it('the pause image sleeps until SIGTERM and then exits 0', async () => {
    const h = createRuntimeHarness(parts);
    const { containerId } = await runContainer(h, sandboxConfig('p'), containerConfig('pause', 'registry.k8s.io/pause:3.10'));
    await h.clock.advance(3_600_000);
    expect((await h.runtime.containerStatus(containerId)).state).toBe('CONTAINER_RUNNING');
    await h.runtime.stopContainer(containerId, 30);
    expect((await h.runtime.containerStatus(containerId)).exitCode).toBe(0);
  });

  it('stress with --timeout completes and exits 0 when it fits its limit', async () => {
    const h = createRuntimeHarness(parts);
    const { containerId } = await runContainer(
      h,
      sandboxConfig('s'),
      containerConfig('s', 'polinux/stress', { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '10M', '--timeout', '5s'], resources: { memoryLimitBytes: 64 * 1024 * 1024 } }),
    );
    await h.clock.advance(6_000);
    const status = await h.runtime.containerStatus(containerId);
    expect([status.exitCode, status.reason]).toEqual([0, 'Completed']);
    expect((await h.runtime.readLogs(containerId)).map((l) => l.line)).toContain('stress: info: [1] successful run completed in 5s');
  });

  it('the node OOM-kills a container when all containers together exceed its memory', async () => {
    const h = createRuntimeHarness(parts, { memoryBytes: 300 * 1024 * 1024 });
    const a = await runContainer(h, sandboxConfig('a'), containerConfig('a', 'polinux/stress', { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '200M'] }));
    await h.clock.advance(1_000);
    const b = await runContainer(h, sandboxConfig('b'), containerConfig('b', 'polinux/stress', { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '200M'] }));
    await h.clock.advance(1_000);
    expect((await h.runtime.containerStatus(a.containerId)).state).toBe('CONTAINER_RUNNING');
    expect((await h.runtime.containerStatus(b.containerId)).reason).toBe('OOMKilled');
  });

  it('a debian container with no command runs bash, which exits 0 with no terminal', async () => {
    const h = createRuntimeHarness(parts);
    const { containerId } = await runContainer(h, sandboxConfig('d'), containerConfig('d', 'debian:bookworm'));
    await h.clock.advance(100);
    expect((await h.runtime.containerStatus(containerId)).reason).toBe('Completed');
  });
});

describe('curlimages/curl', () => {
  it('fetches a page, reports connection failures with curl\'s codes and messages, and -w prints the status', async () => {
    const h = createRuntimeHarness(parts);
    const web = await runContainer(h, sandboxConfig('web'), containerConfig('nginx', 'nginx'));
    const ip = await podIp(h, web.sandboxId);
    const { containerId } = await runContainer(
      h,
      sandboxConfig('client'),
      containerConfig('curl', 'curlimages/curl:8.11.1', {
        command: ['sh', '-c'],
        args: [`curl -s -o /dev/null -w '%{http_code}\\n' http://${ip}/; curl -s http://${ip}/missing -f; echo "rc=$?"; curl -sS http://${ip}:8080/; echo "rc=$?"; curl -sS http://nosuch/; echo "rc=$?"`],
      }),
    );
    await h.clock.advance(1_000);
    const out = (await h.runtime.readLogs(containerId)).map((l) => l.line);
    expect(out).toEqual([
      '200',
      'rc=22',
      `curl: (7) Failed to connect to ${ip} port 8080 after 0 ms: Couldn't connect to server`,
      'rc=7',
      'curl: (6) Could not resolve host: nosuch',
      'rc=6',
    ]);
  });

  it('curl in the image\'s shell writes to the shell\'s stdout: pipes, $(...), > file and -o file all see the body', async () => {
    const h = createRuntimeHarness(parts);
    const web = await runContainer(h, sandboxConfig('web'), containerConfig('nginx', 'nginx'));
    const ip = await podIp(h, web.sandboxId);
    const script = [
      `curl -s http://${ip}/ | grep title`,
      `page=$(curl -s http://${ip}/); echo "$page" | wc -l`,
      `curl -s http://${ip}/ > /tmp/page.html; cat /tmp/page.html | wc -l`,
      `curl -s -o /tmp/out.html http://${ip}/ && grep '<h1>' /tmp/out.html`,
      `echo "code=$(curl -s -o /dev/null -w '%{http_code}' http://${ip}/)"`,
    ].join('; ');
    const { containerId } = await runContainer(h, sandboxConfig('client'), containerConfig('curl', 'curlimages/curl:8.11.1', { command: ['sh', '-c'], args: [script] }));
    await h.clock.advance(1_000);
    const page = (await h.network.httpRequest('10.244.1.99', ip, 80, { method: 'GET', path: '/', headers: {} }, 1000)).body;
    const out = (await h.runtime.readLogs(containerId)).map((l) => l.line);
    expect(out).toEqual([
      '<title>Welcome to nginx!</title>',
      String(page.replace(/\n+$/, '').split('\n').length),
      String(page.split('\n').length - 1),
      '<h1>Welcome to nginx!</h1>',
      'code=200',
    ]);
  });

  it('`kubectl run -- sh -c "curl ... | grep ..."` through the image\'s /entrypoint.sh pipes curl\'s output too', async () => {
    const h = createRuntimeHarness(parts);
    const web = await runContainer(h, sandboxConfig('web'), containerConfig('nginx', 'nginx'));
    const ip = await podIp(h, web.sandboxId);
    const { containerId } = await runContainer(h, sandboxConfig('c'), containerConfig('curl', 'curlimages/curl', { args: ['sh', '-c', `curl -s http://${ip}/ | grep '<h1>'; echo "rc=$?"`] }));
    await h.clock.advance(1_000);
    expect((await h.runtime.readLogs(containerId)).map((l) => l.line)).toEqual(['<h1>Welcome to nginx!</h1>', 'rc=0']);
  });

  it('`kubectl run curl --image=curlimages/curl -- <url>` style args run curl through the entrypoint', async () => {
    const h = createRuntimeHarness(parts);
    const web = await runContainer(h, sandboxConfig('web'), containerConfig('nginx', 'nginx'));
    const ip = await podIp(h, web.sandboxId);
    const { containerId } = await runContainer(h, sandboxConfig('c'), containerConfig('curl', 'curlimages/curl', { args: ['-s', `http://${ip}/`] }));
    await h.clock.advance(1_000);
    const status = await h.runtime.containerStatus(containerId);
    expect(status.reason).toBe('Completed');
    expect((await h.runtime.readLogs(containerId)).map((l) => l.line)).toContain('<h1>Welcome to nginx!</h1>');
  });
});

describe('which nginx tags exist', () => {
  it('knows the released versions and their variants, not a version nginx never had (the docs\' stuck-rollout nginx:1.161)', () => {
    const exists = (tag: string) => nginxFamily.hasTag(tag);
    for (const tag of ['latest', '1', '1.27', '1.14.2', '1.7.9', '1.16.1', '1.27-alpine', '1.30', 'stable-alpine']) expect(exists(tag), tag).toBe(true);
    for (const tag of ['1.161', '1.91', '2.0', '1.27.99', 'no-such-tag', '1.27-ubuntu']) expect(exists(tag), tag).toBe(false);
  });
});
