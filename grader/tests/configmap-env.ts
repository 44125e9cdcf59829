/**
 * Pristine tests of the exercise `configmap-env` (part `configmap.env`): busybox pods whose
 * kubelet builds their environment with the graded part, seen as `kubectl logs` shows what they
 * print and `kubectl get pod` / `kubectl describe pod` show a container that cannot start; then
 * the part's edge cases one by one (engine/kubelet/environment-suite.ts).
 *
 * Upstream behaviour checked here: pkg/kubelet/kubelet_pods.go makeEnvironmentVariables (envFrom
 * first, env overrides it; optional references; `couldn't find key K in ConfigMap NS/NAME`;
 * the container waits in CreateContainerConfigError with a Warning `Failed` event `Error: ...`),
 * third_party/forked/golang/expansion (`$(VAR)` of variables defined before, `$$`).
 */
import { expect } from 'vitest';
import type { MakeEnvironment } from '../../engine/kubelet/environment.ts';
import { environmentCases } from '../../engine/kubelet/environment-suite.ts';
import { busybox, configMap, eventsAbout, finishedLogs, NS, runUntil, secret, waitingOf } from '../../engine/kubelet/testing/config-consumption.ts';
import { defineExerciseTests, exportOf, type GradeCase } from '../exercise-tests.ts';

const clusterCases: GradeCase<MakeEnvironment>[] = [
  {
    name: 'a pod prints variables from envFrom (with a prefix) and a Secret key; optional references to missing ones are left out',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const api = c.client('kubectl');
      await api.configmaps(NS).create(configMap('app', { LEVEL: 'debug', MODE: 'fast' }));
      await api.secrets(NS).create(secret('db', { password: 's3cr3t' }));
      t.step('created ConfigMap app {LEVEL: debug, MODE: fast} and Secret db {password: s3cr3t}');
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
      t.step('created pod env: envFrom app with prefix APP_ and the optional Secret nope; env DB_PASSWORD from db/password, OPT and GONE optional refs to a missing key / ConfigMap');
      expect(await finishedLogs(c, 'env')).toEqual(['debug fast s3cr3t unset unset']);
    },
  },
  {
    name: 'env overrides envFrom, and $(VAR) expands only variables defined before it',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const api = c.client('kubectl');
      await api.configmaps(NS).create(configMap('base', { MODE: 'from-configmap', HOST: 'db.internal' }));
      t.step('created ConfigMap base {MODE: from-configmap, HOST: db.internal}');
      await api.pods(NS).create(
        busybox('order', 'echo "$MODE"; echo "$URL"; echo "$ECHO"', {
          envFrom: [{ configMapRef: { name: 'base' } }],
          env: [
            { name: 'URL', value: 'postgres://$(HOST):$(PORT)/app' },
            { name: 'MODE', value: 'from-env' },
            { name: 'PORT', value: '5432' },
            { name: 'ECHO', value: '$$(MODE) is $(MODE)' },
          ],
        }),
      );
      t.step('created pod order: envFrom base; env URL=postgres://$(HOST):$(PORT)/app, MODE=from-env, PORT=5432, ECHO=$$(MODE) is $(MODE)');
      expect(await finishedLogs(c, 'order')).toEqual(['from-env', 'postgres://db.internal:$(PORT)/app', '$(MODE) is from-env']);
    },
  },
  {
    name: 'a missing key keeps the container in CreateContainerConfigError with the upstream message and a Failed event',
    kind: 'cluster',
    async run(_part, t) {
      const c = await t.cluster({ nodes: 1 });
      const api = c.client('kubectl');
      await api.configmaps(NS).create(configMap('app', { mode: 'fast' }));
      await api.secrets(NS).create(secret('db', { password: 's3cr3t' }));
      t.step('created ConfigMap app {mode: fast} and Secret db {password: s3cr3t}');
      await api.pods(NS).create(busybox('broken', 'echo started', { env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app', key: 'level' } } }] }));
      t.step('created pod broken: env LEVEL from app/level (no such key)');
      await runUntil(c, 'pod broken waits in CreateContainerConfigError', async () => (await waitingOf(c, 'broken'))?.reason === 'CreateContainerConfigError');
      expect(await waitingOf(c, 'broken')).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key level in ConfigMap default/app" });
      expect((await eventsAbout(c, 'broken', 'Failed'))[0]).toMatchObject({ type: 'Warning', message: "Error: couldn't find key level in ConfigMap default/app" });
      await api.pods(NS).create(busybox('secretive', 'echo started', { env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'pass' } } }] }));
      t.step('created pod secretive: env P from db/pass (no such key)');
      await runUntil(c, 'pod secretive waits in CreateContainerConfigError', async () => (await waitingOf(c, 'secretive'))?.reason === 'CreateContainerConfigError');
      expect((await waitingOf(c, 'secretive'))?.message).toBe("couldn't find key pass in Secret default/db");
      expect(JSON.stringify((await c.client().events(NS).list()).items), 'no event shows a Secret value').not.toContain('s3cr3t');
    },
  },
];

export default defineExerciseTests({
  part: 'configmap.env',
  load: (m) => exportOf<MakeEnvironment>(m, 'makeEnvironmentVariables'),
  cases: [...clusterCases, ...environmentCases.map((c): GradeCase<MakeEnvironment> => ({ name: c.name, kind: 'part', run: (part) => c.run(part) }))],
});
