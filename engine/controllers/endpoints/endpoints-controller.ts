/**
 * The Endpoints controller (upstream: pkg/controller/endpoint/endpoints_controller.go): for every
 * Service with a selector, keeps an Endpoints object of the same name whose subsets list the
 * Service's pods — computed by the `service.endpoints` part (endpoints-subsets.ts), injected.
 *
 * Informer handlers only enqueue Service keys: a Service change enqueues itself; a pod change
 * enqueues every Service (of its namespace) whose selector matches the old or the new labels
 * (getPodServiceMemberships). syncService(key):
 *   - Service gone → delete the Endpoints of that name (NotFound is fine);
 *   - Service without a selector → leave its Endpoints alone (user-managed);
 *   - otherwise create or update the Endpoints when subsets or labels differ. The Endpoints carries
 *     the Service's labels, plus `service.kubernetes.io/headless` for a headless Service.
 */
import { isNotFound } from '../../api/errors.ts';
import { splitKey } from '../../api/object.ts';
import type { corev1 } from '../../api/types.ts';
import { ReconcileLoop } from '../../client/reconcile-loop.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { LoopController } from '../loop-controller.ts';
import { enqueueServicesOfPods, hasSelector, isHeadless } from './endpoint-util.ts';
import type { EndpointsSubsets } from './endpoints-subsets.ts';

export const ENDPOINTS_CONTROLLER = 'endpoints-controller';
export const HEADLESS_SERVICE_LABEL = 'service.kubernetes.io/headless';

export class EndpointsController extends LoopController {
  readonly name = ENDPOINTS_CONTROLLER;
  readonly loop: ReconcileLoop;
  private readonly services;
  private readonly pods;
  private readonly endpoints;

  constructor(
    ctx: ControllerContext,
    private readonly endpointsSubsets: EndpointsSubsets,
  ) {
    super(ctx);
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, reconcile: (key) => this.sync(key), onError: (_key, err) => ctx.reportError?.(err) });
    ({ services: this.services, pods: this.pods } = enqueueServicesOfPods(ctx, this.loop));
    this.endpoints = ctx.informers.endpoints();
    // An Endpoints deleted or edited by someone else is put back (upstream onEndpointsDelete).
    this.endpoints.addEventHandler({ onDelete: (e) => this.loop.enqueueObject(e), onUpdate: (_o, e) => this.loop.enqueueObject(e) });
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const client = this.ctx.client.endpoints(namespace);
    const service = this.services.lister().get(namespace, name);
    if (!service) {
      try {
        await client.delete(name);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      return;
    }
    if (!hasSelector(service)) return;

    const subsets = this.endpointsSubsets(service, this.pods.lister().namespace(namespace).list());
    const labels: Record<string, string> = { ...(service.metadata?.labels ?? {}) };
    if (isHeadless(service)) labels[HEADLESS_SERVICE_LABEL] = '';
    const current = this.endpoints.lister().get(namespace, name);
    if (current && JSON.stringify(current.subsets ?? []) === JSON.stringify(subsets) && JSON.stringify(current.metadata?.labels ?? {}) === JSON.stringify(labels)) return;

    const desired: corev1.Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { ...(current?.metadata ?? {}), name, namespace, labels },
      subsets,
    };
    if (current) {
      await client.update(desired);
      return;
    }
    // A create that conflicts with an object the cache has not seen yet throws and is retried.
    await client.create(desired);
  }
}

export interface EndpointsControllerOptions {
  /** The part `service.endpoints`. */
  endpointsSubsets: EndpointsSubsets;
}

export function endpointsController(options: EndpointsControllerOptions): ControllerFactory {
  return (ctx) => new EndpointsController(ctx, options.endpointsSubsets);
}
