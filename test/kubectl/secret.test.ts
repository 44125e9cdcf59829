/**
 * Secrets on the apiserver side with the real kubectl against `tinykube up` (issue 6 item 5):
 * `kubectl apply` of stringData (merged into data, never returned), the 400 kubectl prints for
 * data that is not base64, the 422s of the Secret types, `immutable`, `kubectl describe secret`
 * showing sizes only, and a service-account token Secret filled in by the token controller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlAvailable, startTinykube, stopAllTinykubes, waitFor, type Tinykube } from './harness.ts';

const b64 = (t: string) => Buffer.from(t, 'utf8').toString('base64');

describe.skipIf(!kubectlAvailable)('kubectl and Secrets (apiserver side)', { timeout: 120_000 }, () => {
  let tk: Tinykube;
  beforeAll(async () => {
    tk = await startTinykube({ nodes: 1, speed: 20 });
  }, 90_000);
  afterAll(stopAllTinykubes);

  it('kubectl apply with stringData stores base64 of the UTF-8 text in data, stringData winning; -o json has no stringData', async () => {
    const manifest = ['apiVersion: v1', 'kind: Secret', 'metadata: { name: app }', 'data: { username: ' + b64('old') + ', token: ' + b64('t0k') + ' }', 'stringData: { username: héllo }', ''].join('\n');
    const a = await tk.kubectl(['apply', '-f', '-'], { stdin: manifest });
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout.trim()).toBe('secret/app created');
    const data = await tk.kubectl(['get', 'secret', 'app', '-o', 'jsonpath={.type} {.data.username} {.data.token}']);
    expect(data.stdout).toBe(`Opaque ${b64('héllo')} ${b64('t0k')}`);
    const json = JSON.parse((await tk.kubectl(['get', 'secret', 'app', '-o', 'json'])).stdout);
    expect(json).not.toHaveProperty('stringData');
  });

  it('kubectl describe secret prints sizes, never values', async () => {
    const d = await tk.kubectl(['describe', 'secret', 'app']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/^username:\s+6 bytes$/m);
    expect(d.stdout).toMatch(/^token:\s+3 bytes$/m);
    expect(d.stdout).not.toContain('héllo');
  });

  it('plain text in data: Error from server (BadRequest) ... illegal base64 data at input byte 4', async () => {
    const a = await tk.kubectl(['apply', '-f', '-'], { stdin: 'apiVersion: v1\nkind: Secret\nmetadata: { name: plain }\ndata: { username: admin }\n' });
    expect(a.code).toBe(1);
    expect(a.stderr.trim()).toBe('Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
  });

  it('a YAML number in stringData: Error from server (BadRequest) ... cannot unmarshal number into Go struct field Secret.stringData of type string', async () => {
    const a = await tk.kubectl(['apply', '-f', '-'], { stdin: 'apiVersion: v1\nkind: Secret\nmetadata: { name: db-port }\nstringData: { port: 5432 }\n' });
    expect(a.code).toBe(1);
    expect(a.stderr.trim()).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.stringData of type string',
    );
  });

  it('a kubernetes.io/tls Secret without tls.key is refused with the field path', async () => {
    const a = await tk.kubectl(['apply', '-f', '-'], { stdin: `apiVersion: v1\nkind: Secret\nmetadata: { name: web-tls }\ntype: kubernetes.io/tls\ndata: { tls.crt: ${b64('CERT')} }\n` });
    expect(a.code).toBe(1);
    expect(a.stderr.trim()).toBe('The Secret "web-tls" is invalid: data[tls.key]: Required value');
  });

  it('an immutable Secret refuses new data', async () => {
    const create = await tk.kubectl(['apply', '-f', '-'], { stdin: 'apiVersion: v1\nkind: Secret\nmetadata: { name: frozen }\nimmutable: true\nstringData: { a: "1" }\n' });
    expect(create.code, create.stderr).toBe(0);
    const change = await tk.kubectl(['patch', 'secret', 'frozen', '-p', '{"stringData":{"a":"2"}}']);
    expect(change.code).toBe(1);
    expect(change.stderr.trim()).toBe('The Secret "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  });

  it('a service-account-token Secret gets token, ca.crt and namespace from the token controller', async () => {
    const a = await tk.kubectl(['apply', '-f', '-'], {
      stdin: [
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata: { name: build-robot }',
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: build-robot-secret',
        '  annotations: { kubernetes.io/service-account.name: build-robot }',
        'type: kubernetes.io/service-account-token',
        '',
      ].join('\n'),
    });
    expect(a.code, a.stderr).toBe(0);
    const keys = await waitFor(
      () => tk.kubectl(['get', 'secret', 'build-robot-secret', '-o', 'go-template={{range $k, $v := .data}}{{$k}} {{end}}']),
      (r) => r.stdout.includes('token'),
      30_000,
    );
    expect(keys.stdout.trim()).toBe('ca.crt namespace token');
    const ns = await tk.kubectl(['get', 'secret', 'build-robot-secret', '-o', 'jsonpath={.data.namespace}']);
    expect(Buffer.from(ns.stdout, 'base64').toString()).toBe('default');
  });
});
