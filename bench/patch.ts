/**
 * PATCH throughput: the three patch formats applied to a realistic Deployment (3 containers,
 * env, ports, volumes), the way `kubectl patch` / `kubectl set image` / `kubectl apply` use them.
 * Prints patches applied per second; never asserts.
 */
import { jsonPatch, mergePatch, strategicMergePatch } from '../engine/apiserver/patch/index.ts';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };

function deployment() {
  const container = (name: string) => ({
    name,
    image: `registry.example.com/${name}:1.0.0`,
    env: Array.from({ length: 10 }, (_, i) => ({ name: `VAR_${i}`, value: `value-${i}` })),
    ports: [{ containerPort: 8080, protocol: 'TCP' }, { containerPort: 9090, protocol: 'TCP' }],
    volumeMounts: [{ name: 'config', mountPath: '/etc/config' }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, annotations: { 'example.com/owner': 'team-a' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [container('web'), container('sidecar'), container('log')],
          volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
        },
      },
    },
  };
}

function measure(label: string, fn: () => unknown): void {
  for (let i = 0; i < 500; i++) fn(); // warm up
  const n = 20000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  const s = (performance.now() - t0) / 1000;
  console.log(`   ${label.padEnd(58)} ${Math.round(n / s).toLocaleString('en-US').padStart(9)} patches/s`);
}

export async function run(): Promise<void> {
  const original = deployment();
  measure('json patch: replace one image', () =>
    jsonPatch(original, [{ op: 'replace', path: '/spec/template/spec/containers/1/image', value: 'x:2' }]),
  );
  measure('merge patch: replicas + a label', () => mergePatch(original, { spec: { replicas: 5 }, metadata: { labels: { tier: 'fe' } } }));
  measure('strategic: one container image by name (kubectl set image)', () =>
    strategicMergePatch(original, { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'x:2' }] } } } }, DEPLOYMENT),
  );
  measure('strategic: env change with $setElementOrder (kubectl apply)', () =>
    strategicMergePatch(
      original,
      {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }, { name: 'log' }],
              containers: [{ name: 'web', '$setElementOrder/env': original.spec.template.spec.containers[0]!.env.map((e) => ({ name: e.name })), env: [{ name: 'VAR_3', value: 'changed' }] }],
            },
          },
        },
      },
      DEPLOYMENT,
    ),
  );
}
