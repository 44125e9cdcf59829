/**
 * docker.io/library/nginx: serves /usr/share/nginx/html on port 80 with the stock welcome page,
 * nginx's 404 page, access lines on stdout (the image links access.log to /dev/stdout) and
 * notices/errors on stderr (error.log → /dev/stderr), in nginx's "combined" log format.
 *
 * The image's Dockerfile sets STOPSIGNAL SIGQUIT, so a stop asks nginx for a graceful quit; it
 * also exits (fast shutdown) on SIGTERM. Either way it finishes in-flight work and exits 0.
 */
import type { Program, ProcessContext } from '../process.ts';
import { statusText } from '../http-status.ts';
import { MiB, type ImageFamily } from './image.ts';
import { clfTime, clientAddress, nginxTime, serveStatic } from './static-site.ts';

const DEFAULT_VERSION = '1.27.3';
const ROOT = '/usr/share/nginx/html';

export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

function errorPage(status: number, version: string): string {
  return `<html>\r\n<head><title>${status} ${statusText(status)}</title></head>\r\n<body>\r\n<center><h1>${status} ${statusText(status)}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

function nginxProgram(version: string): Program {
  return async (ctx: ProcessContext) => {
    const now = () => nginxTime(ctx.clock.now());
    if (ctx.argv[0]?.endsWith('docker-entrypoint.sh')) {
      ctx.stdout('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n');
      ctx.stdout('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    }
    ctx.stderr(`${now()} [notice] 1#1: using the "epoll" event method\n`);
    ctx.stderr(`${now()} [notice] 1#1: nginx/${version}\n`);
    ctx.stderr(`${now()} [notice] 1#1: start worker processes\n`);
    ctx.stderr(`${now()} [notice] 1#1: start worker process 29\n`);
    let conn = 0;
    const serve = (handler: Parameters<ProcessContext['listen']>[1]) => {
      try {
        ctx.listen(80, handler);
        return true;
      } catch {
        ctx.stderr(`${now()} [emerg] 1#1: bind() to 0.0.0.0:80 failed (98: Address already in use)\n`);
        ctx.stderr('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n');
        return false;
      }
    };
    const listening = serve((req, fromIp) => {
      const got = serveStatic(ctx.fs, ROOT, req.path);
      const body = req.method === 'HEAD' ? '' : got.status === 200 ? got.body : errorPage(got.status, version);
      if (got.status === 404) {
        ctx.stderr(`${now()} [error] 29#29: *${++conn} open() "${got.file}" failed (2: No such file or directory), client: ${clientAddress(fromIp, ctx.podIp)}, server: localhost, request: "${req.method} ${req.path} HTTP/1.1", host: "${req.headers.host ?? ''}"\n`);
      }
      const length = got.status === 200 ? got.body.length : errorPage(got.status, version).length;
      ctx.stdout(`${clientAddress(fromIp, ctx.podIp)} - - [${clfTime(ctx.clock.now())}] "${req.method} ${req.path} HTTP/1.1" ${got.status} ${length} "-" "${req.headers['user-agent'] ?? '-'}" "-"\n`);
      return { status: got.status, headers: { server: `nginx/${version}`, 'content-type': got.status === 200 ? got.contentType : 'text/html' }, body };
    });
    if (!listening) return 1;
    const quit = (signal: string, n: number, graceful: boolean) => () => {
      ctx.stderr(`${now()} [notice] 1#1: signal ${n} (${signal}) received, ${graceful ? 'shutting down' : 'exiting'}\n`);
      // Workers finish their requests, then the master reports and exits 0 a moment later.
      ctx.clock.setTimeout(() => {
        ctx.stderr(`${now()} [notice] 1#1: worker process 29 exited with code 0\n`);
        ctx.stderr(`${now()} [notice] 1#1: exit\n`);
        ctx.terminate(0);
      }, graceful ? 100 : 20);
    };
    ctx.onSignal('SIGQUIT', quit('SIGQUIT', 3, true));
    ctx.onSignal('SIGTERM', quit('SIGTERM', 15, false));
    ctx.onSignal('SIGINT', quit('SIGINT', 2, false));
    return ctx.waitForever();
  };
}

/**
 * The nginx tags that exist on Docker Hub, in shape: `1`, `1.MINOR`, `1.MINOR.PATCH`, optionally
 * with a variant suffix, for the versions nginx has released (1.0 to 1.31 by late 2026; patch
 * releases never went past .12). A version nginx never had does not exist — which is what the
 * Kubernetes docs rely on when they `kubectl set image deployment/nginx-deployment nginx=nginx:1.161`
 * to show a rollout stuck in ImagePullBackOff.
 */
const NGINX_NAMED_TAGS = ['latest', 'stable', 'mainline', 'alpine', 'stable-alpine', 'mainline-alpine', 'alpine-slim', 'perl', 'alpine-perl'];
function nginxTagExists(tag: string): boolean {
  if (NGINX_NAMED_TAGS.includes(tag)) return true;
  const m = /^1(?:\.(\d+)(?:\.(\d+))?)?(?:-(?:alpine|alpine-slim|alpine-perl|perl|bookworm|bullseye|otel|alpine-otel))?$/.exec(tag);
  return m !== null && Number(m[1] ?? 0) <= 31 && Number(m[2] ?? 0) <= 12;
}

export const nginxFamily: ImageFamily = {
  repositories: ['docker.io/library/nginx'],
  hasTag: nginxTagExists,
  describe(tag) {
    const version = /^\d+\.\d+\.\d+/.exec(tag)?.[0] ?? DEFAULT_VERSION;
    const program = nginxProgram(version);
    return {
      entrypoint: ['/docker-entrypoint.sh'],
      cmd: ['nginx', '-g', 'daemon off;'],
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', NGINX_VERSION: version },
      workingDir: '/',
      stopSignal: 'SIGQUIT',
      sizeBytes: 72_000_000,
      files: {
        'usr/share/nginx/html/index.html': NGINX_INDEX,
        'usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n',
        'etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n',
        'etc/nginx/conf.d/default.conf': 'server {\n    listen       80;\n    server_name  localhost;\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n}\n',
      },
      binaries: { 'docker-entrypoint.sh': program, nginx: program },
      shell: true,
      baseMemoryBytes: 8 * MiB,
    };
  },
};

/**
 * registry.k8s.io/nginx-slim (kubernetes/test-infra's images/nginx-slim, formerly on k8s.gcr.io):
 * the small nginx the docs' StatefulSet tutorial (`web`, image nginx-slim:0.21/0.24) runs. Tags
 * are the image's own 0.x versions; it starts nginx directly, without the official image's
 * docker-entrypoint.sh.
 */
export const nginxSlimFamily: ImageFamily = {
  repositories: ['registry.k8s.io/nginx-slim', 'k8s.gcr.io/nginx-slim', 'gcr.io/google_containers/nginx-slim'],
  hasTag: (tag) => tag === 'latest' || /^0\.\d+$/.test(tag),
  describe() {
    const stock = nginxFamily.describe('1.27.3');
    return { ...stock, entrypoint: [], cmd: ['nginx', '-g', 'daemon off;'], sizeBytes: 45_000_000 };
  },
};
