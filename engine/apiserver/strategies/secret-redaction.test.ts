/**
 * Secret values never leave the Secret: a cluster (control plane, one node, a pod consuming the
 * Secret) is driven through every Secret path — create with data and stringData, patch, rejected
 * writes (bad base64, a malformed docker config, too big, immutable), a service-account token
 * filled by the controller, a pod using the Secret as env and volume and one missing a key — and
 * then the trace, every event, the components' errors and the apiserver's warnings are searched
 * for a sentinel value and its base64 forms. (kubectl describe secret prints only sizes: that
 * is kubectl's own doing; the HTTP side is engine/node/http/secret-redaction.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { corev1 } from '../../api/types.ts';
import { createCluster } from '../../cluster/index.ts';

const SENTINEL = 'tk-SENTINEL-9f3e1c-hunter2';

/** The sentinel and every base64 form it takes, alone or inside a longer value (three alignments). */
function needles(value: string): string[] {
  const b64 = (t: string) => btoa(String.fromCharCode(...new TextEncoder().encode(t)));
  const out = [value, b64(value)];
  for (const pad of ['x', 'xx']) out.push(b64(pad + value).slice(4, -4));
  return out;
}

const leaks = (text: string) => needles(SENTINEL).filter((n) => text.includes(n));

describe('Secret values never appear in the trace, events, component errors or warnings', () => {
  it('through creates, patches, rejected writes, the token controller and a pod that consumes the Secret', async () => {
    const c = await createCluster({ nodes: 1, seed: 'secret-redaction' });
    try {
      const kubectl = c.client('kubectl');
      const secrets = kubectl.secrets('default');
      const tryIt = (p: Promise<unknown>) => p.then(() => undefined, () => undefined);

      await secrets.create({ metadata: { name: 'db' }, data: { password: btoa(SENTINEL) }, stringData: { user: SENTINEL } });
      await secrets.patch('db', 'strategic', { stringData: { other: `prefix-${SENTINEL}` } });
      await secrets.patch('db', 'merge', { data: { more: btoa(`xx${SENTINEL}`) } });
      await tryIt(secrets.create({ metadata: { name: 'bad64' }, data: { password: SENTINEL } }));
      await tryIt(secrets.create({ metadata: { name: 'reg' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': `{"auths":{"r":{"password":"${SENTINEL}"}}` } }));
      await tryIt(secrets.create({ metadata: { name: 'reg2' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': SENTINEL } }));
      await tryIt(secrets.create({ metadata: { name: 'big' }, stringData: { a: SENTINEL.repeat(50_000) } }));
      await secrets.create({ metadata: { name: 'frozen' }, immutable: true, stringData: { a: SENTINEL } });
      await tryIt(secrets.patch('frozen', 'merge', { stringData: { a: `${SENTINEL}-2` } }));
      await tryIt(secrets.create({ metadata: { name: 'tls' }, type: 'kubernetes.io/tls', stringData: { 'tls.crt': SENTINEL } }));
      await kubectl.serviceaccounts('default').create({ metadata: { name: 'robot' } });
      await secrets.create({ metadata: { name: 'robot-token', annotations: { 'kubernetes.io/service-account.name': 'robot' } }, type: 'kubernetes.io/service-account-token' });

      const pod = (name: string, key: string): corev1.Pod => ({
        metadata: { name },
        spec: {
          containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'], env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key } } }], volumeMounts: [{ name: 's', mountPath: '/etc/s' }] }],
          volumes: [{ name: 's', secret: { secretName: 'db' } }],
        },
      });
      await kubectl.pods('default').create(pod('uses-secret', 'password'));
      await kubectl.pods('default').create(pod('missing-key', 'nope'));
      await c.clock.advance(60_000);

      const token = (await secrets.get('robot-token')).data?.token;
      expect(token, 'the token controller filled the token').toBeTruthy();
      const tokenText = atob(token!);
      const events = (await kubectl.events('').list()).items;
      const haystacks: Record<string, string> = {
        trace: JSON.stringify(c.trace.entries()),
        events: JSON.stringify(events),
        errors: JSON.stringify(c.errors()),
        warnings: JSON.stringify(c.apiserver.warnings()),
      };
      for (const [where, text] of Object.entries(haystacks)) {
        expect(leaks(text), `${where} quotes a Secret value`).toEqual([]);
        expect(text.includes(tokenText) || text.includes(token!), `${where} quotes the service account token`).toBe(false);
      }
      // The run did exercise the failure paths (so the scan above had something to look at).
      expect(c.trace.entries().filter((e) => e.resource === 'secrets' && e.code >= 400).map((e) => e.code).sort()).toEqual([400, 422, 422, 422, 422, 422]);
    } finally {
      await c.close();
    }
  });
});
