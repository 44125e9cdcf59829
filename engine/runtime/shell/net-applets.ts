/**
 * busybox's network applets over the cluster network: `wget` (networking/wget.c) and
 * `nslookup` (networking/nslookup.c), which answer only once cluster DNS serves the nameserver
 * of the container's /etc/resolv.conf (or, without one, a Resolver is installed on the network).
 */
import { statusText } from '../http-status.ts';
import { NetworkError } from '../network.ts';
import { canonicalName, type DnsQuestion, type DnsResponse, type DnsType } from '../dns-message.ts';
import { getaddrinfo, parseResolvConf } from '../resolv-conf.ts';
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
  const ips = await getaddrinfo(sh.ctx, host);
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

const NSLOOKUP_TYPES: readonly DnsType[] = ['SOA', 'NS', 'A', 'AAAA', 'CNAME', 'MX', 'TXT', 'PTR', 'SRV', 'ANY'];

/** `10.96.0.10` → `10.0.96.10.in-addr.arpa` (busybox make_ptr); undefined for a name. */
function reverseName(name: string): string | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return undefined;
  return `${name.split('.').reverse().join('.')}.in-addr.arpa`;
}

/** One printed reply (busybox parse_reply): A as Name/Address, others as `<name>\t<kind> = <data>`. */
function formatReply(r: DnsResponse): string {
  let out = r.authoritative ? '' : 'Non-authoritative answer:\n';
  for (const rr of r.answers) {
    if (rr.type === 'A') out += `Name:\t${rr.name}\nAddress: ${rr.address}\n`;
    else if (rr.type === 'CNAME') out += `${rr.name}\tcanonical name = ${rr.target}\n`;
    else if (rr.type === 'PTR') out += `${rr.name}\tname = ${rr.target}\n`;
    else if (rr.type === 'SRV') out += `${rr.name}\tservice = ${rr.priority} ${rr.weight} ${rr.port} ${rr.target}\n`;
  }
  return out;
}

/**
 * busybox 1.36 `nslookup [-type=T] HOST [SERVER]` (networking/nslookup.c, the FEATURE_NSLOOKUP_BIG
 * resolver): asks the first nameserver of /etc/resolv.conf (127.0.0.1 without one) for A and AAAA
 * (PTR for an address). A HOST without any dot is tried under each search domain
 * (add_query_with_search) — only then: busybox ignores ndots, so `nslookup web.default` is
 * NXDOMAIN where `wget web.default` works, a known busybox quirk. Replies print in query order
 * after a `Server:`/`Address:` header; a failed query as `** server can't find NAME: RCODE`, an
 * empty one (the AAAA of an IPv4-only name) as `*** Can't find NAME: No answer`. Exit status 1
 * when no server answered or any query failed — so the dotless `nslookup web`, whose other search
 * candidates are NXDOMAIN, exits 1 even though it printed the address; `until nslookup <fqdn>`
 * loops wait for the name to exist.
 */
async function nslookup(args: string[], io: ShellIO, sh: Shell): Promise<number> {
  const types: DnsType[] = [];
  const operands: string[] = [];
  for (const a of args) {
    if (!a.startsWith('-')) {
      operands.push(a);
      continue;
    }
    const [opt, value = ''] = a.slice(1).split('=');
    if (opt === 'type' || opt === 'querytype' || opt === 'query' || opt === 'q') {
      const t = NSLOOKUP_TYPES.find((x) => x === value.toUpperCase());
      if (!t) {
        io.err(`nslookup: invalid query type "${value}"\n`);
        return 1;
      }
      if (!types.includes(t)) types.push(t);
    }
  }
  const [host, explicitServer] = operands;
  if (!host || operands.length > 2) {
    io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  const conf = parseResolvConf(sh.ctx.fs.readFile('/etc/resolv.conf'));
  const withSearch = (type: DnsType, name: string): DnsQuestion[] =>
    type === 'PTR' || !conf.search.length || name.includes('.') ? [{ name: canonicalName(name), type }] : conf.search.map((d) => ({ name: canonicalName(`${name}.${d}`), type }));
  const questions: DnsQuestion[] = [];
  if (types.length === 0) {
    const ptr = reverseName(host);
    if (ptr) questions.push({ name: ptr, type: 'PTR' });
    else questions.push(...withSearch('A', host), ...withSearch('AAAA', host));
  } else {
    for (const t of NSLOOKUP_TYPES) if (types.includes(t)) questions.push(...withSearch(t, t === 'PTR' ? (reverseName(host) ?? host) : host));
  }
  const servers = explicitServer ? [explicitServer] : conf.nameservers.length ? conf.nameservers : ['127.0.0.1'];
  for (const server of servers) {
    const replies: DnsResponse[] = [];
    try {
      for (const q of questions) replies.push(await sh.ctx.network.dnsQuery(sh.ctx.podIp, server, q));
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      continue;
    }
    let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
    let status = 0;
    replies.forEach((r, i) => {
      const name = questions[i]!.name;
      if (r.rcode !== 'NOERROR') {
        out += `** server can't find ${name}: ${r.rcode}\n`;
        status = 1;
      } else {
        out += formatReply(r);
        if (!r.answers.length) out += `*** Can't find ${name}: No answer\n`;
      }
      out += '\n';
    });
    io.out(out);
    return status;
  }
  io.out(';; connection timed out; no servers could be reached\n\n');
  return 1;
}

export const NET_APPLETS: Record<string, Applet> = {
  wget,
  nslookup,
};
