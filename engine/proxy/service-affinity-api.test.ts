/**
 * What the API does with sessionAffinity (pkg/apis/core/v1/defaults.go SetDefaults_Service:
 * ClientIP gets timeoutSeconds 10800; pkg/apis/core/validation ValidateService: 1..86400, and no
 * sessionAffinityConfig with affinity None), the inputs kube-proxy's rules rely on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isStatusError } from '../api/errors.ts';
import type { corev1 } from '../api/types.ts';
import { createCluster, type Cluster } from '../cluster/index.ts';

let c: Cluster | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const svc = (name: string, spec: Partial<corev1.ServiceSpec>): corev1.Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: name }, ports: [{ port: 80 }], ...spec },
});

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isStatusError(err)) return `${err.status.code} ${err.status.message}`;
    throw err;
  }
  return 'accepted';
}

describe('Service sessionAffinity in the API', () => {
  it('ClientIP without a config gets timeoutSeconds 10800; None gets no config', async () => {
    c = await createCluster();
    const a = await c.client().services('default').create(svc('sticky', { sessionAffinity: 'ClientIP' }));
    expect(a.spec?.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    const b = await c.client().services('default').create(svc('plain', {}));
    expect(b.spec?.sessionAffinity).toBe('None');
    expect(b.spec?.sessionAffinityConfig).toBeUndefined();
  });

  it('timeoutSeconds must be within 1..86400', async () => {
    c = await createCluster();
    const api = c.client().services('default');
    const cfg = (t: number): Partial<corev1.ServiceSpec> => ({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: t } } });
    expect(await rejection(api.create(svc('zero', cfg(0))))).toMatch(/^422 .*spec\.sessionAffinityConfig\.clientIP\.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400/);
    expect(await rejection(api.create(svc('too-long', cfg(86401))))).toMatch(/^422 .*timeoutSeconds: Invalid value: 86401/);
    expect(await rejection(api.create(svc('one', cfg(1))))).toBe('accepted');
    expect(await rejection(api.create(svc('day', cfg(86400))))).toBe('accepted');
  });
});
