/**
 * networking.k8s.io/v1 defaults — KK pkg/apis/networking/v1/defaults.go: SetDefaults_IngressClass
 * sets spec.parameters.scope to "Cluster" when parameters are given without a scope. Ingress has
 * no defaults in v1 (pathType stays required).
 */
import { isObj, type Obj } from './util.ts';

export function setDefaultsIngressClass(ic: Obj): void {
  const spec = ic.spec;
  if (!isObj(spec)) return;
  const params = spec.parameters;
  if (isObj(params) && (params.scope === undefined || params.scope === null || params.scope === '')) params.scope = 'Cluster';
}
