import { describe, expect, it } from 'vitest';
import { containerLifecycle } from '../../solutions/runtime/container-lifecycle.ts';
import { parseImageReference } from '../../solutions/runtime/image-reference.ts';
import { Random } from '../util/random.ts';
import { CriError } from './cri.ts';
import { NetworkError } from './network.ts';
import { NGINX_INDEX } from './images/nginx.ts';
import { containerConfig, createRuntimeHarness, runContainer, sandboxConfig, type RuntimeHarness } from './testing.ts';
import { createVolume } from './volume.ts';
import { resolveMount } from '../../solutions/volume/mounts.ts';

const harness = (opts?: Parameters<typeof createRuntimeHarness>[1]) => createRuntimeHarness({ containerLifecycle, parseImageReference, resolveMount }, opts);

async function waitExited(h: RuntimeHarness, id: string, timeoutMs = 120_000) {
  await h.clock.runUntil(async () => (await h.runtime.containerStatus(id)).state === 'CONTAINER_EXITED', { timeoutMs });
  return h.runtime.containerStatus(id);
}

async function lines(h: RuntimeHarness, id: string) {
  return (await h.runtime.readLogs(id)).map((e) => e.line);
}

describe('simulated runtime: containers through the CRI', () => {
  it('runs a busybox script: its output becomes timestamped logs and its exit code ends the container with reason Error', async () => {
    const h = harness();
    const start = h.clock.now();
    const { containerId } = await runContainer(
      h,
      sandboxConfig('counter'),
      containerConfig('count', 'busybox:1.36', { command: ['sh', '-c', 'for i in 1 2 3; do echo "tick $i"; sleep 1; done; exit 3'] }),
    );
    const status = await waitExited(h, containerId);
    expect(await lines(h, containerId)).toEqual(['tick 1', 'tick 2', 'tick 3']);
    const logs = await h.runtime.readLogs(containerId);
    expect(logs[1]!.time - logs[0]!.time).toBe(1000);
    expect(status.exitCode).toBe(3);
    expect(status.reason).toBe('Error');
    expect(status.finishedAt - status.startedAt).toBe(3000);
    expect(status.startedAt).toBeGreaterThan(start);
    expect(status.image).toBe('docker.io/library/busybox:1.36'); // containerd names it by its repo tag
    expect(status.imageRef).toMatch(/^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/);
    expect(await h.runtime.readLogs(containerId, { tail: 1 })).toHaveLength(1);
  });

  it('a container that exits 0 ends with reason Completed; a bare busybox (CMD sh, no stdin) completes at once', async () => {
    const h = harness();
    const { containerId } = await runContainer(h, sandboxConfig('bare'), containerConfig('bb', 'busybox'));
    const status = await waitExited(h, containerId);
    expect([status.exitCode, status.reason]).toEqual([0, 'Completed']);
  });

  it('emits CREATED, STARTED, STOPPED, DELETED events in order', async () => {
    const h = harness();
    const { containerId } = await runContainer(h, sandboxConfig('ev'), containerConfig('c', 'busybox', { command: ['true'] }));
    await waitExited(h, containerId);
    await h.runtime.removeContainer(containerId);
    expect(h.events.filter((e) => e.containerId === containerId).map((e) => e.type)).toEqual([
      'CONTAINER_CREATED_EVENT',
      'CONTAINER_STARTED_EVENT',
      'CONTAINER_STOPPED_EVENT',
      'CONTAINER_DELETED_EVENT',
    ]);
    await expect(h.runtime.containerStatus(containerId)).rejects.toThrow(/not found/);
  });

  it('nginx serves its default page, a file another container wrote into the shared html volume, and 404s', async () => {
    const h = harness();
    const html = createVolume();
    const pod = sandboxConfig('two-containers');
    const sandboxId = await h.runtime.runPodSandbox(pod);
    const web = await runContainer(h, sandboxId, containerConfig('nginx', 'nginx', { mounts: [{ containerPath: '/usr/share/nginx/html', volume: html }] }));
    const writer = await runContainer(
      h,
      sandboxId,
      containerConfig('debian', 'debian', {
        command: ['/bin/sh'],
        args: ['-c', 'echo Hello from the debian container > /pod-data/index.html'],
        mounts: [{ containerPath: '/pod-data', volume: html }],
      }),
    );
    await waitExited(h, writer.containerId);
    const { ip } = await h.runtime.podSandboxStatus(sandboxId);
    const got = await h.network.httpRequest('10.244.1.200', ip, 80, { method: 'GET', path: '/', headers: { 'user-agent': 'curl/8.5.0' } }, 1000);
    expect(got.status).toBe(200);
    expect(got.body).toBe('Hello from the debian container\n');
    const missing = await h.network.httpRequest(undefined, ip, 80, { method: 'GET', path: '/nope.html', headers: {} }, 1000);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<title>404 Not Found</title>');
    const logs = await h.runtime.readLogs(web.containerId);
    expect(logs.filter((e) => e.stream === 'stdout').map((e) => e.line)).toContainEqual(
      expect.stringMatching(/^10\.244\.1\.200 - - \[01\/Jan\/2025:00:00:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 32 "-" "curl\/8\.5\.0" "-"$/),
    );
    expect(logs.filter((e) => e.stream === 'stderr').map((e) => e.line)).toContainEqual(
      expect.stringContaining('open() "/usr/share/nginx/html/nope.html" failed (2: No such file or directory)'),
    );

    const plain = await runContainer(h, sandboxConfig('plain-nginx'), containerConfig('nginx', 'nginx:1.14.2'));
    const plainIp = (await h.runtime.podSandboxStatus(plain.sandboxId)).ip;
    const welcome = await h.network.httpRequest(undefined, plainIp, 80, { method: 'GET', path: '/', headers: {} }, 1000);
    expect(welcome.body).toBe(NGINX_INDEX);
    expect(welcome.headers.server).toBe('nginx/1.14.2');
  });

  it('stop with a grace period: a process that ignores SIGTERM is SIGKILLed when it runs out (137, Error)', async () => {
    const h = harness();
    const { containerId } = await runContainer(h, sandboxConfig('sleeper'), containerConfig('sleep', 'busybox', { command: ['sleep', '3600'] }));
    const asked = h.clock.now();
    let stopped = false;
    void h.runtime.stopContainer(containerId, 30).then(() => (stopped = true));
    await h.clock.advance(29_000);
    expect((await h.runtime.containerStatus(containerId)).state).toBe('CONTAINER_RUNNING');
    expect(stopped).toBe(false);
    await h.clock.advance(1_000);
    const status = await h.runtime.containerStatus(containerId);
    expect(stopped).toBe(true);
    expect([status.state, status.exitCode, status.reason]).toEqual(['CONTAINER_EXITED', 137, 'Error']);
    expect(status.finishedAt - asked).toBe(30_000);
  });

  it("stop with a grace period: nginx quits gracefully on its image's stop signal (SIGQUIT) and exits 0 at once", async () => {
    const h = harness();
    const { containerId } = await runContainer(h, sandboxConfig('web'), containerConfig('nginx', 'nginx'));
    const asked = h.clock.now();
    void h.runtime.stopContainer(containerId, 30);
    const status = await waitExited(h, containerId);
    expect([status.exitCode, status.reason]).toEqual([0, 'Completed']);
    expect(status.finishedAt - asked).toBeLessThan(1_000);
    expect(await lines(h, containerId)).toContainEqual(expect.stringMatching(/\[notice\] 1#1: signal 3 \(SIGQUIT\) received, shutting down$/));
  });

  it('stop with no grace kills at once: 137', async () => {
    const h = harness();
    const { containerId } = await runContainer(h, sandboxConfig('k'), containerConfig('nginx', 'nginx'));
    await h.runtime.stopContainer(containerId, 0);
    const status = await h.runtime.containerStatus(containerId);
    expect([status.exitCode, status.reason]).toEqual([137, 'Error']);
  });

  it('a process over its memory limit is OOM-killed: 137, reason OOMKilled; under the limit it keeps running', async () => {
    const h = harness();
    const Mi = 1024 * 1024;
    const hog = await runContainer(
      h,
      sandboxConfig('memory-demo-2'),
      containerConfig('memory-demo-2-ctr', 'polinux/stress', {
        command: ['stress'],
        args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'],
        resources: { memoryLimitBytes: 100 * Mi },
      }),
    );
    const status = await waitExited(h, hog.containerId);
    expect([status.exitCode, status.reason]).toEqual([137, 'OOMKilled']);
    const ok = await runContainer(
      h,
      sandboxConfig('memory-demo'),
      containerConfig('memory-demo-ctr', 'polinux/stress', {
        command: ['stress'],
        args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'],
        resources: { memoryLimitBytes: 200 * Mi },
      }),
    );
    await h.clock.advance(10_000);
    expect((await h.runtime.containerStatus(ok.containerId)).state).toBe('CONTAINER_RUNNING');
    expect(h.runtime.memoryUsage(ok.containerId)).toBeGreaterThan(150 * Mi);
    expect(await lines(h, ok.containerId)).toEqual(['stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd']);
  });

  it('a command the image does not have fails to start: 128, StartError, runc\'s message', async () => {
    const h = harness();
    await h.clock.runUntil(() => false, { timeoutMs: 0 });
    const pulled = h.runtime.pullImage({ image: 'nginx' });
    await h.clock.advance(10_000);
    await pulled;
    const sandboxId = await h.runtime.runPodSandbox(sandboxConfig('bad'));
    const id = await h.runtime.createContainer(sandboxId, containerConfig('c', 'nginx', { command: ['nginz'] }), sandboxConfig('bad'));
    await expect(h.runtime.startContainer(id)).rejects.toThrow('exec: "nginz": executable file not found in $PATH');
    const status = await h.runtime.containerStatus(id);
    expect([status.state, status.exitCode, status.reason]).toEqual(['CONTAINER_EXITED', 128, 'StartError']);
  });

  it('starting a container twice fails with FailedPrecondition', async () => {
    const h = harness();
    const { containerId } = await runContainer(h, sandboxConfig('twice'), containerConfig('c', 'nginx'));
    await expect(h.runtime.startContainer(containerId)).rejects.toMatchObject({ code: 'FailedPrecondition' });
  });

  it('followLogs delivers every later line until unsubscribed', async () => {
    const h = harness();
    const { containerId } = await runContainer(h, sandboxConfig('f'), containerConfig('c', 'busybox', { command: ['sh', '-c', 'while true; do echo hello; sleep 10; done'] }));
    const seen: string[] = [];
    const stop = h.runtime.followLogs(containerId, (e) => seen.push(e.line));
    await h.clock.advance(25_000);
    stop();
    await h.clock.advance(20_000);
    expect(seen).toEqual(['hello', 'hello']);
  });
});

describe('simulated runtime: images', () => {
  it('an unknown image fails to pull with NotFound in containerd\'s words, after some simulated time', async () => {
    const h = harness();
    let error: unknown;
    void h.runtime.pullImage({ image: 'nginxx' }).catch((e) => (error = e));
    await h.clock.advance(500);
    expect(error).toBeUndefined();
    await h.clock.advance(5_000);
    expect(error).toBeInstanceOf(CriError);
    expect((error as CriError).code).toBe('NotFound');
    expect((error as CriError).message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": docker.io/library/nginxx:latest: not found',
    );
    let tagError: unknown;
    void h.runtime.pullImage({ image: 'nginx:no-such-tag' }).catch((e) => (tagError = e));
    await h.clock.advance(5_000);
    expect((tagError as CriError).message).toContain('docker.io/library/nginx:no-such-tag: not found');
  });

  it('a pull takes size-dependent time; an image already present is reused at once under any of its names', async () => {
    const h = harness();
    let small = 0;
    let big = 0;
    const t0 = h.clock.now();
    void h.runtime.pullImage({ image: 'busybox' }).then(() => (small = h.clock.now() - t0));
    void h.runtime.pullImage({ image: 'nginx' }).then(() => (big = h.clock.now() - t0));
    await h.clock.advance(60_000);
    expect(small).toBeGreaterThan(1_000);
    expect(big).toBeGreaterThan(small);
    expect(big).toBeLessThan(10_000);
    const again = h.runtime.pullImage({ image: 'docker.io/library/nginx:latest' });
    await h.clock.flush();
    const id = await again;
    expect(await h.runtime.imageStatus({ image: 'nginx' })).toMatchObject({ id, repoTags: ['docker.io/library/nginx:latest'] });
    expect((await h.runtime.listImages()).length).toBe(2);
    await h.runtime.removeImage({ image: 'nginx' });
    expect(await h.runtime.imageStatus({ image: 'nginx' })).toBeUndefined();
  });

  it('creating a container from an image that is not present fails with NotFound', async () => {
    const h = harness();
    const sandboxId = await h.runtime.runPodSandbox(sandboxConfig('p'));
    await expect(h.runtime.createContainer(sandboxId, containerConfig('c', 'httpd'), sandboxConfig('p'))).rejects.toMatchObject({ code: 'NotFound' });
  });
});

describe('simulated runtime: pod network', () => {
  it('gives sandboxes unique IPs from the podCIDR after the .1 gateway and releases them on stop', async () => {
    const h = harness({ podCIDR: '10.244.1.0/29' }); // .2 to .6 usable
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await h.runtime.runPodSandbox(sandboxConfig(`p${i}`)));
    const ips = await Promise.all(ids.map(async (id) => (await h.runtime.podSandboxStatus(id)).ip));
    expect(ips).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4', '10.244.1.5', '10.244.1.6']);
    await expect(h.runtime.runPodSandbox(sandboxConfig('full'))).rejects.toThrow(/no IP addresses available in range set: 10\.244\.1\.1-10\.244\.1\.6/);
    await h.runtime.stopPodSandbox(ids[1]!);
    expect(h.network.hasIp('10.244.1.3')).toBe(false);
    expect((await h.runtime.podSandboxStatus(ids[1]!)).state).toBe('SANDBOX_NOTREADY');
    const again = await h.runtime.runPodSandbox(sandboxConfig('again'));
    expect((await h.runtime.podSandboxStatus(again)).ip).toBe('10.244.1.3');
  });

  it('hands out the next address rather than the one just released (host-local round robin)', async () => {
    const h = harness();
    const a = await h.runtime.runPodSandbox(sandboxConfig('a'));
    await h.runtime.stopPodSandbox(a);
    const b = await h.runtime.runPodSandbox(sandboxConfig('b'));
    expect((await h.runtime.podSandboxStatus(b)).ip).toBe('10.244.1.3');
  });

  it('a hostNetwork pod gets the node IP and listens on it', async () => {
    const h = harness();
    const { sandboxId } = await runContainer(h, sandboxConfig('host', { hostNetwork: true }), containerConfig('web', 'nginx'));
    expect((await h.runtime.podSandboxStatus(sandboxId)).ip).toBe('192.168.49.2');
    const res = await h.network.httpRequest(undefined, '192.168.49.2', 80, { method: 'GET', path: '/', headers: {} }, 1000);
    expect(res.status).toBe(200);
  });

  it('reports refused connections and unreachable hosts with Go net messages', async () => {
    const h = harness();
    const id = await h.runtime.runPodSandbox(sandboxConfig('quiet'));
    const ip = (await h.runtime.podSandboxStatus(id)).ip;
    await expect(h.network.tcpConnect(undefined, ip, 8080, 1000)).rejects.toThrow(`dial tcp ${ip}:8080: connect: connection refused`);
    let err: unknown;
    void h.network.tcpConnect(undefined, '10.244.9.9', 80, 1000).catch((e) => (err = e));
    await h.clock.advance(999);
    expect(err).toBeUndefined();
    await h.clock.advance(1);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).message).toBe('dial tcp 10.244.9.9:80: i/o timeout');
  });

  it('a router (kube-proxy\'s seam) can rewrite a virtual IP to a pod', async () => {
    const h = harness();
    const { sandboxId } = await runContainer(h, sandboxConfig('hostnames'), containerConfig('c', 'registry.k8s.io/e2e-test-images/agnhost:2.40', { args: ['serve-hostname'] }));
    const podIp = (await h.runtime.podSandboxStatus(sandboxId)).ip;
    h.network.addRouter((dest) => (dest.ip === '10.96.0.50' && dest.port === 80 ? { ip: podIp, port: 9376 } : undefined));
    const res = await h.network.httpRequest(undefined, '10.96.0.50', 80, { method: 'GET', path: '/', headers: {} }, 1000);
    expect(res.body).toBe('hostnames');
  });

  it('agnhost netexec answers /hostname, /echo, /shell and exits with /exit?code=', async () => {
    const h = harness();
    const { sandboxId, containerId } = await runContainer(h, sandboxConfig('netexec'), containerConfig('c', 'registry.k8s.io/e2e-test-images/agnhost:2.40', { args: ['netexec', '--http-port=8080'] }));
    const ip = (await h.runtime.podSandboxStatus(sandboxId)).ip;
    const get = (path: string) => h.network.httpRequest(undefined, ip, 8080, { method: 'GET', path, headers: {} }, 1000);
    expect((await get('/hostname')).body).toBe('netexec');
    expect((await get('/echo?msg=hi%20there')).body).toBe('hi there');
    expect(JSON.parse((await get('/shell?cmd=echo%20$HOSTNAME')).body)).toEqual({ output: 'netexec\n' });
    await get('/exit?code=4');
    const status = await waitExited(h, containerId);
    expect([status.exitCode, status.reason]).toEqual([4, 'Error']);
  });
});

describe('simulated runtime: exec', () => {
  it('runs commands in the container: sh -c with its env and volumes, exit codes passed through', async () => {
    const h = harness();
    const data = createVolume({ 'greeting.txt': 'hi\n' });
    const { containerId } = await runContainer(
      h,
      sandboxConfig('exec'),
      containerConfig('c', 'busybox', { command: ['sleep', '3600'], envs: [{ key: 'MODE', value: 'test' }], mounts: [{ containerPath: '/data', volume: data }] }),
    );
    const r1 = h.runtime.execSync(containerId, ['sh', '-c', 'echo "$MODE"; cat /data/greeting.txt; exit 3'], 1);
    await h.clock.flush();
    expect(await r1).toEqual({ stdout: 'test\nhi\n', stderr: '', exitCode: 3 });
    const r2 = h.runtime.execSync(containerId, ['cat', '/tmp/healthy'], 1);
    await h.clock.flush();
    expect(await r2).toEqual({ stdout: '', stderr: "cat: can't open '/tmp/healthy': No such file or directory\n", exitCode: 1 });
  });

  it('an exec that outlives its timeout fails with DeadlineExceeded', async () => {
    const h = harness();
    const { containerId } = await runContainer(h, sandboxConfig('slow'), containerConfig('c', 'busybox', { command: ['sleep', '3600'] }));
    let err: unknown;
    void h.runtime.execSync(containerId, ['sleep', '5'], 1).catch((e) => (err = e));
    await h.clock.advance(1_000);
    expect(err).toBeInstanceOf(CriError);
    expect((err as CriError).code).toBe('DeadlineExceeded');
  });

  it('images without a shell still exec cat/ls/test/true/false; anything else is "executable file not found" (126)', async () => {
    const h = harness();
    const { containerId } = await runContainer(h, sandboxConfig('pause'), containerConfig('c', 'registry.k8s.io/pause:3.10'));
    const ok = h.runtime.execSync(containerId, ['test', '-d', '/tmp'], 1);
    await h.clock.flush();
    expect((await ok).exitCode).toBe(0);
    const sh = h.runtime.execSync(containerId, ['sh', '-c', 'true'], 1);
    await h.clock.flush();
    expect(await sh).toMatchObject({ exitCode: 126, stderr: expect.stringContaining('exec: "sh": executable file not found in $PATH') });
  });

  it('exec into a container that is not running fails with FailedPrecondition', async () => {
    const h = harness();
    const { containerId } = await runContainer(h, sandboxConfig('done'), containerConfig('c', 'busybox', { command: ['true'] }));
    await waitExited(h, containerId);
    await expect(h.runtime.execSync(containerId, ['true'], 1)).rejects.toMatchObject({ code: 'FailedPrecondition' });
  });
});

describe('simulated runtime: sandboxes', () => {
  it('stopPodSandbox kills its containers at once and removePodSandbox removes them', async () => {
    const h = harness();
    const { sandboxId, containerId } = await runContainer(h, sandboxConfig('pod'), containerConfig('c', 'busybox', { command: ['sleep', '3600'] }));
    await h.runtime.stopPodSandbox(sandboxId);
    expect((await h.runtime.containerStatus(containerId)).exitCode).toBe(137);
    await h.runtime.removePodSandbox(sandboxId);
    expect(await h.runtime.listContainers()).toEqual([]);
    expect(await h.runtime.listPodSandbox()).toEqual([]);
  });

  it('two containers of one pod with the same name and attempt are refused (AlreadyExists)', async () => {
    const h = harness();
    const { sandboxId } = await runContainer(h, sandboxConfig('dup'), containerConfig('c', 'busybox', { command: ['sleep', '10'] }));
    await expect(h.runtime.createContainer(sandboxId, containerConfig('c', 'busybox'), sandboxConfig('dup'))).rejects.toMatchObject({ code: 'AlreadyExists' });
    const next = await h.runtime.createContainer(sandboxId, containerConfig('c', 'busybox', { metadata: { name: 'c', attempt: 1 } }), sandboxConfig('dup'));
    expect((await h.runtime.listContainers({ podSandboxId: sandboxId })).map((c) => c.id)).toContain(next);
  });

  it('a shell in an image can run the image\'s own program: `sh -c "...; exec nginx -g \'daemon off;\'"`', async () => {
    const h = harness();
    const { sandboxId, containerId } = await runContainer(
      h,
      sandboxConfig('wrapped'),
      containerConfig('nginx', 'nginx', { command: ['/bin/sh', '-c'], args: ["echo starting; exec nginx -g 'daemon off;'"] }),
    );
    const res = await h.network.httpRequest(undefined, (await h.runtime.podSandboxStatus(sandboxId)).ip, 80, { method: 'GET', path: '/', headers: {} }, 1000);
    expect(res.status).toBe(200);
    expect((await lines(h, containerId))[0]).toBe('starting');
  });

  it('two hostNetwork nginx pods on one node: the second cannot bind port 80 and exits 1', async () => {
    const h = harness();
    await runContainer(h, sandboxConfig('h1', { hostNetwork: true }), containerConfig('web', 'nginx'));
    const second = await runContainer(h, sandboxConfig('h2', { hostNetwork: true }), containerConfig('web', 'nginx'));
    const status = await waitExited(h, second.containerId);
    expect([status.exitCode, status.reason]).toEqual([1, 'Error']);
    expect(await lines(h, second.containerId)).toContain('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)');
  });
});

describe('simulated runtime: invariants', () => {
  it('never gives two live sandboxes the same IP over a long random run of creates and stops', async () => {
    const h = harness({ podCIDR: '10.244.3.0/28' }); // 13 usable addresses
    const rnd = new Random('ipam-invariant');
    const live = new Map<string, string>();
    for (let step = 0; step < 400; step++) {
      if (live.size < 13 && (live.size === 0 || rnd.float() < 0.6)) {
        const id = await h.runtime.runPodSandbox(sandboxConfig(`p${step}`));
        const ip = (await h.runtime.podSandboxStatus(id)).ip;
        expect([...live.values()]).not.toContain(ip);
        expect(ip).toMatch(/^10\.244\.3\.([2-9]|1[0-4])$/);
        live.set(id, ip);
      } else {
        const id = rnd.pick([...live.keys()]);
        await h.runtime.stopPodSandbox(id);
        live.delete(id);
      }
    }
  });

  it('the same seed gives the same container ids, timings and logs', async () => {
    const once = async () => {
      const h = harness();
      const { containerId } = await runContainer(h, sandboxConfig('c'), containerConfig('c', 'busybox', { command: ['sh', '-c', 'echo "$(date)"; sleep 2; date'] }));
      await h.clock.advance(5_000);
      return { containerId, logs: await h.runtime.readLogs(containerId), status: await h.runtime.containerStatus(containerId) };
    };
    expect(await once()).toEqual(await once());
  });
});

