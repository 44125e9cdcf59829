/**
 * `tinykube up`'s command line: flags to UpOptions, or a message saying what is wrong. Pure (no
 * I/O) so every rule — defaults, ranges, the loopback guard — is tested without starting anything.
 *
 * The loopback guard mirrors what kube-apiserver does NOT do by default (it binds 0.0.0.0) and
 * what `kind` does: a learner's cluster listens on 127.0.0.1 only. Another address must be asked
 * for explicitly with --address, prints a warning, and is refused without a token (--insecure).
 */
export interface UpOptions {
  port: number;
  nodes: number;
  dataDir: string;
  speed: number;
  parts: 'reference' | 'mine';
  insecure: boolean;
  address: string;
  etcd?: string;
  /** --ingress-port: undefined = 8080, or any free port when 8080 is taken; 0 = any free port. */
  ingressPort?: number;
  /** --ingress-https-port: undefined = 8443, or any free port when 8443 is taken; 0 = any free port. */
  ingressHttpsPort?: number;
}

export type UpArgs =
  | { kind: 'help' }
  | { kind: 'run'; options: UpOptions; warnings: string[] }
  | { kind: 'error'; message: string };

export const UP_DEFAULTS: UpOptions = {
  port: 6443,
  nodes: 3,
  dataDir: '.tinykube',
  speed: 1,
  parts: 'reference',
  insecure: false,
  address: '127.0.0.1',
};

export const UP_USAGE = `Usage: tinykube up [options]

Starts a simulated Kubernetes cluster on the real clock and serves its API over HTTP, so the real
kubectl (or any Kubernetes client) can use it. Writes <data-dir>/kubeconfig.

Options:
  --port <n>             API port on the address (default 6443; 0 picks a free port)
  --nodes <n>            simulated nodes (default 3)
  --data-dir <dir>       where the cluster keeps its state, token and kubeconfig (default .tinykube)
  --speed <x>            run simulated time x times faster than the wall clock (default 1)
  --parts reference|mine reference parts (default), or your exercises/ parts for every exercise
                         you have completed (the rest stay the reference)
  --insecure             no bearer token: any local program can use the API
  --address <ip>         listen address (default 127.0.0.1; anything else is reachable from
                         other machines and prints a warning)
  --etcd <url>           keep the cluster in a real etcd (e.g. http://127.0.0.1:2379)
  --ingress-port <n>     host port of the ingress controller (default 8080, or a free port
                         when 8080 is taken; 0 picks a free port). NodePort Services are served
                         on <address>:<nodePort> as well
  --ingress-https-port <n>
                         host port of the ingress controller's HTTPS, with the certificate of
                         the Ingress's TLS Secret for the requested host (default 8443, or a free
                         port when 8443 is taken; 0 picks a free port)
  -h, --help             this help

Stop it with Ctrl-C (SIGINT) or SIGTERM: the state is flushed and a restart finds every object.`;

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

export function isLoopback(address: string): boolean {
  return LOOPBACK.test(address);
}

export function parseUpArgs(argv: readonly string[]): UpArgs {
  const options: UpOptions = { ...UP_DEFAULTS };
  const warnings: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { kind: 'help' };
    if (arg === '--insecure') {
      options.insecure = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string | undefined => {
      if (eq > 0 && arg.startsWith('--')) return arg.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i++;
      return next;
    };
    if (!['--port', '--nodes', '--data-dir', '--speed', '--parts', '--address', '--etcd', '--ingress-port', '--ingress-https-port'].includes(flag)) {
      return { kind: 'error', message: `unknown option ${JSON.stringify(arg)} (see tinykube up --help)` };
    }
    const value = takeValue();
    if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value (see tinykube up --help)` };
    switch (flag) {
      case '--port': {
        const n = integer(value);
        if (n === undefined || n < 0 || n > 65535) return { kind: 'error', message: `--port must be an integer from 0 to 65535, got ${JSON.stringify(value)}` };
        options.port = n;
        break;
      }
      case '--ingress-port':
      case '--ingress-https-port': {
        const n = integer(value);
        if (n === undefined || n > 65535) return { kind: 'error', message: `${flag} must be an integer from 0 to 65535, got ${JSON.stringify(value)}` };
        if (flag === '--ingress-port') options.ingressPort = n;
        else options.ingressHttpsPort = n;
        break;
      }
      case '--nodes': {
        const n = integer(value);
        if (n === undefined || n < 0 || n > 100) return { kind: 'error', message: `--nodes must be an integer from 0 to 100, got ${JSON.stringify(value)}` };
        options.nodes = n;
        break;
      }
      case '--speed': {
        const x = Number(value);
        if (!Number.isFinite(x) || x <= 0 || x > 1000) return { kind: 'error', message: `--speed must be a number above 0 and at most 1000, got ${JSON.stringify(value)}` };
        options.speed = x;
        break;
      }
      case '--parts':
        if (value !== 'reference' && value !== 'mine') return { kind: 'error', message: `--parts must be "reference" or "mine", got ${JSON.stringify(value)}` };
        options.parts = value;
        break;
      case '--data-dir':
        options.dataDir = value;
        break;
      case '--address':
        options.address = value;
        break;
      case '--etcd':
        if (!/^https?:\/\/[^/\s]+/.test(value)) return { kind: 'error', message: `--etcd must be a URL such as http://127.0.0.1:2379, got ${JSON.stringify(value)}` };
        options.etcd = value;
        break;
    }
  }
  if (!isLoopback(options.address)) {
    if (options.insecure) {
      return { kind: 'error', message: `refusing to serve the API without a token on ${options.address}, which is not a loopback address: drop --insecure or use --address 127.0.0.1` };
    }
    warnings.push(`listening on ${options.address}: the API is reachable from other machines (anyone with the token in the kubeconfig can use it)`);
  }
  return { kind: 'run', options, warnings };
}

function integer(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}
