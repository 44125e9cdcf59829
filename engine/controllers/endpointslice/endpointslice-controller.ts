/**
 * The EndpointSlice controller (upstream: pkg/controller/endpointslice/endpointslice_controller.go
 * and reconciler.go): for every Service with a selector, keeps EndpointSlices named
 * `<service>-<random>` (generateName), labelled `kubernetes.io/service-name` and
 * `endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io`, addressType IPv4,
 * owned by the Service (controller ownerReference, so the garbage collector removes them with it).
 *
 * syncService(key): Service gone → nothing to do (the garbage collector deletes owned slices; the
 * controller also deletes the ones it still sees, as upstream's reconcile of an empty set would);
 * no selector → leave alone; otherwise match desired slices (desiredSlices, one per port set) to
 * the existing managed slices by port set, update those that differ, create the missing ones and
 * delete the rest. A Service with no endpoints keeps one empty slice (upstream placeholder slice).
 */
import { isNotFound } from '../../api/errors.ts';
import { splitKey } from '../../api/object.ts';
import type { discoveryv1 } from '../../api/types.ts';
import { ReconcileLoop } from '../../client/reconcile-loop.ts';
import type { ControllerContext, ControllerFactory } from '../context.ts';
import { newControllerRef } from '../controller-ref.ts';
import { LoopController } from '../loop-controller.ts';
import { enqueueServicesOfPods, hasSelector } from '../endpoints/endpoint-util.ts';
import { desiredSlices, MANAGED_BY_LABEL, MANAGED_BY_VALUE, portSetKey, SERVICE_NAME_LABEL, type DesiredSlice } from './endpoint-slices.ts';

export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller';

export class EndpointSliceController extends LoopController {
  readonly name = ENDPOINTSLICE_CONTROLLER;
  readonly loop: ReconcileLoop;
  private readonly services;
  private readonly pods;
  private readonly slices;

  constructor(ctx: ControllerContext) {
    super(ctx);
    this.loop = new ReconcileLoop({ name: this.name, clock: ctx.clock, reconcile: (key) => this.sync(key), onError: (_key, err) => ctx.reportError?.(err) });
    ({ services: this.services, pods: this.pods } = enqueueServicesOfPods(ctx, this.loop));
    this.slices = ctx.informers.endpointslices();
    // A managed slice changed or deleted by someone else brings its Service back (onEndpointSliceUpdate).
    const onSlice = (s: discoveryv1.EndpointSlice) => {
      const svc = s.metadata?.labels?.[SERVICE_NAME_LABEL];
      if (svc && s.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE) this.loop.enqueue(`${s.metadata?.namespace}/${svc}`);
    };
    this.slices.addEventHandler({ onUpdate: (_o, s) => onSlice(s), onDelete: (s) => onSlice(s) });
  }

  private managedSlices(namespace: string, service: string): discoveryv1.EndpointSlice[] {
    return this.slices
      .lister()
      .namespace(namespace)
      .list()
      .filter((s) => s.metadata?.labels?.[SERVICE_NAME_LABEL] === service && s.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE);
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const client = this.ctx.client.endpointslices(namespace);
    const service = this.services.lister().get(namespace, name);
    const existing = this.managedSlices(namespace, name);
    if (!service) {
      for (const s of existing) await deleteIgnoringNotFound(client, s.metadata!.name!);
      return;
    }
    if (!hasSelector(service)) return;

    const desired = desiredSlices(service, this.pods.lister().namespace(namespace).list());
    if (desired.length === 0) desired.push({ ports: [], endpoints: [] });
    const labels = { ...(service.metadata?.labels ?? {}), [SERVICE_NAME_LABEL]: name, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
    const unused = [...existing];
    for (const want of desired) {
      const i = unused.findIndex((s) => portSetKey(s.ports ?? []) === portSetKey(want.ports));
      const current = i >= 0 ? unused.splice(i, 1)[0] : undefined;
      if (current) {
        if (sameSlice(current, want, labels)) continue;
        await client.update({ ...current, metadata: { ...current.metadata, labels }, ports: want.ports, endpoints: want.endpoints });
        continue;
      }
      await client.create({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          generateName: `${name}-`,
          namespace,
          labels,
          ownerReferences: [newControllerRef({ apiVersion: 'v1', kind: 'Service', metadata: service.metadata })],
        },
        addressType: 'IPv4',
        ports: want.ports,
        endpoints: want.endpoints,
      });
    }
    for (const s of unused) await deleteIgnoringNotFound(client, s.metadata!.name!);
  }
}

function sameSlice(s: discoveryv1.EndpointSlice, want: DesiredSlice, labels: Record<string, string>): boolean {
  return JSON.stringify(s.endpoints ?? []) === JSON.stringify(want.endpoints) && JSON.stringify(s.ports ?? []) === JSON.stringify(want.ports) && JSON.stringify(s.metadata?.labels ?? {}) === JSON.stringify(labels);
}

async function deleteIgnoringNotFound(client: { delete(name: string): Promise<unknown> }, name: string): Promise<void> {
  try {
    await client.delete(name);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

export function endpointSliceController(): ControllerFactory {
  return (ctx) => new EndpointSliceController(ctx);
}
