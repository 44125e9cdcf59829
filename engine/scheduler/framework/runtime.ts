/**
 * frameworkImpl (KK pkg/scheduler/framework/runtime/framework.go): one profile's plugins
 * instantiated from the registry and sorted by extension point, and the loops that run them.
 *
 * Filter runs the plugins in order and stops at the first rejection (RunFilterPlugins), so a
 * node is counted once, under the first plugin that rejected it, in the failure message.
 */
import type { corev1 } from '../../api/types.ts';
import type { CycleState } from './cycle-state.ts';
import {
  hasEvents,
  isBind,
  isFilter,
  isPreFilter,
  isPreScore,
  isQueueSort,
  isScore,
  type BindPlugin,
  type ClusterEvent,
  type FilterPlugin,
  type Handle,
  type Plugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type QueueSortPlugin,
  type Registry,
  type ScorePlugin,
} from './interface.ts';
import type { NodeInfo } from './node-info.ts';
import type { Profile } from './profile.ts';
import { Code, asError, isRejected, isSuccess, skip, success, withPlugin, type Status } from './status.ts';
import type { NodeScore, PluginScores } from '../parts.ts';

/** Optional observer of per-node, per-plugin outcomes (explainability). */
export interface CycleRecorder {
  filter(node: string, plugin: string, status: Status): void;
  score(node: string, plugin: string, raw: number): void;
}

export class Framework {
  readonly profileName: string;
  readonly queueSort: QueueSortPlugin | undefined;
  readonly preFilter: PreFilterPlugin[] = [];
  readonly filters: FilterPlugin[] = [];
  readonly preScore: PreScorePlugin[] = [];
  readonly scores: { plugin: ScorePlugin; weight: number }[] = [];
  readonly binders: BindPlugin[] = [];
  /** Cluster event → plugins that registered for it. */
  readonly pluginsForEvent = new Map<ClusterEvent, Set<string>>();

  constructor(profile: Profile, registry: Registry, handle: Handle) {
    this.profileName = profile.schedulerName;
    let queueSort: QueueSortPlugin | undefined;
    for (const spec of profile.plugins) {
      const factory = registry[spec.name];
      if (!factory) throw new Error(`profile ${profile.schedulerName}: no plugin named ${spec.name} in the registry`);
      const p: Plugin = factory(handle);
      if (isQueueSort(p)) queueSort ??= p;
      if (isPreFilter(p)) this.preFilter.push(p);
      if (isFilter(p)) this.filters.push(p);
      if (isPreScore(p)) this.preScore.push(p);
      if (isScore(p)) this.scores.push({ plugin: p, weight: spec.weight ?? 1 });
      if (isBind(p)) this.binders.push(p);
      if (hasEvents(p)) {
        for (const e of p.eventsToRegister()) {
          let set = this.pluginsForEvent.get(e);
          if (!set) this.pluginsForEvent.set(e, (set = new Set()));
          set.add(p.name);
        }
      }
    }
    this.queueSort = queueSort;
  }

  /** RunPreFilterPlugins: a rejection here rejects every node at once. */
  runPreFilter(state: CycleState, pod: corev1.Pod, nodes: readonly NodeInfo[]): Status {
    for (const p of this.preFilter) {
      let s: Status;
      try {
        s = p.preFilter(state, pod, nodes);
      } catch (err) {
        return withPlugin(asError(err), p.name);
      }
      if (s.code === Code.Skip) state.skipFilterPlugins.add(p.name);
      else if (!isSuccess(s)) return withPlugin(s, p.name);
    }
    return success();
  }

  /** RunFilterPlugins: the first non-success status, tagged with its plugin. */
  runFilters(state: CycleState, pod: corev1.Pod, node: NodeInfo, recorder?: CycleRecorder): Status {
    for (const p of this.filters) {
      if (state.skipFilterPlugins.has(p.name)) continue;
      let s: Status;
      try {
        s = p.filter(state, pod, node);
      } catch (err) {
        s = asError(err);
      }
      recorder?.filter(node.name, p.name, s);
      if (!isSuccess(s)) return withPlugin(s, p.name);
    }
    return success();
  }

  runPreScore(state: CycleState, pod: corev1.Pod, feasible: readonly NodeInfo[]): Status {
    for (const p of this.preScore) {
      const s = p.preScore(state, pod, feasible);
      if (s.code === Code.Skip) state.skipScorePlugins.add(p.name);
      else if (!isSuccess(s)) return withPlugin(s, p.name);
    }
    return success();
  }

  /** RunScorePlugins: raw score per node, NormalizeScore, then weight (applied by the score part). */
  runScores(state: CycleState, pod: corev1.Pod, feasible: readonly NodeInfo[], recorder?: CycleRecorder): PluginScores[] {
    const out: PluginScores[] = [];
    for (const { plugin, weight } of this.scores) {
      if (state.skipScorePlugins.has(plugin.name)) continue;
      let scores: NodeScore[] = feasible.map((ni) => {
        const raw = plugin.score(state, pod, ni);
        recorder?.score(ni.name, plugin.name, raw);
        return { name: ni.name, score: raw };
      });
      if (plugin.normalizeScore) scores = plugin.normalizeScore(state, pod, scores);
      out.push({ plugin: plugin.name, weight, scores });
    }
    return out;
  }

  /** RunBindPlugins: the first plugin that does not Skip decides. */
  async runBind(pod: corev1.Pod, nodeName: string): Promise<Status> {
    for (const b of this.binders) {
      const s = await b.bind(pod, nodeName);
      if (s.code !== Code.Skip) return withPlugin(s, b.name);
    }
    return skip();
  }
}

export { isRejected };
