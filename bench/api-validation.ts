/**
 * API machinery throughput: what one apiserver write spends on defaulting + validation, and what a
 * list spends on selector matching. Prints figures; asserts nothing.
 */
import { MINIMAL_OBJECTS, defaultObject, findUnknownFields, parseLabelSelector, validateObject, type KubeObject } from '../engine/api/index.ts';
import { validateObjectMeta } from '../solutions/apiserver/object-meta-validation.ts';

function rate(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(1000, n); i++) fn(i); // warm-up (and ajv's lazy compile)
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const s = (performance.now() - t0) / 1000;
  console.log(`   ${label.padEnd(52)} ${Math.round(n / s).toLocaleString('en-US').padStart(10)} ops/s`);
}

export async function run(): Promise<void> {
  const ctx = { objectMeta: validateObjectMeta };
  for (const kind of ['Pod', 'Deployment', 'Service', 'ConfigMap']) {
    const base = MINIMAL_OBJECTS[kind] as KubeObject;
    rate(`${kind}: clone + defaultObject + validateObject`, 20_000, () => {
      const o = structuredClone(base);
      defaultObject(o);
      validateObject(o, ctx);
    });
  }
  const d = structuredClone(MINIMAL_OBJECTS.Deployment as KubeObject);
  defaultObject(d);
  rate('Deployment: findUnknownFields', 50_000, () => void findUnknownFields(d));
  const sel = parseLabelSelector('app=web,tier in (fe,be),!canary');
  const labels = Array.from({ length: 1000 }, (_, i) => ({ app: i % 2 ? 'web' : 'db', tier: i % 3 ? 'fe' : 'be' }));
  rate('label selector match (3 requirements)', 1_000_000, (i) => void sel.matches(labels[i % 1000]));
  rate('label selector parse', 200_000, () => void parseLabelSelector('app=web,tier in (fe,be),!canary'));
}
