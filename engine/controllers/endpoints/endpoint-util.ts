/**
 * What the Endpoints and EndpointSlice controllers share (upstream:
 * pkg/controller/util/endpoint/controller_utils.go ShouldPodBeInEndpoints, and
 * pkg/api/v1/pod/util.go FindPort).
 *
 * Invariants:
 * - a pod without an IP (not yet started) is never an endpoint;
 * - a pod that has terminated for good (Succeeded / Failed) is never an endpoint;
 * - a terminating pod (deletionTimestamp set) is an endpoint only when the caller asks for
 *   terminating pods (EndpointSlices keep them with ready=false; Endpoints drop them unless the
 *   Service sets publishNotReadyAddresses);
 * - a port is resolved per pod: a numeric targetPort is used as is, a named one is looked up in
 *   the pod's container ports (same protocol); a pod without that name has no endpoint for it.
 */
import { selectorFromSet } from '../../api/labels.ts';
import type { corev1 } from '../../api/types.ts';
import type { ReconcileLoop } from '../../client/reconcile-loop.ts';
import type { ControllerContext } from '../context.ts';
import { isPodReady } from '../replicaset/pod-util.ts';

export { isPodReady };

/** ShouldPodBeInEndpoints. */
export function shouldPodBeInEndpoints(pod: corev1.Pod, includeTerminating: boolean): boolean {
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

export function podIP(pod: corev1.Pod): string | undefined {
  return pod.status?.podIP ?? pod.status?.podIPs?.[0]?.ip;
}

/**
 * FindPort: the container port a Service port reaches on this pod, or undefined when a named
 * targetPort names no container port of that protocol. An absent targetPort means `port`.
 */
export function findPort(pod: corev1.Pod, servicePort: corev1.ServicePort): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = servicePort.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** The Service's pods: same namespace, labels matching spec.selector (a map, not a LabelSelector). */
export function podsForService(service: corev1.Service, pods: readonly corev1.Pod[]): corev1.Pod[] {
  const selector = selectorFromSet(service.spec?.selector ?? {});
  return pods.filter((p) => selector.matches(p.metadata?.labels ?? {}));
}

/** Only Services with a selector get controller-managed endpoints (upstream syncService returns early). */
export function hasSelector(service: corev1.Service): boolean {
  return service.spec?.selector !== undefined && service.spec.selector !== null;
}

export function isHeadless(service: corev1.Service): boolean {
  return service.spec?.clusterIP === 'None';
}

/** targetRef of an endpoint address: the pod it stands for. */
export function podReference(pod: corev1.Pod): corev1.ObjectReference {
  return { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid };
}

/** The Services (with a selector) whose selector matches any of `pods` (getPodServiceMemberships). */
export function servicesForPod(services: readonly corev1.Service[], ...pods: corev1.Pod[]): corev1.Service[] {
  return services.filter((s) => hasSelector(s) && pods.some((p) => selectorFromSet(s.spec!.selector!).matches(p.metadata?.labels ?? {})));
}

/**
 * The handlers both endpoint controllers share: a Service change enqueues the Service; a pod change
 * enqueues every Service of its namespace whose selector matches the old or the new labels.
 */
export function enqueueServicesOfPods(ctx: ControllerContext, loop: ReconcileLoop) {
  const services = ctx.informers.services();
  const pods = ctx.informers.pods();
  services.addEventHandler({
    onAdd: (s) => loop.enqueueObject(s),
    onUpdate: (_o, s) => loop.enqueueObject(s),
    onDelete: (s) => loop.enqueueObject(s),
  });
  const onPod = (...changed: corev1.Pod[]) => {
    const ns = changed[0]?.metadata?.namespace ?? '';
    for (const s of servicesForPod(services.lister().namespace(ns).list(), ...changed)) loop.enqueueObject(s);
  };
  pods.addEventHandler({ onAdd: (p) => onPod(p), onUpdate: (o, p) => onPod(o, p), onDelete: (p) => onPod(p) });
  return { services, pods };
}
