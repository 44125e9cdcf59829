/**
 * Issue 6 acceptance, with the real kubectl against `tinykube up`: the Kubernetes docs' StatefulSet
 * tutorial (website content/en/docs/tutorials/stateful-application/basic-stateful-set.md, manifest
 * application/web/web.yaml) with 3 replicas, as the issue asks — the headless Service `nginx`, the
 * StatefulSet `web` of registry.k8s.io/nginx-slim:0.21 with a `www` volumeClaimTemplate of 1Gi
 * ReadWriteOnce. What the tutorial shows, checked here:
 *  - `kubectl get pods -w -l app=nginx`: web-0, then web-1, then web-2, each created only once the
 *    previous one is Running and Ready (OrderedReady);
 *  - `kubectl get pvc -l app=nginx`: www-web-0..2 Bound, 1Gi, RWO, on the default StorageClass;
 *  - stable identity: hostname web-N, subdomain nginx, the pod-name label, and
 *    `nslookup web-N.nginx.default.svc.cluster.local` from a busybox pod answering the pod's IP;
 *  - `kubectl scale sts web --replicas=1` removes web-2 then web-1 and keeps all three PVCs;
 *    scaling up again reattaches the same claims (same uids); deleting the StatefulSet keeps them too.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBECTL, kubectlAvailable, startTinykube, stopAllTinykubes, waitFor, type Tinykube } from './harness.ts';

const WEB_YAML = `apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.21
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;

/** `kubectl get pods -w` output as (name, ready, status) rows in the order kubectl printed them. */
function rows(out: string): Array<{ name: string; ready: string; status: string }> {
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 3 && f[0] !== 'NAME')
    .map(([name, ready, status]) => ({ name: name!, ready: ready!, status: status! }));
}

/** `kubectl get pods -w -l app=nginx` running in the background, as the tutorial does in a second terminal. */
function watchPods(tk: Tinykube): { out(): string; stop(): void } {
  const child = spawn(KUBECTL, ['--kubeconfig', tk.kubeconfig, '--cache-dir', mkdtempSync(join(tmpdir(), 'tinykube-sts-watch-')), 'get', 'pods', '-w', '-l', 'app=nginx', '--request-timeout=0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  return { out: () => out, stop: () => void child.kill('SIGTERM') };
}

/** A StatefulSet whose pod appends a line to its claim at every start and prints the file. */
const DATA_YAML = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: data
spec:
  serviceName: data
  replicas: 1
  selector:
    matchLabels: { app: data }
  template:
    metadata:
      labels: { app: data }
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: writer
        image: busybox:1.36
        command: ["sh", "-c", "echo started $(hostname) >> /data/log; cat /data/log; sleep 3600"]
        volumeMounts:
        - { name: data, mountPath: /data }
  volumeClaimTemplates:
  - metadata: { name: data }
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources: { requests: { storage: 10Mi } }
`;

const pvcNames = (out: string) => out.trim().split(/\s+/).filter(Boolean).sort();

describe.skipIf(!kubectlAvailable)('issue 6: the StatefulSet tutorial (web) with kubectl', { timeout: 120_000 }, () => {
  let tk: Tinykube;
  let claimUids = '';
  beforeAll(async () => {
    tk = await startTinykube({ nodes: 3, speed: 20, args: ['--ingress-port', '0'] });
  }, 90_000);
  afterAll(stopAllTinykubes);

  it('creates web-0, web-1, web-2 in order, each after the previous one is Running and Ready', async () => {
    const watch = watchPods(tk);
    try {
      const a = await tk.kubectl(['apply', '-f', '-'], { stdin: WEB_YAML });
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout.trim().split('\n')).toEqual(['service/nginx created', 'statefulset.apps/web created']);
      await waitFor(async () => watch.out(), (o) => rows(o).some((r) => r.name === 'web-2' && r.ready === '1/1' && r.status === 'Running'), 60_000, 100);
    } finally {
      watch.stop();
    }
    const out = watch.out();
    const seen = rows(out);
    const first = (name: string) => seen.findIndex((r) => r.name === name);
    const readyAt = (name: string) => seen.findIndex((r) => r.name === name && r.ready === '1/1' && r.status === 'Running');
    expect(readyAt('web-0'), out).toBeGreaterThanOrEqual(0);
    expect(first('web-1'), out).toBeGreaterThan(readyAt('web-0'));
    expect(readyAt('web-1'), out).toBeGreaterThanOrEqual(0);
    expect(first('web-2'), out).toBeGreaterThan(readyAt('web-1'));

    const sts = await tk.kubectl(['get', 'statefulset', 'web']);
    expect(sts.stdout).toMatch(/^web\s+3\/3\s/m);
    const svc = await tk.kubectl(['get', 'service', 'nginx']);
    expect(svc.stdout).toMatch(/^nginx\s+ClusterIP\s+None\s+<none>\s+80\/TCP\s/m);
  });

  it('gives each pod a claim www-web-N, Bound, 1Gi RWO, labelled like the pods', async () => {
    const got = await waitFor(
      () => tk.kubectl(['get', 'pvc', '-l', 'app=nginx']),
      (r) => (r.stdout.match(/^www-web-\d\s+Bound\s/gm) ?? []).length === 3,
    );
    for (const n of [0, 1, 2]) expect(got.stdout).toMatch(new RegExp(`^www-web-${n}\\s+Bound\\s+\\S+\\s+1Gi\\s+RWO\\s+\\S+`, 'm'));
    const vols = await tk.kubectl(['get', 'pod', 'web-0', 'web-1', 'web-2', '-o', 'jsonpath={range .items[*]}{.spec.volumes[0].persistentVolumeClaim.claimName}{" "}{end}']);
    expect(vols.stdout.trim()).toBe('www-web-0 www-web-1 www-web-2');
    const pvs = await tk.kubectl(['get', 'pv', '-o', 'jsonpath={range .items[*]}{.spec.claimRef.name}{" "}{end}']);
    expect(pvcNames(pvs.stdout)).toEqual(['www-web-0', 'www-web-1', 'www-web-2']);
    claimUids = (await tk.kubectl(['get', 'pvc', 'www-web-0', 'www-web-1', 'www-web-2', '-o', 'jsonpath={.items[*].metadata.uid}'])).stdout;
    expect(claimUids.split(' ')).toHaveLength(3);
  });

  it('gives each pod a stable identity: hostname web-N under the nginx subdomain and the pod-name label', async () => {
    const ids = await tk.kubectl(['get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.hostname}.{.spec.subdomain}/{.metadata.labels.statefulset\\.kubernetes\\.io/pod-name}{"\\n"}{end}']);
    expect(ids.stdout.trim().split('\n').sort()).toEqual(['web-0=web-0.nginx/web-0', 'web-1=web-1.nginx/web-1', 'web-2=web-2.nginx/web-2']);
  });

  // The tutorial runs busybox:1.28, whose nslookup goes through the libc resolver (search paths);
  // busybox 1.29+ has its own DNS client that applies search domains only to dotless names, so
  // with a current busybox the names are given in full.
  it('resolves web-0 and web-1 under the headless Service to the pods\' IPs from a busybox pod (nslookup)', async () => {
    const ips = (await tk.kubectl(['get', 'pod', 'web-0', 'web-1', '-o', 'jsonpath={.items[*].status.podIP}'])).stdout.split(' ');
    expect(ips).toHaveLength(2);
    const r = await tk.kubectl(['run', 'dns-test', '--image=busybox:1.36', '--restart=Never', '--', 'sh', '-c', 'nslookup web-0.nginx.default.svc.cluster.local; nslookup web-1.nginx.default.svc.cluster.local']);
    expect(r.code, r.stderr).toBe(0);
    await waitFor(() => tk.kubectl(['get', 'pod', 'dns-test', '-o', 'jsonpath={.status.phase}']), (p) => p.stdout === 'Succeeded' || p.stdout === 'Failed');
    const logs = await tk.kubectl(['logs', 'dns-test']);
    expect(logs.stdout, logs.stdout).toMatch(new RegExp(`Name:\\s+web-0\\.nginx\\.default\\.svc\\.cluster\\.local\\nAddress:\\s+${ips[0]!.replace(/\./g, '\\.')}\\n`));
    expect(logs.stdout, logs.stdout).toMatch(new RegExp(`Name:\\s+web-1\\.nginx\\.default\\.svc\\.cluster\\.local\\nAddress:\\s+${ips[1]!.replace(/\./g, '\\.')}\\n`));
  });

  it('kubectl scale sts web --replicas=1 removes web-2, then web-1, and keeps all three claims Bound', async () => {
    const watch = watchPods(tk);
    try {
      await waitFor(async () => watch.out(), (o) => rows(o).some((r) => r.name === 'web-2'), 30_000, 100);
      const s = await tk.kubectl(['scale', 'sts', 'web', '--replicas=1']);
      expect(s.code, s.stderr).toBe(0);
      expect(s.stdout.trim()).toBe('statefulset.apps/web scaled');
      await waitFor(() => tk.kubectl(['get', 'pods', '-l', 'app=nginx', '-o', 'name']), (r) => r.stdout.trim() === 'pod/web-0');
    } finally {
      watch.stop();
    }
    // Scale-down goes from the highest ordinal, one pod at a time: web-1 only starts terminating
    // once web-2 is gone.
    const seen = rows(watch.out());
    const lastWeb2 = seen.map((r) => r.name).lastIndexOf('web-2');
    const web1Terminating = seen.findIndex((r) => r.name === 'web-1' && r.status === 'Terminating');
    expect(web1Terminating, watch.out()).toBeGreaterThan(lastWeb2);
    await waitFor(() => tk.kubectl(['get', 'statefulset', 'web']), (r) => /^web\s+1\/1\s/m.test(r.stdout));
    const pvc = await tk.kubectl(['get', 'pvc', '-l', 'app=nginx']);
    expect((pvc.stdout.match(/^www-web-\d\s+Bound\s/gm) ?? []).length).toBe(3);
  });

  it('scaling back to 3 reattaches the same claims', async () => {
    expect((await tk.kubectl(['scale', 'sts', 'web', '--replicas=3'])).code).toBe(0);
    await waitFor(() => tk.kubectl(['get', 'statefulset', 'web']), (r) => /^web\s+3\/3\s/m.test(r.stdout));
    const uids = (await tk.kubectl(['get', 'pvc', 'www-web-0', 'www-web-1', 'www-web-2', '-o', 'jsonpath={.items[*].metadata.uid}'])).stdout;
    expect(uids).toBe(claimUids);
  });

  it('deleting the StatefulSet deletes its pods and keeps the claims', async () => {
    const d = await tk.kubectl(['delete', 'statefulset', 'web']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout.trim()).toBe('statefulset.apps "web" deleted');
    await waitFor(() => tk.kubectl(['get', 'pods', '-l', 'app=nginx', '-o', 'name']), (r) => r.code === 0 && r.stdout.trim() === '');
    const pvc = await tk.kubectl(['get', 'pvc', '-o', 'name']);
    expect(pvcNames(pvc.stdout)).toEqual(['persistentvolumeclaim/www-web-0', 'persistentvolumeclaim/www-web-1', 'persistentvolumeclaim/www-web-2']);
  });

  it('a pod that is deleted comes back with the same name and finds what it wrote on its claim', async () => {
    expect((await tk.kubectl(['apply', '-f', '-'], { stdin: DATA_YAML })).code).toBe(0);
    await waitFor(() => tk.kubectl(['logs', 'data-0']), (r) => r.stdout === 'started data-0\n');
    const uid = (await tk.kubectl(['get', 'pod', 'data-0', '-o', 'jsonpath={.metadata.uid}'])).stdout;
    const d = await tk.kubectl(['delete', 'pod', 'data-0']);
    expect(d.code, d.stderr).toBe(0);
    await waitFor(() => tk.kubectl(['get', 'pod', 'data-0', '-o', 'jsonpath={.metadata.uid} {.status.phase}']), (r) => r.code === 0 && !r.stdout.startsWith(uid) && r.stdout.endsWith(' Running'));
    const logs = await waitFor(() => tk.kubectl(['logs', 'data-0']), (r) => r.stdout.length > 0);
    expect(logs.stdout).toBe('started data-0\nstarted data-0\n');
  });
});
