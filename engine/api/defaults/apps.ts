/**
 * apps/v1 defaults: KK pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment,
 * SetDefaults_ReplicaSet, SetDefaults_StatefulSet, SetDefaults_DaemonSet). Every workload's
 * pod template also gets the PodSpec defaults.
 */
import { setDefaultsPersistentVolumeClaim } from './core.ts';
import { setDefaultsPodTemplate } from './pod.ts';
import { child, items, setIfEmpty, type Obj } from './util.ts';

/** replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600. */
export function setDefaultsDeployment(d: Obj): void {
  const spec = child(d, 'spec');
  if (!spec) return;
  setIfEmpty(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy', true);
  if (strategy) {
    setIfEmpty(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      const ru = child(strategy, 'rollingUpdate', true);
      if (ru) {
        setIfEmpty(ru, 'maxUnavailable', '25%');
        setIfEmpty(ru, 'maxSurge', '25%');
      }
    }
  }
  setIfEmpty(spec, 'revisionHistoryLimit', 10);
  setIfEmpty(spec, 'progressDeadlineSeconds', 600);
  setDefaultsPodTemplate(spec.template);
}

/** replicas 1. */
export function setDefaultsReplicaSet(rs: Obj): void {
  const spec = child(rs, 'spec');
  if (!spec) return;
  setIfEmpty(spec, 'replicas', 1);
  setDefaultsPodTemplate(spec.template);
}

/**
 * podManagementPolicy OrderedReady, updateStrategy RollingUpdate with partition 0, replicas 1,
 * revisionHistoryLimit 10, persistentVolumeClaimRetentionPolicy Retain/Retain; claim templates get
 * the PVC defaults.
 */
export function setDefaultsStatefulSet(sts: Obj): void {
  const spec = child(sts, 'spec');
  if (!spec) return;
  setIfEmpty(spec, 'podManagementPolicy', 'OrderedReady');
  const us = child(spec, 'updateStrategy', true);
  if (us) {
    setIfEmpty(us, 'type', 'RollingUpdate');
    if (us.type === 'RollingUpdate') {
      const ru = child(us, 'rollingUpdate', true);
      if (ru) setIfEmpty(ru, 'partition', 0);
    }
  }
  const pvcp = child(spec, 'persistentVolumeClaimRetentionPolicy', true);
  if (pvcp) {
    setIfEmpty(pvcp, 'whenDeleted', 'Retain');
    setIfEmpty(pvcp, 'whenScaled', 'Retain');
  }
  setIfEmpty(spec, 'replicas', 1);
  setIfEmpty(spec, 'revisionHistoryLimit', 10);
  for (const pvc of items(spec, 'volumeClaimTemplates')) setDefaultsPersistentVolumeClaim(pvc);
  setDefaultsPodTemplate(spec.template);
}

/** updateStrategy RollingUpdate with maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10. */
export function setDefaultsDaemonSet(ds: Obj): void {
  const spec = child(ds, 'spec');
  if (!spec) return;
  const us = child(spec, 'updateStrategy', true);
  if (us) {
    setIfEmpty(us, 'type', 'RollingUpdate');
    if (us.type === 'RollingUpdate') {
      const ru = child(us, 'rollingUpdate', true);
      if (ru) {
        setIfEmpty(ru, 'maxUnavailable', 1);
        setIfEmpty(ru, 'maxSurge', 0);
      }
    }
  }
  setIfEmpty(spec, 'revisionHistoryLimit', 10);
  setDefaultsPodTemplate(spec.template);
}
