/**
 * Which Ingresses a controller handles — website concepts/services-networking/ingress.md
 * ("Ingress class", "Default IngressClass", "Deprecated annotation") and ingress-nginx's class
 * filter (internal/ingress/controller/store: an Ingress is processed when its class resolves to an
 * IngressClass whose spec.controller is this controller's name).
 *
 *  - `spec.ingressClassName: <name>`: ours when the IngressClass <name> exists and its
 *    spec.controller is ours. A class that does not exist (yet) is nobody's.
 *  - no ingressClassName but the deprecated annotation `kubernetes.io/ingress.class: <name>`:
 *    ours when <name> is one of our IngressClasses (ingress-nginx still honours it).
 *  - neither: ours only when one of our IngressClasses is marked default with
 *    `ingressclass.kubernetes.io/is-default-class: "true"`. (Upstream's DefaultIngressClass
 *    admission plugin would also write that class into new Ingresses; tinykube's apiserver does not
 *    run it, so the controller takes class-less Ingresses itself, as ingress-nginx does with
 *    --watch-ingress-without-class.)
 */
import type { networkingv1 } from '../api/types.ts';

/** The IngressClass the controller installs, like `kubectl apply -f deploy.yaml` of a real one. */
export const TINYKUBE_INGRESS_CLASS = 'tinykube';
/** spec.controller of that class (a domain-prefixed path, as validation requires). */
export const TINYKUBE_INGRESS_CONTROLLER = 'tinykube.io/ingress-controller';
export const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
export const DEPRECATED_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** The IngressClass created at start: default, so Ingresses without a class are served. */
export function tinykubeIngressClass(name = TINYKUBE_INGRESS_CLASS, controller = TINYKUBE_INGRESS_CONTROLLER): networkingv1.IngressClass {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name,
      labels: { 'app.kubernetes.io/name': 'tinykube-ingress', 'app.kubernetes.io/component': 'controller' },
      annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' },
    },
    spec: { controller },
  };
}

/** Whether the controller named `controller` handles `ing`, given every IngressClass of the cluster. */
export function handledBy(ing: networkingv1.Ingress, classes: readonly networkingv1.IngressClass[], controller: string): boolean {
  const ours = classes.filter((c) => c.spec?.controller === controller);
  const className = ing.spec?.ingressClassName;
  if (className) return ours.some((c) => c.metadata?.name === className);
  const annotated = ing.metadata?.annotations?.[DEPRECATED_CLASS_ANNOTATION];
  if (annotated) return ours.some((c) => c.metadata?.name === annotated);
  return ours.some((c) => c.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
}

/**
 * Oldest first (creationTimestamp), then by namespace/name: the order in which conflicting rules
 * are resolved (ingress-nginx: the oldest Ingress wins).
 */
export function byAge(a: networkingv1.Ingress, b: networkingv1.Ingress): number {
  const ta = a.metadata?.creationTimestamp ?? '';
  const tb = b.metadata?.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  const ka = `${a.metadata?.namespace}/${a.metadata?.name}`;
  const kb = `${b.metadata?.namespace}/${b.metadata?.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
