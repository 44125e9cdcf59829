/**
 * The namespace controller (upstream: pkg/controller/namespace/namespace_controller.go and
 * deletion/namespaced_resources_deleter.go).
 *
 * `kubectl delete namespace dev` only marks the namespace: the apiserver sets deletionTimestamp
 * and status.phase Terminating, and the `kubernetes` entry of spec.finalizers keeps it. This
 * controller then:
 *   1. waits namespaceDeletionGracePeriod (5 s) after seeing the deletion, so that writes racing
 *      with it land first (upstream enqueues with AddAfter for the same reason);
 *   2. deletes all content of every namespaced kind (deleteAllContent) and records the outcome
 *      in the namespace's conditions;
 *   3. if content remains, checks again after estimate/2 + 1 seconds (pods terminating gracefully,
 *      finalizers pending) — or, for unexpected leftovers, through the rate-limited queue;
 *   4. when nothing remains, removes `kubernetes` from spec.finalizers through the namespace's
 *      `finalize` subresource; the apiserver then deletes the namespace (its registry deletes a
 *      terminating namespace whose finalizers are all gone).
 */
import { isNotFound } from '../../api/errors.ts';
import type { KubeObject } from '../../api/object.ts';
import type { corev1 } from '../../api/types.ts';
import { ReconcileLoop, type Client, formatTimestamp } from '../../client/index.ts';
import type { Clock } from '../../util/clock.ts';
import type { Controller, ControllerContext } from '../context.ts';
import { deleteAllContent, type NamespaceCondition } from './namespaced-resources-deleter.ts';

export const NAMESPACE_CONTROLLER = 'namespace-controller';
/** Upstream namespaceDeletionGracePeriod. */
export const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5_000;
export const FINALIZER_KUBERNETES = 'kubernetes';

export function namespaceController(): (ctx: ControllerContext) => Controller {
  return (ctx) => new NamespaceController(ctx);
}

export class NamespaceController implements Controller {
  readonly name = NAMESPACE_CONTROLLER;
  readonly loop: ReconcileLoop;
  private readonly client: Client;
  private readonly clock: Clock;

  constructor(ctx: ControllerContext) {
    this.client = ctx.client;
    this.clock = ctx.clock;
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, reconcile: (key) => this.syncNamespace(key) });
    const enqueue = (ns: corev1.Namespace) => {
      if (ns.metadata?.deletionTimestamp) this.loop.enqueueAfter(ns.metadata.name ?? '', NAMESPACE_DELETION_GRACE_PERIOD_MS);
    };
    ctx.informers.namespaces().addEventHandler({ onAdd: enqueue, onUpdate: (_old, ns) => enqueue(ns) });
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async syncNamespace(name: string): Promise<void> {
    let ns: corev1.Namespace;
    try {
      ns = await this.client.namespaces().get(name);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    if (!ns.metadata?.deletionTimestamp) return;
    if (!(ns.spec?.finalizers ?? []).includes(FINALIZER_KUBERNETES)) return;

    const result = await deleteAllContent(this.client, name);
    ns = await this.updateConditions(ns, result.conditions);
    if (result.errors.length > 0) {
      throw new Error(`namespace ${name}: content deletion failed: ${result.errors.join('; ')}`);
    }
    if (result.estimateSeconds > 0) {
      this.loop.enqueueAfter(name, (Math.floor(result.estimateSeconds / 2) + 1) * 1000);
      return;
    }
    await this.finalize(ns);
  }

  /** Writes the conditions through /status when they changed (keeping unchanged transition times). */
  private async updateConditions(ns: corev1.Namespace, conditions: NamespaceCondition[]): Promise<corev1.Namespace> {
    const old = (ns.status?.conditions ?? []) as NamespaceCondition[];
    const now = formatTimestamp(this.clock.now());
    let changed = old.length !== conditions.length;
    const next = conditions.map((c) => {
      const prev = old.find((o) => o.type === c.type);
      if (!prev || prev.status !== c.status || prev.reason !== c.reason || prev.message !== c.message) changed = true;
      const lastTransitionTime = prev && prev.status === c.status ? (prev.lastTransitionTime ?? now) : now;
      return { ...c, lastTransitionTime };
    });
    if (!changed) return ns;
    const copy = structuredClone(ns);
    copy.status = { ...copy.status, conditions: next };
    return this.client.namespaces().updateStatus(copy, { reason: 'namespace deletion progress' });
  }

  /** PUT /api/v1/namespaces/<name>/finalize without the `kubernetes` finalizer. */
  private async finalize(ns: corev1.Namespace): Promise<void> {
    const body = structuredClone(ns) as KubeObject;
    const spec = (body.spec ??= {}) as { finalizers?: string[] };
    spec.finalizers = (spec.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES);
    try {
      await this.client.api.update(
        { group: '', version: 'v1', resource: 'namespaces', name: ns.metadata?.name ?? '', subresource: 'finalize' },
        { ...body, apiVersion: 'v1', kind: 'Namespace' },
        { user: this.client.user, reason: 'all content deleted' },
      );
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
