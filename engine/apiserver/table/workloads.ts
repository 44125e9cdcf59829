/**
 * Printers of the workload controllers (pkg/printers/internalversion/printers.go:
 * printDeployment, printReplicaSet, printDaemonSet, printStatefulSet, printJob, printCronJob,
 * printControllerRevision).
 */
import type { KubeObject } from '../../api/object.ts';
import { arr, boolPtr, col, containerCells, formatLabels, formatSelector, num, obj, spec, status, str } from './columns.ts';
import { humanDuration, timestampSince } from './duration.ts';
import type { Printer } from './types.ts';

const templateSpec = (o: KubeObject) => obj(obj(spec(o).template).spec);
const replicas = (v: unknown) => (typeof v === 'number' ? v : 1);
const wideContainers = [col('Containers', 'string', true, 'Names of each container in the template.'), col('Images', 'string', true, 'Images referenced by each container in the template.')];
const selectorColumn = col('Selector', 'string', true, 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.');

export const deploymentPrinter: Printer = {
  columns: [
    col('Ready', 'string', false, 'Number of the pod with ready state'),
    col('Up-to-date', 'integer', false, 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
    col('Available', 'integer', false, 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
    col('Age'),
    ...wideContainers,
    selectorColumn,
  ],
  cells(o, now) {
    const st = status(o);
    return [o.metadata?.name ?? '', `${num(st.readyReplicas)}/${replicas(spec(o).replicas)}`, num(st.updatedReplicas), num(st.availableReplicas), timestampSince(now, o.metadata?.creationTimestamp), ...containerCells(templateSpec(o)), formatSelector(spec(o).selector)];
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    col('Desired', 'integer', false, 'Replicas is the number of desired replicas.'),
    col('Current', 'integer', false, 'Replicas is the most recently observed number of replicas.'),
    col('Ready', 'integer', false, 'The number of ready replicas for this replica set.'),
    col('Age'),
    ...wideContainers,
    selectorColumn,
  ],
  cells(o, now) {
    const st = status(o);
    return [o.metadata?.name ?? '', replicas(spec(o).replicas), num(st.replicas), num(st.readyReplicas), timestampSince(now, o.metadata?.creationTimestamp), ...containerCells(templateSpec(o)), formatSelector(spec(o).selector)];
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    col('Desired', 'integer', false, 'The total number of nodes that should be running the daemon pod.'),
    col('Current', 'integer', false, 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.'),
    col('Ready', 'integer', false, 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.'),
    col('Up-to-date', 'integer', false, 'The total number of nodes that are running updated daemon pod'),
    col('Available', 'integer', false, 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.'),
    col('Node Selector', 'string', false, 'NodeSelector is a selector which must be true for the pod to fit on a node.'),
    col('Age'),
    ...wideContainers,
    selectorColumn,
  ],
  cells(o, now) {
    const st = status(o);
    return [
      o.metadata?.name ?? '',
      num(st.desiredNumberScheduled),
      num(st.currentNumberScheduled),
      num(st.numberReady),
      num(st.updatedNumberScheduled),
      num(st.numberAvailable),
      formatLabels(templateSpec(o).nodeSelector),
      timestampSince(now, o.metadata?.creationTimestamp),
      ...containerCells(templateSpec(o)),
      formatSelector(spec(o).selector),
    ];
  },
};

export const statefulSetPrinter: Printer = {
  columns: [col('Ready', 'string', false, 'Number of the pod with ready state'), col('Age'), ...wideContainers],
  cells(o, now) {
    return [o.metadata?.name ?? '', `${num(status(o).readyReplicas)}/${replicas(spec(o).replicas)}`, timestampSince(now, o.metadata?.creationTimestamp), ...containerCells(templateSpec(o))];
  },
};

const hasCondition = (o: KubeObject, type: string) => arr(status(o).conditions).some((c) => c.type === type && c.status === 'True');

export const jobPrinter: Printer = {
  columns: [
    col('Status', 'string', false, 'Status of the job.'),
    col('Completions', 'string', false, 'The completion status of the job.'),
    col('Duration', 'string', false, 'Time required to complete the job.'),
    col('Age'),
    ...wideContainers,
    col('Selector', 'string', true, 'A label query over pods that should match the pod count.'),
  ],
  cells(o, now) {
    const sp = spec(o);
    const st = status(o);
    let completions: string;
    if (typeof sp.completions === 'number') completions = `${num(st.succeeded)}/${sp.completions}`;
    else if (typeof sp.parallelism === 'number' && sp.parallelism > 1) completions = `${num(st.succeeded)}/1 of ${sp.parallelism}`;
    else completions = `${num(st.succeeded)}/1`;
    let duration = '';
    const start = str(st.startTime);
    if (start) duration = humanDuration((str(st.completionTime) ? Date.parse(str(st.completionTime)) : now) - Date.parse(start));
    let jobStatus = 'Running';
    if (hasCondition(o, 'Complete')) jobStatus = 'Complete';
    else if (hasCondition(o, 'Failed')) jobStatus = 'Failed';
    else if (o.metadata?.deletionTimestamp) jobStatus = 'Terminating';
    else if (hasCondition(o, 'FailureTarget')) jobStatus = 'FailureTarget';
    else if (hasCondition(o, 'SuccessCriteriaMet')) jobStatus = 'SuccessCriteriaMet';
    else if (hasCondition(o, 'Suspended')) jobStatus = 'Suspended';
    return [o.metadata?.name ?? '', jobStatus, completions, duration, timestampSince(now, o.metadata?.creationTimestamp), ...containerCells(templateSpec(o)), formatSelector(sp.selector)];
  },
};

export const cronJobPrinter: Printer = {
  columns: [
    col('Schedule', 'string', false, 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
    col('Timezone', 'string', false, 'The time zone name for the given schedule.'),
    col('Suspend', 'boolean', false, 'This flag tells the controller to suspend subsequent executions.'),
    col('Active', 'integer', false, 'A list of pointers to currently running jobs.'),
    col('Last Schedule', 'string', false, 'Information when was the last time the job was successfully scheduled.'),
    col('Age'),
    ...wideContainers,
    col('Selector', 'string', true, 'A label query over pods that should match the pod count.'),
  ],
  cells(o, now) {
    const sp = spec(o);
    const st = status(o);
    const jobSpec = obj(obj(sp.jobTemplate).spec);
    const last = str(st.lastScheduleTime) ? timestampSince(now, str(st.lastScheduleTime)) : '<none>';
    return [o.metadata?.name ?? '', str(sp.schedule), str(sp.timeZone) || '<none>', boolPtr(sp.suspend), arr(st.active).length, last, timestampSince(now, o.metadata?.creationTimestamp), ...containerCells(obj(obj(jobSpec.template).spec)), formatSelector(jobSpec.selector)];
  },
};

export const controllerRevisionPrinter: Printer = {
  columns: [col('Controller', 'string', false, 'Controller of the object.'), col('Revision', 'integer', false, 'Revision indicates the revision of the state represented by Data.'), col('Age')],
  cells(o, now) {
    const owner = (o.metadata?.ownerReferences ?? []).find((r) => r.controller);
    let controller = '<none>';
    if (owner) {
      const group = owner.apiVersion.includes('/') ? owner.apiVersion.slice(0, owner.apiVersion.indexOf('/')) : '';
      controller = `${owner.kind.toLowerCase()}${group ? `.${group}` : ''}/${owner.name}`;
    }
    return [o.metadata?.name ?? '', controller, num((o as { revision?: unknown }).revision), timestampSince(now, o.metadata?.creationTimestamp)];
  },
};
