/**
 * The pod printer (pkg/printers/internalversion/printers.go printPod): READY counts ready
 * containers (sidecar init containers included), STATUS is the reason kubectl shows (phase,
 * pod.status.reason, Init:N/M, a container's waiting/terminated reason, Terminating), RESTARTS
 * carries "(5m ago)" after the last restart.
 */
import type { KubeObject } from '../../api/object.ts';
import { arr, col, obj, num, str, spec, status, type Obj } from './columns.ts';
import { humanDuration, timestampSince } from './duration.ts';
import type { Cell, Printer, TableRowCondition } from './types.ts';

/** A restartable (sidecar) init container: restartPolicy Always (KEP-753). */
const isSidecar = (c: Obj | undefined) => str(c?.restartPolicy) === 'Always';

function terminatedReason(t: Obj, prefix: string): string {
  if (str(t.reason)) return `${prefix}${str(t.reason)}`;
  if (num(t.signal) !== 0) return `${prefix}Signal:${num(t.signal)}`;
  return `${prefix}ExitCode:${num(t.exitCode)}`;
}

const conditionTrue = (pod: KubeObject, type: string) => arr(status(pod).conditions).some((c) => c.type === type && c.status === 'True');

/** The [ready, total, STATUS, restarts, lastRestart(ms epoch or 0)] of a pod. */
export function podStatusSummary(pod: KubeObject): { ready: number; total: number; reason: string; restarts: number; lastRestart: number } {
  const st = status(pod);
  const sp = spec(pod);
  const initSpecs = new Map(arr(sp.initContainers).map((c) => [str(c.name), c]));
  let total = arr(sp.containers).length;
  for (const c of initSpecs.values()) if (isSidecar(c)) total++;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  let reason = str(st.reason) || str(st.phase);
  if (arr(st.conditions).some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  const finishedAt = (c: Obj) => {
    const t = obj(obj(c.lastState).terminated);
    return str(t.finishedAt) ? Date.parse(str(t.finishedAt)) : 0;
  };

  let initializing = false;
  const initStatuses = arr(st.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i] as Obj;
    const state = obj(c.state);
    restarts += num(c.restartCount);
    lastRestart = Math.max(lastRestart, finishedAt(c));
    const sidecar = isSidecar(initSpecs.get(str(c.name)));
    if (sidecar) {
      sidecarRestarts += num(c.restartCount);
      lastSidecarRestart = Math.max(lastSidecarRestart, finishedAt(c));
    }
    const term = state.terminated ? obj(state.terminated) : undefined;
    const waiting = state.waiting ? obj(state.waiting) : undefined;
    if (term && num(term.exitCode) === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready === true) ready++;
      continue;
    }
    if (term) reason = terminatedReason(term, 'Init:');
    else if (waiting && str(waiting.reason) && str(waiting.reason) !== 'PodInitializing') reason = `Init:${str(waiting.reason)}`;
    else reason = `Init:${i}/${initSpecs.size}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = arr(st.containerStatuses);
    // Walks backwards so that the first container's reason wins, as upstream does.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i] as Obj;
      const state = obj(c.state);
      restarts += num(c.restartCount);
      lastRestart = Math.max(lastRestart, finishedAt(c));
      const waiting = state.waiting ? obj(state.waiting) : undefined;
      const term = state.terminated ? obj(state.terminated) : undefined;
      if (waiting && str(waiting.reason)) reason = str(waiting.reason);
      else if (term) reason = terminatedReason(term, '');
      else if (c.ready === true && state.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  const phase = str(st.phase);
  if (pod.metadata?.deletionTimestamp && str(st.reason) === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  return { ready, total, reason, restarts, lastRestart };
}

export const podPrinter: Printer = {
  columns: [
    col('Ready', 'string', false, 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', false, 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', false, 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    col('Age'),
    col('IP', 'string', true, 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.'),
    col('Node', 'string', true, 'NodeName is a request to schedule this pod onto a specific node.'),
    col('Nominated Node', 'string', true, 'nominatedNodeName is set only when this pod preempts other pods on the node.'),
    col('Readiness Gates', 'string', true, 'If specified, all readiness gates will be evaluated for pod readiness.'),
  ],
  cells(pod, now): Cell[] {
    const s = podStatusSummary(pod);
    const restarts = s.restarts !== 0 && s.lastRestart > 0 ? `${s.restarts} (${humanDuration(now - s.lastRestart)} ago)` : String(s.restarts);
    const st = status(pod);
    const sp = spec(pod);
    const gates = arr(sp.readinessGates);
    let readinessGates = '<none>';
    if (gates.length) {
      const conds = arr(st.conditions);
      const trueCount = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
      readinessGates = `${trueCount}/${gates.length}`;
    }
    return [
      pod.metadata?.name ?? '',
      `${s.ready}/${s.total}`,
      s.reason,
      restarts,
      timestampSince(now, pod.metadata?.creationTimestamp),
      str(arr(st.podIPs)[0]?.ip) || str(st.podIP) || '<none>',
      str(sp.nodeName) || '<none>',
      str(st.nominatedNodeName) || '<none>',
      readinessGates,
    ];
  },
  conditions(pod): TableRowCondition[] | undefined {
    // printers.go podSuccessConditions / podFailedConditions: kubectl uses them to tell finished pods.
    const phase = str(status(pod).phase);
    if (phase === 'Succeeded') return [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }];
    if (phase === 'Failed') return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
    return undefined;
  },
};
