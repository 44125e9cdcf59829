/**
 * defaultObject: the apiserver's defaulting step (decode → DEFAULT → validate → admit → store).
 * Dispatches on apiVersion + kind to the kind's setDefaults*; unknown kinds are left untouched.
 *
 * Contract (STYLE.md, upstream defaulters): fills only empty fields, in place; never throws, on any
 * input; idempotent — defaultObject twice equals defaultObject once.
 */
import type { KubeObject } from '../object.ts';
import { setDefaultsDaemonSet, setDefaultsDeployment, setDefaultsReplicaSet, setDefaultsStatefulSet } from './apps.ts';
import { setDefaultsCronJob, setDefaultsJob } from './batch.ts';
import {
  setDefaultsEndpointSlice,
  setDefaultsEndpoints,
  setDefaultsNamespace,
  setDefaultsNode,
  setDefaultsPersistentVolume,
  setDefaultsPersistentVolumeClaim,
  setDefaultsSecret,
  setDefaultsService,
  setDefaultsStorageClass,
} from './core.ts';
import { setDefaultsPod } from './pod.ts';
import { setDefaultsIngressClass } from './networking.ts';
import { isObj, type Obj } from './util.ts';

const DEFAULTERS: Record<string, (o: Obj) => void> = {
  'v1/Pod': setDefaultsPod,
  'v1/Service': setDefaultsService,
  'v1/Secret': setDefaultsSecret,
  'v1/PersistentVolume': setDefaultsPersistentVolume,
  'v1/PersistentVolumeClaim': setDefaultsPersistentVolumeClaim,
  'v1/Namespace': setDefaultsNamespace,
  'v1/Node': setDefaultsNode,
  'v1/Endpoints': setDefaultsEndpoints,
  'apps/v1/Deployment': setDefaultsDeployment,
  'apps/v1/ReplicaSet': setDefaultsReplicaSet,
  'apps/v1/StatefulSet': setDefaultsStatefulSet,
  'apps/v1/DaemonSet': setDefaultsDaemonSet,
  'batch/v1/Job': setDefaultsJob,
  'batch/v1/CronJob': setDefaultsCronJob,
  'discovery.k8s.io/v1/EndpointSlice': setDefaultsEndpointSlice,
  'storage.k8s.io/v1/StorageClass': setDefaultsStorageClass,
  'networking.k8s.io/v1/IngressClass': setDefaultsIngressClass,
};

/** Fills the defaults of `obj`'s kind in place. */
export function defaultObject(obj: KubeObject): void {
  if (!isObj(obj)) return;
  const key = `${String(obj.apiVersion)}/${String(obj.kind)}`;
  const fn = Object.prototype.hasOwnProperty.call(DEFAULTERS, key) ? DEFAULTERS[key] : undefined;
  fn?.(obj);
}
