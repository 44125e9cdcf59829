/**
 * Profiles (KK pkg/scheduler/apis/config: KubeSchedulerProfile; v1 default_plugins.go). A profile
 * serves pods whose spec.schedulerName equals its schedulerName and lists the plugins it runs,
 * MultiPoint-style: each plugin is enabled at every extension point it implements, in list order
 * (so Filter order is the list order), with a weight for Score.
 */
import { Names } from '../plugins/names.ts';

export interface PluginSpec {
  name: string;
  /** Score weight; default 1. */
  weight?: number;
}

export interface Profile {
  schedulerName: string;
  plugins: PluginSpec[];
}

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** The default plugins and weights of kube-scheduler 1.32 (those tinykube implements). */
// #region default-plugins
export function defaultPlugins(): PluginSpec[] {
  return [
    { name: Names.PrioritySort },
    { name: Names.NodeUnschedulable },
    { name: Names.NodeName },
    { name: Names.TaintToleration, weight: 3 },
    { name: Names.NodeAffinity, weight: 2 },
    { name: Names.NodeResourcesFit, weight: 1 },
    { name: Names.VolumeBinding },
    { name: Names.PodTopologySpread, weight: 2 },
    { name: Names.InterPodAffinity, weight: 2 },
    { name: Names.NodeResourcesBalancedAllocation, weight: 1 },
    { name: Names.ImageLocality, weight: 1 },
    { name: Names.DefaultBinder },
  ];
}
// #endregion default-plugins

export function defaultProfile(schedulerName = DEFAULT_SCHEDULER_NAME): Profile {
  return { schedulerName, plugins: defaultPlugins() };
}
