/**
 * ConfigMaps and Secrets as a pod consumes them, seen through the API and the container's logs
 * (website concepts/configuration/configmap.md and secret.md; task configure-pod-configmap.md).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster/index.ts';
import { busybox, configMap, eventsAbout, finishedLogs, logsOf, NS, runUntil, secret, waitingOf } from './testing/config-consumption.ts';

let c: Cluster | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

async function cluster(): Promise<Cluster> {
  c = await createCluster({ nodes: 1 });
  return c;
}

describe('kubelet: ConfigMap and Secret as environment variables', () => {
  it('envFrom with a prefix, valueFrom a Secret key, and optional references to missing sources', async () => {
    const c = await cluster();
    const api = c.client('kubectl');
    await api.configmaps(NS).create(configMap('app', { LEVEL: 'debug', MODE: 'fast' }));
    await api.secrets(NS).create(secret('db', { password: 's3cr3t' }));
    await api.pods(NS).create(
      busybox('env', 'echo "$APP_LEVEL $APP_MODE $DB_PASSWORD ${OPT-unset} ${GONE-unset}"', {
        envFrom: [{ prefix: 'APP_', configMapRef: { name: 'app' } }, { secretRef: { name: 'nope', optional: true } }],
        env: [
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          { name: 'OPT', valueFrom: { configMapKeyRef: { name: 'app', key: 'missing', optional: true } } },
          { name: 'GONE', valueFrom: { configMapKeyRef: { name: 'absent', key: 'k', optional: true } } },
        ],
      }),
    );
    expect(await finishedLogs(c, 'env')).toEqual(['debug fast s3cr3t unset unset']);
  });

  it('a missing key keeps the container in CreateContainerConfigError with the upstream message and a Failed event, naming no value', async () => {
    const c = await cluster();
    const api = c.client('kubectl');
    await api.secrets(NS).create(secret('db', { password: 's3cr3t' }));
    await api.pods(NS).create(busybox('broken', 'echo hi', { env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'passwd' } } }] }));
    await runUntil(c, 'the container waits in CreateContainerConfigError', async () => (await waitingOf(c, 'broken'))?.reason === 'CreateContainerConfigError');
    expect(await waitingOf(c, 'broken')).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key passwd in Secret default/db" });
    const failed = await eventsAbout(c, 'broken', 'Failed');
    expect(failed[0]).toMatchObject({ type: 'Warning', message: "Error: couldn't find key passwd in Secret default/db" });
    const all = JSON.stringify(await c.client().events(NS).list());
    expect(all).not.toContain('s3cr3t');
    expect(all).not.toContain(btoa('s3cr3t'));
    // Once the key exists, the next retry starts the container.
    await api.secrets(NS).update({ ...(await api.secrets(NS).get('db')), data: { passwd: btoa('x') } });
    expect(await finishedLogs(c, 'broken')).toEqual(['hi']);
  });
});

describe('kubelet: configMap, secret and projected volumes', () => {
  it('items put chosen keys at their paths with their modes; ls -l and stat show them; the volume is read-only', async () => {
    const c = await cluster();
    const api = c.client('kubectl');
    await api.configmaps(NS).create(configMap('game', { lives: '3', 'ui.properties': 'color=red' }));
    await api.secrets(NS).create(secret('db', { password: 's3cr3t' }));
    const script = 'ls -l /etc/game; ls /etc/game/conf; cat /etc/game/conf/lives; echo; stat -c "%a %n" /etc/secret/password; echo x > /etc/game/new || echo denied';
    await api.pods(NS).create(
      busybox(
        'files',
        script,
        { volumeMounts: [{ name: 'game', mountPath: '/etc/game' }, { name: 'db', mountPath: '/etc/secret' }] },
        {
          volumes: [
            { name: 'game', configMap: { name: 'game', items: [{ key: 'lives', path: 'conf/lives' }, { key: 'ui.properties', path: 'ui', mode: 0o600 }] } },
            { name: 'db', secret: { secretName: 'db', defaultMode: 0o400 } },
          ],
        },
      ),
    );
    const logs = await finishedLogs(c, 'files');
    expect(logs[0]).toMatch(/^total \d+$/);
    expect(logs[1]).toMatch(/^drwxr-xr-x\s+2 root\s+root\s+4096 \w{3} [ \d]\d \d\d:\d\d conf$/);
    expect(logs[2]).toMatch(/^-rw-------\s+1 root\s+root\s+9 \w{3} [ \d]\d \d\d:\d\d ui$/);
    expect(logs.slice(3)).toEqual(['lives', '3', '400 /etc/secret/password', 'sh: can\'t create /etc/game/new: Read-only file system', 'denied']);
  });

  it('a missing ConfigMap keeps the pod ContainerCreating with a FailedMount event until it is created', async () => {
    const c = await cluster();
    const api = c.client('kubectl');
    await api.pods(NS).create(busybox('waits', 'cat /etc/cfg/mode', { volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }] }, { volumes: [{ name: 'cfg', configMap: { name: 'later' } }] }));
    await runUntil(c, 'a FailedMount event', async () => (await eventsAbout(c, 'waits', 'FailedMount')).length > 0);
    expect((await eventsAbout(c, 'waits', 'FailedMount'))[0]?.message).toBe('MountVolume.SetUp failed for volume "cfg" : configmap "later" not found');
    expect((await waitingOf(c, 'waits'))?.reason).toBe('ContainerCreating');
    await api.configmaps(NS).create(configMap('later', { mode: 'blue' }));
    expect(await finishedLogs(c, 'waits')).toEqual(['blue']);
  });

  it('an update reaches the mounted file within a pod sync (60 s), but neither the env var nor a subPath mount', async () => {
    const c = await cluster();
    const api = c.client('kubectl');
    await api.configmaps(NS).create(configMap('live', { mode: 'blue', gone: 'soon' }));
    const script = 'while true; do echo "env=$MODE file=$(cat /etc/cfg/mode) sub=$(cat /etc/mode) keys="$(ls /etc/cfg); sleep 5; done';
    await api.pods(NS).create(
      busybox(
        'watcher',
        script,
        { env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'live', key: 'mode' } } }], volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }, { name: 'cfg', mountPath: '/etc/mode', subPath: 'mode' }] },
        { restartPolicy: 'Always', volumes: [{ name: 'cfg', configMap: { name: 'live' } }] },
      ),
    );
    await runUntil(c, 'the pod printed its first line', async () => (await logsOf(c, 'watcher')).length > 0);
    expect((await logsOf(c, 'watcher'))[0]).toBe('env=blue file=blue sub=blue keys=gone mode');
    await api.configmaps(NS).update({ ...(await api.configmaps(NS).get('live')), data: { mode: 'green' } });
    await c.clock.advance(61_000);
    const last = (await logsOf(c, 'watcher')).at(-1);
    expect(last).toBe('env=blue file=green sub=blue keys=mode');
  });

  it('an immutable ConfigMap is read once: re-created with other data, the mounted file keeps the old content', async () => {
    const c = await cluster();
    const api = c.client('kubectl');
    await api.configmaps(NS).create(configMap('frozen', { mode: 'v1' }, { immutable: true }));
    await api.configmaps(NS).create(configMap('plain', { mode: 'v1' }));
    const script = 'while true; do echo "$(cat /etc/frozen/mode) $(cat /etc/plain/mode)"; sleep 5; done';
    await api.pods(NS).create(
      busybox(
        'reader',
        script,
        { volumeMounts: [{ name: 'frozen', mountPath: '/etc/frozen' }, { name: 'plain', mountPath: '/etc/plain' }] },
        { restartPolicy: 'Always', volumes: [{ name: 'frozen', configMap: { name: 'frozen' } }, { name: 'plain', configMap: { name: 'plain' } }] },
      ),
    );
    await runUntil(c, 'the pod printed its first line', async () => (await logsOf(c, 'reader')).length > 0);
    await api.configmaps(NS).delete('frozen');
    await api.configmaps(NS).create(configMap('frozen', { mode: 'v2' }, { immutable: true }));
    await api.configmaps(NS).update({ ...(await api.configmaps(NS).get('plain')), data: { mode: 'v2' } });
    await c.clock.advance(61_000);
    expect((await logsOf(c, 'reader')).at(-1)).toBe('v1 v2');
  });

  it('a projected volume merges a ConfigMap, a Secret, the downward API and a service account token', async () => {
    const c = await cluster();
    const api = c.client('kubectl');
    await api.configmaps(NS).create(configMap('app', { mode: 'fast' }));
    await api.secrets(NS).create(secret('db', { password: 's3cr3t' }));
    const script = 'cat /p/cfg/mode; echo; cat /p/creds/password; echo; cat /p/labels; echo; stat -c %a /p/creds/password; test -s /p/token && echo token';
    await api.pods(NS).create({
      ...busybox('proj', script, { volumeMounts: [{ name: 'all', mountPath: '/p' }] }, {
        volumes: [
          {
            name: 'all',
            projected: {
              defaultMode: 0o440,
              sources: [
                { configMap: { name: 'app', items: [{ key: 'mode', path: 'cfg/mode' }] } },
                { secret: { name: 'db', items: [{ key: 'password', path: 'creds/password', mode: 0o400 }] } },
                { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
                { serviceAccountToken: { path: 'token', audience: 'vault' } },
              ],
            },
          },
        ],
      }),
      metadata: { name: 'proj', labels: { app: 'web', tier: 'front' } },
    });
    const logs = await finishedLogs(c, 'proj');
    expect(logs).toEqual(['fast', 's3cr3t', 'app="web"', 'tier="front"', '400', 'token']);
  });
});
