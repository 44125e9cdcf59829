/**
 * docker.io/curlimages/curl: curl on Alpine, the image the docs and tutorials use to poke a
 * Service from inside the cluster (`kubectl run curl --image=curlimages/curl -i --tty -- sh`).
 * Supports the common flags (-s -S -f -i -I -o -m/--max-time -w '%{http_code}' -X -H) and curl's
 * error messages and exit codes: 6 could not resolve host, 7 could not connect, 22 HTTP error
 * with -f, 28 timeout.
 */
import { NetworkError } from '../network.ts';
import type { Program } from '../process.ts';
import { getaddrinfo } from '../resolv-conf.ts';
import { statusText } from '../http-status.ts';
import { BUSYBOX_APPLETS, runShellCommand } from '../shell/applets.ts';
import { Shell, type Applet } from '../shell/interpreter.ts';
import { programApplet } from '../entrypoint.ts';
import { versionTag, MiB, type ImageFamily } from './image.ts';

const VERSION = '8.11.1';

const curl: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  let silent = false;
  let showError = false;
  let fail = false;
  let include = false;
  let head = false;
  let output: string | undefined;
  let maxTimeMs = 0;
  let writeOut: string | undefined;
  let method = 'GET';
  const headers: Record<string, string> = {};
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (/^-[sSfiIL]+$/.test(a)) {
      silent ||= a.includes('s');
      showError ||= a.includes('S');
      fail ||= a.includes('f');
      include ||= a.includes('i');
      head ||= a.includes('I');
    } else if (a === '--silent') silent = true;
    else if (a === '--fail') fail = true;
    else if (a === '-o' || a === '--output') output = argv[++i];
    else if (a === '-m' || a === '--max-time' || a === '--connect-timeout') maxTimeMs = Number(argv[++i]) * 1000;
    else if (a === '-w' || a === '--write-out') writeOut = argv[++i];
    else if (a === '-X' || a === '--request') method = argv[++i] ?? 'GET';
    else if (a === '-H' || a === '--header') {
      const [k, ...v] = (argv[++i] ?? '').split(':');
      headers[(k ?? '').trim().toLowerCase()] = v.join(':').trim();
    } else if (!a.startsWith('-')) url = a;
  }
  const error = (code: number, message: string) => {
    if (!silent || showError) ctx.stderr(`curl: (${code}) ${message}\n`);
    return code;
  };
  if (!url) {
    ctx.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const m = /^(?:http:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) return error(3, 'URL rejected: Malformed input to a URL function');
  const host = m[1] as string;
  const port = m[2] ? Number(m[2]) : 80;
  const ips = await getaddrinfo(ctx, host);
  if (!ips || ips.length === 0) return error(6, `Could not resolve host: ${host}`);
  const ip = ips[0] as string;
  const timeout = maxTimeMs > 0 ? maxTimeMs : 300_000;
  const started = ctx.clock.now();
  let res;
  try {
    res = await ctx.network.httpRequest(ctx.podIp, ip, port, { method: head ? 'HEAD' : method, path: m[3] ?? '/', headers: { host: m[2] ? `${host}:${port}` : host, 'user-agent': `curl/${VERSION}`, accept: '*/*', ...headers } }, timeout);
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    const ms = ctx.clock.now() - started;
    if (err.code === 'ETIMEDOUT') return error(28, `${maxTimeMs > 0 ? 'Operation' : 'Connection'} timed out after ${ms} milliseconds`);
    return error(7, `Failed to connect to ${host} port ${port} after ${ms} ms: Couldn't connect to server`);
  }
  if (fail && res.status >= 400) return error(22, `The requested URL returned error: ${res.status}`);
  let text = '';
  if (include || head) {
    text += `HTTP/1.1 ${res.status} ${statusText(res.status)}\r\n`;
    for (const [k, v] of Object.entries(res.headers)) text += `${k}: ${v}\r\n`;
    text += '\r\n';
  }
  if (!head) text += res.body;
  // `-o -` and no -o write to stdout, which is wherever the shell pointed fd 1 (a pipe, a file,
  // `$(...)`); `-o /dev/null` goes to the container's /dev/null like any file.
  if (output && output !== '-') {
    const problem = ctx.fs.writeFile(output, text, false, ctx.cwd);
    if (problem) return error(23, `Failure writing output to destination`);
  } else ctx.stdout(text);
  if (writeOut) ctx.stdout(writeOut.replace(/%\{http_code\}/g, String(res.status)).replace(/\\n/g, '\n'));
  return 0;
};

export const curlFamily: ImageFamily = {
  repositories: ['docker.io/curlimages/curl'],
  hasTag: (tag) => versionTag(tag),
  describe: () => ({
    entrypoint: ['/entrypoint.sh'],
    cmd: ['curl'],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', CURL_VERSION: VERSION },
    workingDir: '/home/curl_user',
    sizeBytes: 11_900_000,
    files: { 'home/curl_user/.keep': '' },
    // The image's entrypoint runs curl with the given arguments (or a command like `sh`).
    binaries: {
      curl,
      'entrypoint.sh': async (ctx) => {
        const [, first, ...rest] = ctx.argv;
        if (first === undefined || first.startsWith('-') || first === 'curl') {
          return curl(Object.create(ctx, { argv: { value: ['curl', ...(first === 'curl' ? rest : ctx.argv.slice(1))] } }));
        }
        // Another command (`sh`, `sleep 3600`): the entrypoint does `exec "$@"`.
        const commands: Record<string, Applet> = { ...BUSYBOX_APPLETS, curl: programApplet('curl', curl) };
        const sh = new Shell(ctx, commands);
        const io = { stdin: '', out: ctx.stdout, err: ctx.stderr };
        const name = first.split('/').pop() as string;
        if (name === 'sh' || name === 'ash' || name === 'bash') return runShellCommand([first, ...rest], io, sh);
        const applet = commands[name];
        if (!applet) {
          ctx.stderr(`/entrypoint.sh: exec: line 1: ${first}: not found\n`);
          return 127;
        }
        return applet(rest, io, sh);
      },
    },
    shell: true,
    baseMemoryBytes: 2 * MiB,
  }),
};
