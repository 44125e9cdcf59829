/**
 * kube-scheduler (KK pkg/scheduler/scheduler.go, eventhandlers.go, schedule_one.go).
 *
 * Watches pods and nodes through informers. Pending pods whose spec.schedulerName is one of the
 * profiles' names enter the scheduling queue; bound pods and nodes feed the cache. One pod at a
 * time is taken from the queue and put through a synchronous scheduling cycle (schedule-one.ts);
 * the chosen node is *assumed* in the cache at once, and the binding cycle (the Bind plugins,
 * i.e. POST pods/<name>/binding) runs in the background while the next pod is scheduled — as
 * upstream's binding goroutine.
 *
 * On failure: PodScheduled=False reason Unschedulable with the FitError message, a
 * FailedScheduling Warning event, and the pod waits in the queue (unschedulable or backoff).
 * On success: a `Scheduled` Normal event `Successfully assigned <ns>/<name> to <node>`.
 */
import type { corev1 } from '../api/types.ts';
import { deepCopy } from '../client/cache/deep-freeze.ts';
import { createEventRecorder, createSharedInformerFactory, formatTimestamp, type Client, type EventRecorder, type SharedInformerFactory } from '../client/index.ts';
import { yieldToHost, type Clock } from '../util/clock.ts';
import type { Component } from '../util/component.ts';
import type { Random } from '../util/random.ts';
import { SchedulerCache } from './cache/cache.ts';
import { resultAnnotations, ResultRecorder, type ScheduleResultRecord } from './explain.ts';
import { ErrNoNodesAvailable, fitErrorMessage } from './fit-error.ts';
import type { ClusterEvent, Handle, Registry } from './framework/interface.ts';
import { defaultProfile, type Profile } from './framework/profile.ts';
import { Framework } from './framework/runtime.ts';
import { isSuccess } from './framework/status.ts';
import type { SchedulerParts } from './parts.ts';
import { inTreeRegistry } from './plugins/registry.ts';
import { SchedulingQueue, type QueuedPodInfo } from './queue/scheduling-queue.ts';
import { NodeRoundRobin, schedulePod } from './schedule-one.ts';
import { addAllEventHandlers } from './event-handlers.ts';
import { defaultSelector, type SiblingListers } from './default-selector.ts';

/**
 * Where per-plugin results go: 'off'; 'memory' (default) keeps the last result of the most
 * recent pods (maxRecordedResults) for lastResult(); 'annotations' also patches them onto the
 * pod — one extra write (and watch event to every pod watcher) per attempt, hence not the
 * default.
 */
export type ExplainMode = 'off' | 'memory' | 'annotations';

export interface SchedulerOptions {
  client: Client;
  clock: Clock;
  random: Random;
  /** A shared factory (the caller starts/stops it), or the scheduler makes and owns its own. */
  informers?: SharedInformerFactory;
  /** Default: one profile, `default-scheduler`, with upstream's default plugins and weights. */
  profiles?: Profile[];
  parts: SchedulerParts;
  /** 0 or unset: adaptive (50 − nodes/125 percent, at least 5%). */
  percentageOfNodesToScore?: number;
  /** Out-of-tree plugins merged over the in-tree registry. */
  registry?: Registry;
  explain?: ExplainMode;
  /** How many pods' last results 'memory' keeps (oldest dropped first); default 200. */
  maxRecordedResults?: number;
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsDurationMs?: number;
  /** Failed writes; never thrown. */
  onError?: (err: unknown) => void;
}

export interface Scheduler extends Component {
  /** The per-plugin filter and score results of the pod's last attempt (`namespace/name`). */
  lastResult(podKey: string): ScheduleResultRecord | undefined;
  /** Where pending pods wait, by key. */
  pendingPods(): { active: string[]; backoff: string[]; unschedulable: string[] };
  /** Resolves when no pod is being scheduled or bound and no status write is outstanding. */
  idle(): Promise<void>;
  /** Counters: attempts, scheduled (bound), failed attempts. */
  readonly stats: { attempts: number; scheduled: number; unschedulable: number; errors: number };
}

const isAssigned = (p: corev1.Pod) => !!p.spec?.nodeName;

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { client, clock, parts } = options;
  const random = options.random;
  const ownsInformers = !options.informers;
  const informers = options.informers ?? createSharedInformerFactory(client, { clock, onError: options.onError });
  const explain: ExplainMode = options.explain ?? 'memory';
  const maxRecorded = options.maxRecordedResults ?? 200;
  const report = (err: unknown) => options.onError?.(err);

  const cache = new SchedulerCache((pod) => parts.fit.podRequests(pod));
  const siblings: SiblingListers = {
    services: informers.services().lister(),
    replicaSets: informers.replicasets().lister(),
    statefulSets: informers.statefulsets().lister(),
  };
  const pvcInformer = informers.persistentvolumeclaims();
  const pvcs = pvcInformer.lister();
  const scInformer = informers.storageclasses();
  const storageClasses = scInformer.lister();
  const handle: Handle = {
    client,
    parts,
    allNodes: () => cache.list(),
    nodesWithPodAffinity: () => cache.listWithPodAffinity(),
    nodesWithRequiredAntiAffinity: () => cache.listWithRequiredAntiAffinity(),
    imageStates: () => cache.imageStates(),
    defaultSelector: (pod) => defaultSelector(pod, siblings),
    persistentVolumeClaim: (ns, name) => pvcs.get(ns, name),
    storageClassBindingMode: (name) => storageClasses.get(name)?.volumeBindingMode,
  };
  const registry: Registry = { ...inTreeRegistry(), ...options.registry };
  const profiles = options.profiles ?? [defaultProfile()];
  const frameworks = new Map<string, Framework>();
  const recorders = new Map<string, EventRecorder>();
  for (const p of profiles) {
    frameworks.set(p.schedulerName, new Framework(p, registry, handle));
    recorders.set(p.schedulerName, createEventRecorder(client, { component: p.schedulerName, clock, onError: report }));
  }
  const firstFwk = frameworks.get(profiles[0]?.schedulerName ?? '');
  if (!firstFwk?.queueSort) throw new Error('the first profile needs a QueueSort plugin (e.g. PrioritySort)');
  const queueSort = firstFwk.queueSort;

  const queue = new SchedulingQueue({
    clock,
    queue: { less: (a, b) => queueSort.less(a, b), backoffDuration: parts.queue.backoffDuration },
    podInitialBackoffMs: options.podInitialBackoffMs,
    podMaxBackoffMs: options.podMaxBackoffMs,
    podMaxInUnschedulablePodsDurationMs: options.podMaxInUnschedulablePodsDurationMs,
  });
  const rr = new NodeRoundRobin();
  const results = new Map<string, ScheduleResultRecord>();
  const outstanding = new Set<Promise<unknown>>();
  const stats = { attempts: 0, scheduled: 0, unschedulable: 0, errors: 0 };
  let running = false;
  let loop: Promise<void> | undefined;
  let busy = false;

  const track = (p: Promise<unknown>) => {
    const t = p.catch(report).finally(() => outstanding.delete(t));
    outstanding.add(t);
  };
  const responsible = (p: corev1.Pod) => frameworks.has(p.spec?.schedulerName ?? 'default-scheduler');
  const moveAll = (event: ClusterEvent) => {
    const plugins = new Set<string>();
    for (const f of frameworks.values()) for (const p of f.pluginsForEvent.get(event) ?? []) plugins.add(p);
    queue.moveAllToActiveOrBackoff(event, plugins);
  };

  const podInformer = informers.pods();
  const nodeInformer = informers.nodes();
  addAllEventHandlers({ pods: podInformer, nodes: nodeInformer, cache, queue, moveAll, responsible, forget: (key) => results.delete(key) });
  // VolumeBinding waits for claims to appear and bind (eventhandlers.go: PVC Add/Update, StorageClass Add).
  pvcInformer.addEventHandler({ onAdd: () => moveAll('PvcAdd'), onUpdate: () => moveAll('PvcUpdate') });
  scInformer.addEventHandler({ onAdd: () => moveAll('StorageClassAdd') });

  function remember(r: ScheduleResultRecord): void {
    if (explain === 'off') return;
    results.delete(r.pod);
    results.set(r.pod, r);
    while (results.size > maxRecorded) results.delete(results.keys().next().value as string);
    if (explain === 'annotations') {
      const [ns, name] = r.pod.split('/') as [string, string];
      track(client.pods(ns).patch(name, 'merge', { metadata: { annotations: resultAnnotations(r) } }));
    }
  }

  /** updatePodSchedulingCondition: PodScheduled=False/Unschedulable, written only when it changes. */
  async function setUnschedulableCondition(pod: corev1.Pod, message: string, reason: string): Promise<void> {
    const current = podInformer.lister().get(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '') ?? pod;
    const old = current.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (old && old.status === 'False' && old.reason === reason && old.message === message) return;
    const now = formatTimestamp(clock.now());
    const condition: corev1.PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      reason,
      message,
      lastProbeTime: null as unknown as string,
      lastTransitionTime: old?.status === 'False' && old.lastTransitionTime ? old.lastTransitionTime : now,
    };
    const copy = deepCopy(current);
    const conditions = [...(copy.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), condition];
    const updated: corev1.Pod = { ...copy, status: { ...copy.status, conditions } };
    await client.pods(pod.metadata?.namespace ?? '').updateStatus(updated);
  }

  async function bindingCycle(fwk: Framework, info: QueuedPodInfo, assumed: corev1.Pod, node: string, cycle: number): Promise<void> {
    const status = await fwk.runBind(assumed, node);
    const recorder = recorders.get(fwk.profileName) as EventRecorder;
    if (isSuccess(status)) {
      stats.scheduled++;
      queue.done(info.key);
      recorder.event(assumed, 'Normal', 'Scheduled', `Successfully assigned ${info.key} to ${node}`);
      return;
    }
    // handleBindingCycleError: undo the assumption, retry after backoff.
    stats.errors++;
    cache.forgetPod(assumed);
    moveAll('AssignedPodDelete');
    info.failedWithError = true;
    queue.addUnschedulableIfNotPresent(info, cycle);
    // schedule_one.go bind(): errors are wrapped as `binding rejected: running Bind plugin "X": ...`.
    const message = `binding rejected: running Bind plugin "${status.plugin ?? ''}": ${status.reasons.join(', ')}`;
    recorder.event(info.pod, 'Warning', 'FailedScheduling', message);
    await setUnschedulableCondition(info.pod, message, 'SchedulerError');
  }

  function scheduleOne(info: QueuedPodInfo): void {
    const pod = info.pod;
    const fwk = frameworks.get(pod.spec?.schedulerName ?? 'default-scheduler');
    const live = podInformer.lister().get(pod.metadata?.namespace ?? '', pod.metadata?.name ?? '');
    // skipPodSchedule: deleted, being deleted, or already bound meanwhile.
    if (!fwk || !live || live.metadata?.deletionTimestamp || isAssigned(live) || cache.isAssumed(info.key)) {
      queue.done(info.key);
      return;
    }
    stats.attempts++;
    const cycle = queue.schedulingCycle;
    const recorder = explain === 'off' ? undefined : new ResultRecorder(info.key, clock.now(), info.attempts);
    const nodes = cache.list();
    const outcome = schedulePod({ fwk, score: parts.score, random, percentageOfNodesToScore: options.percentageOfNodesToScore, recorder }, rr, live, nodes);
    if (outcome.ok) {
      if (recorder) remember(recorder.record);
      // A shallow copy: cached objects are frozen and nothing below mutates the pod.
      const assumed: corev1.Pod = { ...live, spec: { ...(live.spec as corev1.PodSpec), nodeName: outcome.node } };
      cache.assumePod(assumed);
      track(bindingCycle(fwk, info, assumed, outcome.node, cycle));
      return;
    }
    const message = outcome.noNodes ? ErrNoNodesAvailable : (outcome.error ?? fitErrorMessage(outcome.numAllNodes, outcome.diagnosis, { preemptionPolicy: live.spec?.preemptionPolicy }));
    if (outcome.error) {
      stats.errors++;
      info.failedWithError = true;
    } else {
      stats.unschedulable++;
      info.failedWithError = false;
    }
    info.unschedulablePlugins = outcome.diagnosis.unschedulablePlugins;
    if (recorder) {
      recorder.record.message = message;
      remember(recorder.record);
    }
    queue.addUnschedulableIfNotPresent(info, cycle);
    (recorders.get(fwk.profileName) as EventRecorder).event(live, 'Warning', 'FailedScheduling', message);
    // handleSchedulingFailure: reason Unschedulable for a FitError, SchedulerError otherwise.
    track(setUnschedulableCondition(live, message, outcome.error ? 'SchedulerError' : 'Unschedulable'));
  }

  async function run(): Promise<void> {
    let sinceYield = 0;
    while (running) {
      busy = false;
      // pop() resolves at once while pods wait; yield to the host now and then so a long queue
      // does not starve timers and I/O (the HTTP server under a real clock).
      if (++sinceYield >= 64) {
        sinceYield = 0;
        await yieldToHost();
        if (!running) return;
      }
      const info = await queue.pop();
      if (!info || !running) return;
      busy = true;
      try {
        scheduleOne(info);
      } catch (err) {
        report(err);
        queue.done(info.key);
      }
    }
  }

  return {
    name: 'kube-scheduler',
    stats,
    async start() {
      if (running) return;
      running = true;
      informers.start();
      await informers.waitForCacheSync();
      queue.run();
      loop = run();
    },
    async stop() {
      if (!running) return;
      running = false;
      queue.close();
      await loop;
      await Promise.allSettled([...outstanding]);
      if (ownsInformers) await informers.stop();
      await Promise.all([...recorders.values()].map((r) => r.flush()));
    },
    lastResult: (key) => results.get(key),
    pendingPods: () => queue.pendingPods(),
    async idle() {
      while (busy || outstanding.size > 0) {
        await Promise.allSettled([...outstanding]);
        await yieldToHost();
      }
    },
  };
}
