/**
 * busybox's network applets over the cluster network: `wget` (networking/wget.c) and
 * `nslookup` (networking/nslookup.c), which answers only once a resolver (cluster DNS) is
 * installed on the network.
 */
import { statusText } from '../http-status.ts';
import { NetworkError } from '../network.ts';
import type { Applet, Shell, ShellIO } from './interpreter.ts';

async function wget(args: string[], io: ShellIO, sh: Shell): Promise<number> {
  let quiet = false;
  let output: string | undefined;
  let timeoutMs = 900_000; // busybox wget's default -T
  let spider = false;
  let url: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k] as string;
    if (a === '-q') quiet = true;
    else if (a === '-qO-' || a === '-qO') {
      quiet = true;
      output = a === '-qO-' ? '-' : args[++k];
    } else if (a === '-O') output = args[++k];
    else if (a.startsWith('-O')) output = a.slice(2);
    else if (a === '-T') timeoutMs = Number(args[++k]) * 1000;
    else if (a.startsWith('--timeout=')) timeoutMs = Number(a.slice(10)) * 1000;
    else if (a === '--spider') spider = true;
    else if (!a.startsWith('-')) url = a;
  }
  if (!url) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n');
    return 1;
  }
  const m = /^(?:http:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!m) {
    io.err(`wget: not an http or ftp url: ${url}\n`);
    return 1;
  }
  const host = m[1] as string;
  const port = m[2] ? Number(m[2]) : 80;
  const path = m[3] ?? '/';
  const ips = await sh.ctx.network.resolve(host, sh.ctx.podIp);
  if (!ips || ips.length === 0) {
    io.err(`wget: bad address '${host}'\n`);
    return 1;
  }
  const ip = ips[0] as string;
  if (!quiet) io.err(`Connecting to ${host}${m[2] ? `:${port}` : ''} (${ip}:${port})\n`);
  let res;
  try {
    res = await sh.ctx.network.httpRequest(sh.ctx.podIp, ip, port, { method: spider ? 'HEAD' : 'GET', path, headers: { host: m[2] ? `${host}:${port}` : host, 'user-agent': 'Wget' } }, timeoutMs);
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    if (err.code === 'ECONNREFUSED') io.err(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    else if (err.code === 'ETIMEDOUT') io.err('wget: download timed out\n');
    else io.err(`wget: can't connect to remote host (${ip}): No route to host\n`);
    return 1;
  }
  if (res.status < 200 || res.status >= 300) {
    io.err(`wget: server returned error: HTTP/1.1 ${res.status} ${statusText(res.status)}\n`);
    return 1;
  }
  if (spider) return 0;
  const file = output ?? (path.split('/').pop() || 'index.html');
  if (file === '-') io.out(res.body);
  else {
    const problem = sh.ctx.fs.writeFile(file, res.body, false, sh.cwd);
    if (problem) {
      io.err(`wget: can't open '${file}': ${problem}\n`);
      return 1;
    }
    if (!quiet) io.err(`saving to '${file}'\n'${file}' saved\n`);
  }
  return 0;
}

export const NET_APPLETS: Record<string, Applet> = {
  wget,
  nslookup: async (args, io, sh) => {
    const name = args.find((a) => !a.startsWith('-'));
    if (!name) return 1;
    // Cluster DNS arrives with a later issue; until a resolver is installed nobody answers.
    const ips = await sh.ctx.network.resolve(name, sh.ctx.podIp);
    if (ips === undefined) {
      io.out(';; connection timed out; no servers could be reached\n\n');
      return 1;
    }
    io.out(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n`);
    if (ips.length === 0) {
      io.out(`** server can't find ${name}: NXDOMAIN\n\n`);
      return 1;
    }
    io.out(`Name:\t${name}\n`);
    for (const ip of ips) io.out(`Address: ${ip}\n`);
    io.out('\n');
    return 0;
  },
};
