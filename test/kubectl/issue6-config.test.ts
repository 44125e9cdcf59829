/**
 * Issue 6 acceptance, with the real kubectl against `tinykube up`: a ConfigMap and a Secret made
 * with `kubectl create configmap|secret generic --from-literal`, consumed by a busybox pod as
 * environment variables (valueFrom and envFrom with a prefix) and as files (configMap and secret
 * volumes), read back with `kubectl logs`; an update of the ConfigMap reaches the mounted file
 * after the kubelet's sync delay but never the environment (KUBERNETES-FACTS ConfigMap/Secret).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCert } from '../../cli/up/self-signed-cert.ts';
import { kubectlAvailable, startTinykube, stopAllTinykubes, waitFor, type Tinykube } from './harness.ts';

const CONSUMER = `apiVersion: v1
kind: Pod
metadata:
  name: consumer
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo greeting=$GREETING; echo password=$PASSWORD; echo prefixed=$CFG_GREETING; echo file=$(cat /etc/cfg/k); echo secret-file=$(cat /etc/secret/token)"]
    env:
    - name: GREETING
      valueFrom:
        configMapKeyRef: { name: app-config, key: GREETING }
    - name: PASSWORD
      valueFrom:
        secretKeyRef: { name: app-secret, key: PASSWORD }
    envFrom:
    - prefix: CFG_
      configMapRef: { name: app-config }
    volumeMounts:
    - { name: cfg, mountPath: /etc/cfg, readOnly: true }
    - { name: sec, mountPath: /etc/secret, readOnly: true }
  volumes:
  - name: cfg
    configMap: { name: app-config }
  - name: sec
    secret: { secretName: app-secret }
`;

const WATCHER = `apiVersion: v1
kind: Pod
metadata:
  name: watcher
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "while true; do echo env=$MODE file=$(cat /etc/cfg/mode); sleep 5; done"]
    env:
    - name: MODE
      valueFrom:
        configMapKeyRef: { name: live-config, key: mode }
    volumeMounts:
    - { name: cfg, mountPath: /etc/cfg }
  volumes:
  - name: cfg
    configMap: { name: live-config }
`;

const PROJECTOR = `apiVersion: v1
kind: Pod
metadata:
  name: projector
spec:
  restartPolicy: Never
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "stat -L -c '%a %n' /etc/tls/cert /etc/all/greeting /etc/all/password /etc/all/podname; cat /etc/all/podname; echo; ls /etc/tls"]
    volumeMounts:
    - { name: tls, mountPath: /etc/tls, readOnly: true }
    - { name: all, mountPath: /etc/all, readOnly: true }
  volumes:
  - name: tls
    secret:
      secretName: app-secret
      defaultMode: 0400
      items:
      - { key: token, path: cert }
  - name: all
    projected:
      defaultMode: 0444
      sources:
      - configMap:
          name: app-config
          items:
          - { key: GREETING, path: greeting }
      - secret:
          name: app-secret
          items:
          - { key: PASSWORD, path: password, mode: 0600 }
      - downwardAPI:
          items:
          - path: podname
            fieldRef: { fieldPath: metadata.name }
`;

describe.skipIf(!kubectlAvailable)('issue 6: ConfigMap and Secret with kubectl', { timeout: 120_000 }, () => {
  let tk: Tinykube;
  beforeAll(async () => {
    tk = await startTinykube({ nodes: 2, speed: 20, args: ['--ingress-port', '0'] });
  }, 90_000);
  afterAll(stopAllTinykubes);

  it('kubectl create configmap and secret generic store the literals; the Secret keeps them base64 in data', async () => {
    const c = await tk.kubectl(['create', 'configmap', 'app-config', '--from-literal=GREETING=hello', '--from-literal=k=from-a-file']);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout.trim()).toBe('configmap/app-config created');
    const s = await tk.kubectl(['create', 'secret', 'generic', 'app-secret', '--from-literal=PASSWORD=s3cr3t', '--from-literal=token=tok-123']);
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout.trim()).toBe('secret/app-secret created');
    const data = await tk.kubectl(['get', 'secret', 'app-secret', '-o', 'jsonpath={.type} {.data.PASSWORD} {.data.token}']);
    expect(data.stdout).toBe(`Opaque ${Buffer.from('s3cr3t').toString('base64')} ${Buffer.from('tok-123').toString('base64')}`);
    const get = await tk.kubectl(['get', 'configmap/app-config', 'secret/app-secret']);
    expect(get.code, get.stderr).toBe(0);
    expect(get.stdout).toMatch(/^configmap\/app-config\s+2\s/m);
    expect(get.stdout).toMatch(/^secret\/app-secret\s+Opaque\s+2\s/m);
  });

  it('a pod reads them as env (valueFrom, envFrom with a prefix) and as files; kubectl logs shows what it printed', async () => {
    const a = await tk.kubectl(['apply', '-f', '-'], { stdin: CONSUMER });
    expect(a.code, a.stderr).toBe(0);
    await waitFor(() => tk.kubectl(['get', 'pod', 'consumer', '-o', 'jsonpath={.status.phase}']), (r) => r.stdout === 'Succeeded' || r.stdout === 'Failed');
    const logs = await tk.kubectl(['logs', 'consumer']);
    expect(logs.code, logs.stderr).toBe(0);
    expect(logs.stdout).toBe(['greeting=hello', 'password=s3cr3t', 'prefixed=hello', 'file=from-a-file', 'secret-file=tok-123', ''].join('\n'));
  });

  it('describe pod names the sources of the env and the volumes, never the secret value', async () => {
    const d = await tk.kubectl(['describe', 'pod', 'consumer']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/GREETING:\s+<set to the key 'GREETING' of config map 'app-config'>/);
    expect(d.stdout).toMatch(/PASSWORD:\s+<set to the key 'PASSWORD' in secret 'app-secret'>/);
    expect(d.stdout).toMatch(/Type:\s+Secret \(a volume populated by a Secret\)/);
    expect(d.stdout).not.toContain('s3cr3t');
  });

  it('a missing key of a required ConfigMap keeps the container waiting in CreateContainerConfigError', async () => {
    const pod = CONSUMER.replace('name: consumer', 'name: broken').replace('key: GREETING }', 'key: NOPE }');
    expect((await tk.kubectl(['apply', '-f', '-'], { stdin: pod })).code).toBe(0);
    const r = await waitFor(
      () => tk.kubectl(['get', 'pod', 'broken']),
      (g) => /broken\s+0\/1\s+CreateContainerConfigError\s/.test(g.stdout),
    );
    expect(r.code).toBe(0);
  });

  it('an updated ConfigMap reaches the mounted file after the sync delay, while the env keeps the old value', async () => {
    expect((await tk.kubectl(['create', 'configmap', 'live-config', '--from-literal=mode=blue'])).code).toBe(0);
    expect((await tk.kubectl(['apply', '-f', '-'], { stdin: WATCHER })).code).toBe(0);
    await waitFor(() => tk.kubectl(['logs', 'watcher']), (r) => r.stdout.includes('env=blue file=blue'));
    const patch = await tk.kubectl(['patch', 'configmap', 'live-config', '--type=merge', '-p', '{"data":{"mode":"green"}}']);
    expect(patch.code, patch.stderr).toBe(0);
    const logs = await waitFor(() => tk.kubectl(['logs', 'watcher']), (r) => r.stdout.includes('file=green'), 90_000, 500);
    expect(logs.stdout).toContain('env=blue file=green');
    expect(logs.stdout).not.toContain('env=green');
  });

  it('items pick and rename keys, and defaultMode / per-item mode set the file modes, in secret and projected volumes', async () => {
    expect((await tk.kubectl(['apply', '-f', '-'], { stdin: PROJECTOR })).code).toBe(0);
    await waitFor(() => tk.kubectl(['get', 'pod', 'projector', '-o', 'jsonpath={.status.phase}']), (r) => r.stdout === 'Succeeded' || r.stdout === 'Failed');
    const logs = await tk.kubectl(['logs', 'projector']);
    expect(logs.stdout).toBe(['400 /etc/tls/cert', '444 /etc/all/greeting', '600 /etc/all/password', '444 /etc/all/podname', 'projector', 'cert', ''].join('\n'));
  });

  it('an immutable ConfigMap refuses a data change', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\ndata:\n  a: "1"\nimmutable: true\n';
    expect((await tk.kubectl(['apply', '-f', '-'], { stdin: cm })).code).toBe(0);
    const p = await tk.kubectl(['patch', 'configmap', 'frozen', '--type=merge', '-p', '{"data":{"a":"2"}}']);
    expect(p.code).toBe(1);
    expect(p.stderr).toContain('The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set');
    expect((await tk.kubectl(['get', 'configmap', 'frozen', '-o', 'jsonpath={.data.a}'])).stdout).toBe('1');
  });

  it('stringData merges into data and wins over the same key', async () => {
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: merged\ndata:\n  user: ${Buffer.from('old').toString('base64')}\n  keep: ${Buffer.from('kept').toString('base64')}\nstringData:\n  user: new\n`;
    const a = await tk.kubectl(['apply', '-f', '-'], { stdin: secret });
    expect(a.code, a.stderr).toBe(0);
    const got = await tk.kubectl(['get', 'secret', 'merged', '-o', 'jsonpath={.data.user} {.data.keep} {.stringData}']);
    expect(got.stdout.trim()).toBe(`${Buffer.from('new').toString('base64')} ${Buffer.from('kept').toString('base64')}`);
  });

  it('kubectl create secret tls makes a kubernetes.io/tls Secret; one without tls.key is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tinykube-tls-'));
    const cert = createSelfSignedCert({ now: Date.now(), dnsNames: ['shop.example.com'], ips: [] });
    writeFileSync(join(dir, 'tls.crt'), cert.certPem);
    writeFileSync(join(dir, 'tls.key'), cert.keyPem);
    const c = await tk.kubectl(['create', 'secret', 'tls', 'shop-tls', `--cert=${join(dir, 'tls.crt')}`, `--key=${join(dir, 'tls.key')}`]);
    rmSync(dir, { recursive: true, force: true });
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout.trim()).toBe('secret/shop-tls created');
    expect((await tk.kubectl(['get', 'secret', 'shop-tls'])).stdout).toMatch(/^shop-tls\s+kubernetes\.io\/tls\s+2\s/m);
    const bad = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: half-tls\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: x\n`;
    const r = await tk.kubectl(['apply', '-f', '-'], { stdin: bad });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Secret "half-tls" is invalid: data\[tls\.key\]: Required value/);
  });

  it('a Secret over 1 MiB is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tinykube-big-'));
    writeFileSync(join(dir, 'blob'), Buffer.alloc(1024 * 1024 + 1, 97));
    const r = await tk.kubectl(['create', 'secret', 'generic', 'big', `--from-file=blob=${join(dir, 'blob')}`]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Secret "big" is invalid: data: Too long/);
    expect((await tk.kubectl(['get', 'secret', 'big'])).code).toBe(1);
  });
});
