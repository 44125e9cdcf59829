/**
 * Pristine tests of the exercise `api-admission` (part `apiserver.admission`, the
 * NamespaceLifecycle admission plugin). First what a user sees through a bare apiserver whose
 * NamespaceLifecycle plugin is the graded part — `kubectl create` in a missing or terminating
 * namespace refused with the upstream Status, `kubectl delete namespace default` refused — then
 * the rules of engine/apiserver/admission/namespace-lifecycle-suite.ts one by one.
 */
import { expect } from 'vitest';
import { namespaceLifecycleCases } from '../../engine/apiserver/admission/namespace-lifecycle-suite.ts';
import type { AdmissionPluginFactory } from '../../engine/apiserver/admission/types.ts';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';
import { refused } from './helpers.ts';

const configMap = (name: string, labels?: Record<string, string>): corev1.ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data: { mode: 'fast' } });
const pod = (name: string): corev1.Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });

/** The Status a call was refused with (fails the case when the call succeeded). */
async function bareApiserver(t: CaseContext): Promise<Cluster> {
  const c = await t.cluster();
  t.step('started a bare apiserver (no nodes, no namespace controller) whose NamespaceLifecycle plugin is your code');
  return c;
}

/** Creates namespace `name` holding configmap `cfg`, then deletes the namespace: it stays Terminating (nothing drains it). */
async function terminatingNamespace(c: Cluster, t: CaseContext, name: string): Promise<corev1.ConfigMap> {
  const k = c.client('kubectl');
  t.step(`kubectl create namespace ${name}; kubectl -n ${name} create configmap cfg`);
  await k.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const cfg = await k.configmaps(name).create(configMap('cfg'));
  t.step(`kubectl delete namespace ${name}`);
  await k.namespaces().delete(name);
  const phase = ((await k.namespaces().get(name)).status as { phase?: string } | undefined)?.phase;
  expect(phase, `namespace ${name} after kubectl delete`).toBe('Terminating');
  return cfg;
}

const clusterCases: GradeCase<AdmissionPluginFactory>[] = [
  {
    name: 'creating a ConfigMap in a namespace that does not exist is 404 `namespaces "nowhere" not found`',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      const s = await refused(t, 'kubectl -n nowhere create configmap cfg', c.client('kubectl').configmaps('nowhere').create(configMap('cfg')));
      expect([s.code, s.reason, s.message]).toEqual([404, 'NotFound', 'namespaces "nowhere" not found']);
      expect(s.details).toMatchObject({ name: 'nowhere', kind: 'namespaces' });
    },
  },
  {
    name: 'creating a Pod in a Terminating namespace is 403 `unable to create new content in namespace team-a because it is being terminated`',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      await terminatingNamespace(c, t, 'team-a');
      const s = await refused(t, 'kubectl -n team-a create pod web', c.client('kubectl').pods('team-a').create(pod('web')));
      expect([s.code, s.reason]).toEqual([403, 'Forbidden']);
      expect(s.message).toBe('pods "web" is forbidden: unable to create new content in namespace team-a because it is being terminated');
      expect(s.details?.causes).toContainEqual({ reason: 'NamespaceTerminating', message: 'namespace team-a is being terminated', field: 'metadata.namespace' });
    },
  },
  {
    name: 'the namespaces default, kube-system and kube-public cannot be deleted: 403 `namespaces "default" is forbidden: this namespace may not be deleted`',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      const k = c.client('kubectl');
      for (const name of ['default', 'kube-system', 'kube-public']) {
        const s = await refused(t, `kubectl delete namespace ${name}`, k.namespaces().delete(name));
        expect([s.code, s.reason, s.message]).toEqual([403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`]);
        expect((await k.namespaces().get(name)).metadata?.deletionTimestamp, `namespace ${name} after the refused delete`).toBeUndefined();
      }
    },
  },
  {
    name: 'any other namespace can be deleted, and content can still be created in the namespaces that remain',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      await terminatingNamespace(c, t, 'team-a');
      t.step('kubectl -n default create configmap cfg');
      await c.client('kubectl').configmaps('default').create(configMap('cfg'));
      const s = await refused(t, 'kubectl -n team-a create configmap other', c.client('kubectl').configmaps('team-a').create(configMap('other')));
      expect(s.code).toBe(403);
    },
  },
  {
    name: 'inside a Terminating namespace objects can still be updated and deleted (so controllers can drain it)',
    kind: 'cluster',
    async run(_p, t) {
      const c = await bareApiserver(t);
      const cms = c.client('kubectl').configmaps('team-a');
      const cfg = await terminatingNamespace(c, t, 'team-a');
      t.step('kubectl -n team-a label configmap cfg drained=yes');
      const updated = await cms.update({ ...cfg, metadata: { ...cfg.metadata, labels: { drained: 'yes' } } });
      expect(updated.metadata?.labels).toEqual({ drained: 'yes' });
      t.step('kubectl -n team-a delete configmap cfg');
      await cms.delete('cfg');
      expect((await cms.list()).items).toEqual([]);
      const s = await refused(t, 'kubectl -n team-a create configmap cfg', cms.create(configMap('cfg')));
      expect(s.code).toBe(403);
    },
  },
];

export default defineExerciseTests({
  part: 'apiserver.admission',
  load: (m) => exportOf<AdmissionPluginFactory>(m, 'namespaceLifecycle', 'function'),
  cases: [...clusterCases, ...namespaceLifecycleCases.map((c): GradeCase<AdmissionPluginFactory> => ({ name: c.name, kind: 'part', run: (p) => c.run(p) }))],
});
