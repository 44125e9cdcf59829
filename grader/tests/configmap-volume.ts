/**
 * Pristine tests of the exercise `configmap-volume` (part `configmap.projection`): busybox pods
 * whose kubelet writes configMap, secret and projected volumes with the graded part, seen as
 * `kubectl logs` shows what `ls -l`, `stat -c %a` and `cat` print inside the container, and as
 * `kubectl describe pod` shows a volume that cannot be mounted; then the part's edge cases one by
 * one (engine/kubelet/projection-suite.ts).
 *
 * Upstream behaviour checked here: pkg/volume/configmap/configmap.go and secret/secret.go
 * MakePayload (all keys, or only `items`; item mode over defaultMode; default 0644;
 * `configmap references non-existent config key: K`), projected/projected.go collectData,
 * the FailedMount event `MountVolume.SetUp failed for volume "V" : ...`.
 */
import { expect } from 'vitest';
import type { ProjectVolume } from '../../engine/kubelet/projection.ts';
import { projectionCases } from '../../engine/kubelet/projection-suite.ts';
import { busybox, configMap, eventsAbout, finishedLogs, NS, runUntil, secret } from '../../engine/kubelet/testing/config-consumption.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';

/** `ls -l` lines without the date: mode, links, owner, group, size, name. */
const lsShape = (line: string) => line.replace(/ \w{3} [ \d]\d \d\d:\d\d /, ' ').replace(/\s+/g, ' ');

const cases: GradeCase<ProjectVolume>[] = [
  {
    name: 'a configMap volume without items has one file per key, -rw-r--r-- (0644), as ls -l and cat show',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const api = c.client('kubectl');
      await api.configmaps(NS).create(configMap('game', { lives: '3', 'ui.properties': 'color=red' }));
      t.step('created ConfigMap game {lives: "3", ui.properties: "color=red"}');
      await api.pods(NS).create(busybox('files', 'ls -l /etc/game; cat /etc/game/ui.properties', { volumeMounts: [{ name: 'game', mountPath: '/etc/game' }] }, { volumes: [{ name: 'game', configMap: { name: 'game' } }] }));
      t.step('created pod files: volume game = configMap game at /etc/game; runs `ls -l /etc/game; cat /etc/game/ui.properties`');
      const logs = await finishedLogs(c, 'files');
      expect(logs[0]).toMatch(/^total \d+$/);
      expect(logs.slice(1, 3).map(lsShape)).toEqual(['-rw-r--r-- 1 root root 1 lives', '-rw-r--r-- 1 root root 9 ui.properties']);
      expect(logs.slice(3)).toEqual(['color=red']);
    },
  },
  {
    name: "items put only the chosen keys at their paths; an item's mode wins over defaultMode",
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const api = c.client('kubectl');
      await api.configmaps(NS).create(configMap('game', { lives: '3', 'ui.properties': 'color=red', secret: 'cheat' }));
      await api.secrets(NS).create(secret('db', { user: 'admin', password: 's3cr3t' }));
      t.step('created ConfigMap game {lives, ui.properties, secret} and Secret db {user, password}');
      const script = 'ls /etc/game; ls /etc/game/conf; stat -c "%a %n" /etc/game/conf/lives /etc/game/ui /etc/db/password /etc/db/user; cat /etc/db/password';
      await api.pods(NS).create(
        busybox(
          'items',
          script,
          { volumeMounts: [{ name: 'game', mountPath: '/etc/game' }, { name: 'db', mountPath: '/etc/db' }] },
          {
            volumes: [
              { name: 'game', configMap: { name: 'game', defaultMode: 0o440, items: [{ key: 'lives', path: 'conf/lives', mode: 0o600 }, { key: 'ui.properties', path: 'ui' }] } },
              { name: 'db', secret: { secretName: 'db', defaultMode: 0o400, items: [{ key: 'password', path: 'password', mode: 0o640 }, { key: 'user', path: 'user' }] } },
            ],
          },
        ),
      );
      t.step('created pod items: game items lives→conf/lives (mode 0600), ui.properties→ui, defaultMode 0440; db items password (mode 0640), user, defaultMode 0400');
      expect(await finishedLogs(c, 'items')).toEqual(['conf', 'ui', 'lives', '600 /etc/game/conf/lives', '440 /etc/game/ui', '640 /etc/db/password', '400 /etc/db/user', 's3cr3t']);
    },
  },
  {
    name: 'an item naming a missing key keeps the pod ContainerCreating with FailedMount; optional volumes mount without it',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const api = c.client('kubectl');
      await api.configmaps(NS).create(configMap('game', { lives: '3' }));
      t.step('created ConfigMap game {lives: "3"}');
      await api.pods(NS).create(busybox('strict', 'cat /etc/game/c', { volumeMounts: [{ name: 'game', mountPath: '/etc/game' }] }, { volumes: [{ name: 'game', configMap: { name: 'game', items: [{ key: 'colour', path: 'c' }] } }] }));
      t.step('created pod strict: configMap game, items colour→c (no such key)');
      await runUntil(c, 'a FailedMount event about pod strict', async () => (await eventsAbout(c, 'strict', 'FailedMount')).length > 0);
      expect((await eventsAbout(c, 'strict', 'FailedMount'))[0]?.message).toBe('MountVolume.SetUp failed for volume "game" : configmap references non-existent config key: colour');
      expect((await c.client().pods(NS).get('strict')).status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ContainerCreating');
      await api.pods(NS).create(
        busybox('lenient', 'ls /etc/game; ls /etc/none | wc -l', { volumeMounts: [{ name: 'game', mountPath: '/etc/game' }, { name: 'none', mountPath: '/etc/none' }] }, {
          volumes: [
            { name: 'game', configMap: { name: 'game', optional: true, items: [{ key: 'colour', path: 'c' }, { key: 'lives', path: 'l' }] } },
            { name: 'none', configMap: { name: 'missing', optional: true } },
          ],
        }),
      );
      t.step('created pod lenient: optional configMap game with items colour→c, lives→l; optional configMap missing');
      expect(await finishedLogs(c, 'lenient')).toEqual(['l', '0']);
    },
  },
  {
    name: 'a projected volume merges a ConfigMap, a Secret and the downward API; a later source wins a shared path',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const api = c.client('kubectl');
      await api.configmaps(NS).create(configMap('defaults', { mode: 'default', size: 'L' }));
      await api.configmaps(NS).create(configMap('overrides', { mode: 'override' }));
      await api.secrets(NS).create(secret('db', { password: 's3cr3t' }));
      t.step('created ConfigMaps defaults {mode, size} and overrides {mode}, Secret db {password}');
      await api.pods(NS).create({
        ...busybox('proj', 'cat /p/mode; echo; cat /p/size; echo; cat /p/creds/password; echo; cat /p/name; echo; stat -c %a /p/mode /p/creds/password', { volumeMounts: [{ name: 'all', mountPath: '/p' }] }, {
          volumes: [
            {
              name: 'all',
              projected: {
                defaultMode: 0o440,
                sources: [
                  { configMap: { name: 'defaults' } },
                  { configMap: { name: 'overrides' } },
                  { secret: { name: 'db', items: [{ key: 'password', path: 'creds/password', mode: 0o400 }] } },
                  { downwardAPI: { items: [{ path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
                ],
              },
            },
          ],
        }),
      });
      t.step('created pod proj: projected volume (defaultMode 0440) of configMap defaults, configMap overrides, secret db password→creds/password (0400), downwardAPI name');
      expect(await finishedLogs(c, 'proj')).toEqual(['override', 'L', 's3cr3t', 'proj', '440', '400']);
    },
  },
];

export default defineExerciseTests({
  part: 'configmap.projection',
  load: (m) => exportOf<ProjectVolume>(m, 'projectVolume'),
  cases: [...cases, ...projectionCases.map((c): GradeCase<ProjectVolume> => ({ name: c.name, kind: 'part', run: (part) => c.run(part) }))],
});
