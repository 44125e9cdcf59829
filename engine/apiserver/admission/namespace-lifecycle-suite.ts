/**
 * The behaviour cases of the `apiserver.admission` part (the NamespaceLifecycle plugin), written
 * once and run against any implementation: the reference in solutions/, the learner's stub in
 * exercises/ (which must fail every case) and the grader (grader/tests/api-admission.ts, with the
 * mutants of grader/mutants/api-admission.ts).
 *
 * Each case is a plain function that throws on failure, so cases can also be counted outside a
 * test runner. Every case checks at least one request that must be refused, so an implementation
 * that allows everything fails them all.
 */
import { expect } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import type { StatusError } from '../../api/errors.ts';
import type { AdmissionAttributes, AdmissionOperation, AdmissionPlugin, AdmissionPluginFactory } from './types.ts';

export interface NamespaceLifecycleCase {
  name: string;
  run(factory: AdmissionPluginFactory): void;
}

const ns = (name: string, phase: 'Active' | 'Terminating' = 'Active'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
  spec: { finalizers: ['kubernetes'] },
  status: { phase },
});

/** A plugin over a fixed set of namespaces: team-a (Active) and leaving (Terminating) plus the system ones. */
function pluginOver(factory: AdmissionPluginFactory): AdmissionPlugin {
  const all = new Map(
    [ns('default'), ns('kube-system'), ns('kube-public'), ns('kube-node-lease'), ns('team-a'), ns('leaving', 'Terminating')].map((n) => [n.metadata!.name!, Object.freeze(n)]),
  );
  return factory({ getNamespace: (name) => all.get(name) });
}

function attrs(operation: AdmissionOperation, resource: string, namespace: string, name: string, kind: string): AdmissionAttributes {
  const object: KubeObject | undefined = operation === 'DELETE' ? undefined : { apiVersion: 'v1', kind, metadata: { name, namespace: namespace || undefined } };
  return {
    operation,
    resource: { group: '', version: 'v1', resource },
    kind,
    subresource: '',
    namespace,
    name,
    object,
    oldObject: operation === 'CREATE' ? undefined : { apiVersion: 'v1', kind, metadata: { name, namespace: namespace || undefined } },
    user: 'kubectl',
    dryRun: false,
  };
}

/** Runs both phases like the apiserver does; the first rejection wins. */
function decide(plugin: AdmissionPlugin, a: AdmissionAttributes): StatusError | undefined {
  return plugin.admit?.(a) ?? plugin.validate?.(a) ?? undefined;
}

const pod = (op: AdmissionOperation, namespace: string, name = 'web') => attrs(op, 'pods', namespace, name, 'Pod');
const namespace = (op: AdmissionOperation, name: string) => attrs(op, 'namespaces', '', name, 'Namespace');

export const namespaceLifecycleCases: readonly NamespaceLifecycleCase[] = [
  {
    name: 'the immortal namespaces default, kube-system and kube-public cannot be deleted; others can',
    run(factory) {
      const p = pluginOver(factory);
      for (const name of ['default', 'kube-system', 'kube-public']) {
        const err = decide(p, namespace('DELETE', name));
        expect(err?.code).toBe(403);
        expect(err?.status.reason).toBe('Forbidden');
        expect(err?.message).toBe(`namespaces "${name}" is forbidden: this namespace may not be deleted`);
      }
      expect(decide(p, namespace('DELETE', 'team-a'))).toBeUndefined();
      expect(decide(p, namespace('DELETE', 'kube-node-lease'))).toBeUndefined();
    },
  },
  {
    name: 'creating an object in a namespace that does not exist is 404 namespaces "x" not found',
    run(factory) {
      const p = pluginOver(factory);
      const err = decide(p, pod('CREATE', 'nowhere'));
      expect(err?.code).toBe(404);
      expect(err?.status.reason).toBe('NotFound');
      expect(err?.message).toBe('namespaces "nowhere" not found');
      expect(decide(p, pod('CREATE', 'team-a'))).toBeUndefined();
    },
  },
  {
    name: 'updating an object in a namespace that does not exist is 404 too',
    run(factory) {
      const p = pluginOver(factory);
      expect(decide(p, pod('UPDATE', 'gone'))?.code).toBe(404);
      expect(decide(p, pod('UPDATE', 'team-a'))).toBeUndefined();
    },
  },
  {
    name: 'creating in a Terminating namespace is 403 with the upstream message and a NamespaceTerminating cause',
    run(factory) {
      const err = decide(pluginOver(factory), pod('CREATE', 'leaving'));
      expect(err?.code).toBe(403);
      expect(err?.status.reason).toBe('Forbidden');
      expect(err?.message).toBe('pods "web" is forbidden: unable to create new content in namespace leaving because it is being terminated');
      expect(err?.status.details?.causes).toContainEqual({ reason: 'NamespaceTerminating', message: 'namespace leaving is being terminated', field: 'metadata.namespace' });
    },
  },
  {
    name: 'a Terminating namespace still accepts updates and deletes of its content (controllers must drain it)',
    run(factory) {
      const p = pluginOver(factory);
      expect(decide(p, pod('CREATE', 'leaving'))?.code).toBe(403);
      expect(decide(p, pod('UPDATE', 'leaving'))).toBeUndefined();
      expect(decide(p, pod('DELETE', 'leaving'))).toBeUndefined();
    },
  },
  {
    name: 'deleting content of a missing namespace is allowed, creating there is not',
    run(factory) {
      const p = pluginOver(factory);
      expect(decide(p, pod('DELETE', 'nowhere'))).toBeUndefined();
      expect(decide(p, pod('CREATE', 'nowhere'))?.code).toBe(404);
    },
  },
  {
    name: 'cluster-scoped objects and namespaces themselves are not checked against a namespace',
    run(factory) {
      const p = pluginOver(factory);
      expect(decide(p, attrs('CREATE', 'nodes', '', 'node-1', 'Node'))).toBeUndefined();
      expect(decide(p, namespace('CREATE', 'brand-new'))).toBeUndefined();
      expect(decide(p, namespace('UPDATE', 'leaving'))).toBeUndefined();
      expect(decide(p, attrs('CREATE', 'configmaps', 'nowhere', 'cfg', 'ConfigMap'))?.code).toBe(404);
    },
  },
];

/** The names of the cases `factory` fails (for the stub: all of them). */
export function failingNamespaceLifecycleCases(factory: AdmissionPluginFactory): string[] {
  const failed: string[] = [];
  for (const c of namespaceLifecycleCases) {
    try {
      c.run(factory);
    } catch {
      failed.push(c.name);
    }
  }
  return failed;
}
