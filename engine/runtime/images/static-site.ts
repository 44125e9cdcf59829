/**
 * The static file serving nginx and httpd share: map a request path to a file under the
 * document root (a directory serves its index.html), answer 200 with the file, or 404.
 */
import type { ContainerFs } from '../container-fs.ts';

export interface StaticResult {
  status: number;
  body: string;
  /** The filesystem path tried (for nginx's error log). */
  file: string;
  contentType: string;
}

export function serveStatic(fs: ContainerFs, root: string, requestPath: string): StaticResult {
  const path = decodeURIComponent(requestPath.split('?')[0] ?? '/');
  let file = `${root}${path}`;
  if (fs.isDirectory(file)) file = `${file.replace(/\/$/, '')}/index.html`;
  const body = fs.readFile(file);
  if (body === undefined) return { status: 404, body: '', file, contentType: 'text/html' };
  const ext = file.split('.').pop() ?? '';
  const contentType = { html: 'text/html', txt: 'text/plain', json: 'application/json', css: 'text/css', js: 'application/javascript' }[ext] ?? 'application/octet-stream';
  return { status: 200, body, file, contentType };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** Common Log Format time: `01/Jan/2025:00:00:05 +0000`. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** nginx error-log time: `2025/01/01 00:00:05`. */
export function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/**
 * The address a server sees for a request. Requests from the node (the kubelet's probes,
 * `curl` on the node) leave through the bridge, so a pod sees the pod network's gateway, the
 * podCIDR's `.1` (e.g. `10.244.1.1 - - [...] "GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32"`).
 */
export function clientAddress(fromIp: string | undefined, podIp: string): string {
  return fromIp ?? podIp.replace(/\.\d+$/, '.1');
}
