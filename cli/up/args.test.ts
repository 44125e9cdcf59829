import { describe, expect, it } from 'vitest';
import { isLoopback, parseUpArgs, UP_DEFAULTS } from './args.ts';

describe('tinykube up arguments', () => {
  it('defaults to port 6443, 3 nodes, .tinykube, speed 1, reference parts, a token, loopback', () => {
    expect(parseUpArgs([])).toEqual({ kind: 'run', options: UP_DEFAULTS, warnings: [] });
    expect(UP_DEFAULTS).toMatchObject({ port: 6443, nodes: 3, dataDir: '.tinykube', speed: 1, parts: 'reference', insecure: false, address: '127.0.0.1' });
  });

  it('reads every flag, as `--flag value` or `--flag=value`', () => {
    const r = parseUpArgs(['--port', '0', '--nodes=5', '--data-dir', '/tmp/x', '--speed', '2.5', '--parts=mine', '--insecure', '--etcd', 'http://127.0.0.1:2379']);
    expect(r).toEqual({
      kind: 'run',
      warnings: [],
      options: { port: 0, nodes: 5, dataDir: '/tmp/x', speed: 2.5, parts: 'mine', insecure: true, address: '127.0.0.1', etcd: 'http://127.0.0.1:2379' },
    });
  });

  it('leaves the ingress port unset by default (8080 or a free port) and reads --ingress-port, 0 meaning any free port', () => {
    expect(UP_DEFAULTS.ingressPort).toBeUndefined();
    const r = parseUpArgs(['--ingress-port', '0']);
    expect(r.kind === 'run' && r.options.ingressPort).toBe(0);
    const s = parseUpArgs(['--ingress-port=9090', '--ingress-https-port', '9443']);
    expect(s.kind === 'run' && s.options).toMatchObject({ ingressPort: 9090, ingressHttpsPort: 9443 });
    expect(UP_DEFAULTS.ingressHttpsPort).toBeUndefined();
  });

  it('asks for help with -h or --help anywhere', () => {
    expect(parseUpArgs(['--port', '1', '--help'])).toEqual({ kind: 'help' });
    expect(parseUpArgs(['-h'])).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port', 'x'], /--port must be an integer from 0 to 65535/],
    [['--port', '70000'], /--port must be/],
    [['--nodes', '-1'], /--nodes needs a value|--nodes must be/],
    [['--speed', '0'], /--speed must be a number above 0/],
    [['--parts', 'yours'], /--parts must be "reference" or "mine"/],
    [['--etcd', 'localhost:2379'], /--etcd must be a URL/],
    [['--port'], /--port needs a value/],
    [['--data-dir', '--insecure'], /--data-dir needs a value/],
    [['--bogus'], /unknown option "--bogus"/],
    [['--ingress-port', '65536'], /--ingress-port must be an integer from 0 to 65535/],
    [['--ingress-port', 'http'], /--ingress-port must be an integer/],
    [['--ingress-https-port', '-1'], /--ingress-https-port needs a value|--ingress-https-port must be/],
  ])('rejects %j with a message saying what is wrong', (argv, message) => {
    const r = parseUpArgs(argv);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toMatch(message);
  });

  it('accepts a non-loopback --address with a warning, and refuses it without a token', () => {
    const r = parseUpArgs(['--address', '0.0.0.0']);
    expect(r.kind).toBe('run');
    expect(r.kind === 'run' && r.warnings[0]).toMatch(/reachable from other machines/);
    const insecure = parseUpArgs(['--address', '0.0.0.0', '--insecure']);
    expect(insecure.kind === 'error' && insecure.message).toMatch(/refusing to serve the API without a token on 0\.0\.0\.0/);
  });

  it('treats 127.x.y.z, ::1 and localhost as loopback and nothing else', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', '127.example.com'].some(isLoopback)).toBe(false);
  });
});
