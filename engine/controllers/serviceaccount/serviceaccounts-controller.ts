/**
 * The ServiceAccount controller (upstream: pkg/controller/serviceaccount/serviceaccounts_controller.go):
 * every active namespace has a ServiceAccount named `default`; it is created when the namespace
 * appears and re-created if deleted. Namespaces being deleted are skipped (the NamespaceLifecycle
 * admission would refuse the create anyway).
 */
import { isAlreadyExists } from '../../api/errors.ts';
import type { corev1 } from '../../api/types.ts';
import { ReconcileLoop, type Client, type Lister } from '../../client/index.ts';
import type { Controller, ControllerContext, ControllerFactory } from '../context.ts';

export const SERVICEACCOUNT_CONTROLLER = 'serviceaccount-controller';
export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';

export function serviceAccountsController(): ControllerFactory {
  return (ctx) => new ServiceAccountsController(ctx);
}

export class ServiceAccountsController implements Controller {
  readonly name = SERVICEACCOUNT_CONTROLLER;
  readonly loop: ReconcileLoop;
  private readonly client: Client;
  private readonly namespaces: Lister<corev1.Namespace>;
  private readonly serviceAccounts: Lister<corev1.ServiceAccount>;

  constructor(ctx: ControllerContext) {
    this.client = ctx.client;
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, reconcile: (ns) => this.syncNamespace(ns) });
    const nsInformer = ctx.informers.namespaces();
    const saInformer = ctx.informers.serviceaccounts();
    this.namespaces = nsInformer.lister();
    this.serviceAccounts = saInformer.lister();
    nsInformer.addEventHandler({ onAdd: (ns) => this.loop.enqueueObject(ns), onUpdate: (_o, ns) => this.loop.enqueueObject(ns) });
    saInformer.addEventHandler({
      onDelete: (sa) => {
        if (sa.metadata?.name === DEFAULT_SERVICE_ACCOUNT_NAME) this.loop.enqueue(sa.metadata.namespace ?? '');
      },
    });
  }

  start(): Promise<void> {
    return this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  private async syncNamespace(name: string): Promise<void> {
    const ns = this.namespaces.get(name);
    if (!ns || ns.metadata?.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    if (this.serviceAccounts.get(name, DEFAULT_SERVICE_ACCOUNT_NAME)) return;
    try {
      await this.client.serviceaccounts(name).create({ metadata: { name: DEFAULT_SERVICE_ACCOUNT_NAME, namespace: name } });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
  }
}
