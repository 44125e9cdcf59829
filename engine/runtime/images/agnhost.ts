/**
 * registry.k8s.io/e2e-test-images/agnhost: Kubernetes' own test server (kubernetes/kubernetes
 * test/images/agnhost), one binary with subcommands:
 *  - serve-hostname (--port, default 9376): answers every request with the pod's hostname.
 *    On SIGTERM it logs "Awaiting pod deletion." and exits 0 after 60 s (usually SIGKILLed first).
 *  - netexec (--http-port, default 8080): `/` (NOW: time), /hostname, /echo?msg=, /clientip,
 *    /shell?cmd= (JSON {"output": ...}), /exit?code=, /healthz. Exits 0 on SIGTERM.
 *  - liveness: /healthz answers 200 for the first 10 s after start, then 500 — the docs'
 *    liveness-probe example.
 *  - pause: sleeps until killed.
 */
import { BUSYBOX_APPLETS } from '../shell/applets.ts';
import { Shell } from '../shell/interpreter.ts';
import type { Program, ProcessContext } from '../process.ts';
import { MiB, type ImageFamily } from './image.ts';
import { nginxTime } from './static-site.ts';

function flag(argv: string[], name: string, fallback: string): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === `--${name}`) return argv[i + 1] ?? fallback;
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return fallback;
}

const text = (body: string, status = 200) => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });

async function serveHostname(ctx: ProcessContext, argv: string[]): Promise<number> {
  const port = Number(flag(argv, 'port', '9376'));
  const log = (m: string) => ctx.stderr(`${nginxTime(ctx.clock.now())} ${m}\n`);
  ctx.listen(port, () => text(ctx.hostname));
  log(`Serving on port ${port}.`);
  // Upstream serve_hostname.go: on SIGTERM it logs, sleeps 60 s, then returns from main (exit 0);
  // with the default 30 s grace period the kubelet's SIGKILL comes first.
  ctx.onSignal('SIGTERM', () => {
    log('Shutting down after receiving signal: terminated.');
    log('Awaiting pod deletion.');
    ctx.clock.setTimeout(() => ctx.terminate(0), 60_000);
  });
  return ctx.waitForever();
}

async function netexec(ctx: ProcessContext, argv: string[]): Promise<number> {
  const port = Number(flag(argv, 'http-port', '8080'));
  const log = (m: string) => ctx.stderr(`I0101 ${nginxTime(ctx.clock.now()).slice(11)}.000000       1 netexec.go] ${m}\n`);
  ctx.listen(port, async (req, fromIp) => {
    const url = new URL(req.path, 'http://x');
    const q = (k: string) => url.searchParams.get(k) ?? '';
    log(`GET ${req.path}`);
    switch (url.pathname) {
      case '/':
        return text(`NOW: ${new Date(ctx.clock.now()).toISOString().replace('T', ' ').replace('Z', ' +0000 UTC')}`);
      case '/hostname':
        return text(ctx.hostname);
      case '/echo':
        return text(q('msg'));
      case '/clientip':
        return text(`${fromIp ?? ''}:0`);
      case '/healthz':
        return text('');
      case '/exit': {
        const code = Number(q('code') || '0');
        ctx.clock.setTimeout(() => ctx.terminate(code), 1);
        return text('');
      }
      case '/shell': {
        let out = '';
        const sh = new Shell(ctx, BUSYBOX_APPLETS);
        const status = await sh.run(q('cmd'), { stdin: '', out: (t) => (out += t), err: (t) => (out += t) });
        const body = status === 0 ? { output: out } : { error: `exit status ${status}`, output: out };
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
      }
    }
    return text('404 page not found\n', 404);
  });
  log(`Started HTTP server on port ${port}`);
  ctx.onSignal('SIGTERM', () => ctx.terminate(0));
  return ctx.waitForever();
}

async function liveness(ctx: ProcessContext): Promise<number> {
  const started = ctx.clock.now();
  ctx.listen(8080, () => {
    const elapsed = (ctx.clock.now() - started) / 1000;
    if (elapsed > 10) return text(`error: ${elapsed.toFixed(6)}`, 500);
    return text('ok');
  });
  return ctx.waitForever();
}

const agnhost: Program = async (ctx) => {
  const [, sub = 'pause', ...rest] = ctx.argv;
  switch (sub) {
    case 'serve-hostname':
      return serveHostname(ctx, rest);
    case 'netexec':
      return netexec(ctx, rest);
    case 'liveness':
      return liveness(ctx);
    case 'pause':
      ctx.onSignal('SIGTERM', () => ctx.terminate(0));
      ctx.onSignal('SIGINT', () => ctx.terminate(0));
      return ctx.waitForever();
  }
  ctx.stderr(`Error: unknown command "${sub}" for "agnhost"\nRun 'agnhost --help' for usage.\n`);
  return 1;
};

export const agnhostFamily: ImageFamily = {
  repositories: ['registry.k8s.io/e2e-test-images/agnhost'],
  hasTag: (tag) => /^2\.\d+$/.test(tag),
  describe: () => ({
    entrypoint: ['/agnhost'],
    cmd: ['pause'],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    workingDir: '/',
    sizeBytes: 51_000_000,
    files: {},
    binaries: { agnhost: agnhost },
    shell: true,
    baseMemoryBytes: 10 * MiB,
  }),
};
