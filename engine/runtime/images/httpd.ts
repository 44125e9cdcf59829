/**
 * docker.io/library/httpd (Apache): serves /usr/local/apache2/htdocs on port 80 ("It works!"),
 * access lines in Common Log Format on stdout and the startup notices on stderr, as
 * `httpd-foreground` prints them. Stops gracefully on SIGTERM/SIGWINCH and exits 0.
 */
import type { Program, ProcessContext } from '../process.ts';
import { versionTag, MiB, type ImageFamily } from './image.ts';
import { clfTime, clientAddress, serveStatic } from './static-site.ts';

const VERSION = '2.4.62';
const ROOT = '/usr/local/apache2/htdocs';

function apacheTime(ms: number): string {
  const d = new Date(ms);
  const s = d.toUTCString(); // "Wed, 01 Jan 2025 00:00:00 GMT"
  const [dow, day, mon, year, time] = s.replace(',', '').split(' ') as [string, string, string, string, string];
  return `${dow} ${mon} ${day} ${time}.${String(ms % 1000).padStart(3, '0')}000 ${year}`;
}

const httpdProgram: Program = async (ctx: ProcessContext) => {
  const t = () => apacheTime(ctx.clock.now());
  ctx.stderr(`AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIp}. Set the 'ServerName' directive globally to suppress this message\n`);
  ctx.stderr(`[${t()}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${VERSION} (Unix) configured -- resuming normal operations\n`);
  ctx.stderr(`[${t()}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n`);
  ctx.listen(80, (req, fromIp) => {
    const got = serveStatic(ctx.fs, ROOT, req.path);
    const body =
      got.status === 200
        ? got.body
        : `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`;
    ctx.stdout(`${clientAddress(fromIp, ctx.podIp)} - - [${clfTime(ctx.clock.now())}] "${req.method} ${req.path} HTTP/1.1" ${got.status} ${body.length}\n`);
    return { status: got.status, headers: { server: `Apache/${VERSION} (Unix)`, 'content-type': 'text/html' }, body: req.method === 'HEAD' ? '' : body };
  });
  const stop = () => {
    ctx.stderr(`[${t()}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully\n`);
    ctx.clock.setTimeout(() => ctx.terminate(0), 100);
  };
  ctx.onSignal('SIGTERM', stop);
  ctx.onSignal('SIGINT', stop);
  return ctx.waitForever();
};

export const httpdFamily: ImageFamily = {
  repositories: ['docker.io/library/httpd'],
  hasTag: (tag) => versionTag(tag, ['alpine']),
  describe: () => ({
    entrypoint: [],
    cmd: ['httpd-foreground'],
    env: { PATH: '/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HTTPD_VERSION: VERSION },
    workingDir: '/usr/local/apache2',
    sizeBytes: 58_000_000,
    files: { 'usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n', 'usr/local/apache2/conf/httpd.conf': 'Listen 80\n' },
    binaries: { 'httpd-foreground': httpdProgram, httpd: httpdProgram },
    shell: true,
    baseMemoryBytes: 6 * MiB,
  }),
};
