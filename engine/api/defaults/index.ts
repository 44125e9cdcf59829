export { defaultObject } from './default-object.ts';
export { setDefaultsPod, setDefaultsPodSpec, setDefaultsContainer, setDefaultsProbe, setDefaultsVolume, imageTag, VOLUME_SOURCE_FIELDS } from './pod.ts';
export { setDefaultsDeployment, setDefaultsReplicaSet, setDefaultsStatefulSet, setDefaultsDaemonSet } from './apps.ts';
export { setDefaultsJob, setDefaultsCronJob } from './batch.ts';
export * from './core.ts';
