/**
 * Service defaulting seen through the apiserver and `kubectl apply`: SetDefaults_Service
 * (KK pkg/apis/core/v1/defaults.go) runs on every create and update before validation, so a
 * Service switched back from sessionAffinity ClientIP to the default None loses its
 * sessionAffinityConfig instead of failing validation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import { applyManifests } from '../../client/apply/index.ts';
import { refs } from '../testing.ts';
import { useReferenceHarness } from '../../../test/apiserver-harness.ts';

const h = useReferenceHarness();
const services = () => ({ ...refs.pods(), resource: 'services' });
const sticky = { sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } } };
const service = (spec: Record<string, unknown> = {}, resourceVersion?: string) =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', resourceVersion }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec } }) as KubeObject;

describe('Service sessionAffinity defaulting on update', () => {
  it('a read-modify-write PUT that deletes sessionAffinity (as `kubectl edit` does) is 200: None, no sessionAffinityConfig', async () => {
    const created = await h.api.create(services(), service(sticky));
    expect(created.spec).toMatchObject(sticky);
    const edited = structuredClone(await h.api.get({ ...services(), name: 'web' }));
    delete (edited.spec as Record<string, unknown>).sessionAffinity;
    const updated = await h.api.update({ ...services(), name: 'web' }, edited);
    expect(updated.spec).toMatchObject({ sessionAffinity: 'None' });
    expect(updated.spec).not.toHaveProperty('sessionAffinityConfig');
  });

  it('a PUT with sessionAffinity ClientIP and no config gets the 10800 s default timeout', async () => {
    const created = await h.api.create(services(), service());
    const updated = await h.api.update({ ...services(), name: 'web' }, service({ sessionAffinity: 'ClientIP' }, created.metadata?.resourceVersion));
    expect(updated.spec).toMatchObject({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } } });
  });
});

describe('kubectl apply of a Service without its sessionAffinity lines', () => {
  let cluster: Cluster | undefined;
  afterEach(async () => {
    await cluster?.close();
    cluster = undefined;
  });

  const manifest = (affinity: string) => `apiVersion: v1
kind: Service
metadata:
  name: x
spec:
  selector: {app: x}
  ports:
  - port: 80
${affinity}`;

  it('is `service/x configured`, and the live Service is back to None with no sessionAffinityConfig', async () => {
    cluster = await createCluster({ seed: 'service-defaults' });
    const kubectl = cluster.client('kubectl');
    const withAffinity = manifest('  sessionAffinity: ClientIP\n  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 600\n');
    expect(await applyManifests(kubectl, withAffinity)).toEqual({ ok: true, lines: ['service/x created'] });
    expect(await applyManifests(kubectl, manifest(''))).toEqual({ ok: true, lines: ['service/x configured'] });
    const live = await cluster.client().services('default').get('x');
    expect(live.spec?.sessionAffinity).toBe('None');
    expect(live.spec).not.toHaveProperty('sessionAffinityConfig');
  });

  it('also when only `sessionAffinity: ClientIP` was applied and the timeout came from defaulting', async () => {
    cluster = await createCluster({ seed: 'service-defaults' });
    const kubectl = cluster.client('kubectl');
    expect(await applyManifests(kubectl, manifest('  sessionAffinity: ClientIP\n'))).toEqual({ ok: true, lines: ['service/x created'] });
    expect(await applyManifests(kubectl, manifest(''))).toEqual({ ok: true, lines: ['service/x configured'] });
    const live = await cluster.client().services('default').get('x');
    expect(live.spec?.sessionAffinity).toBe('None');
    expect(live.spec).not.toHaveProperty('sessionAffinityConfig');
  });
});
