/**
 * SharedInformerFactory: hands out one informer per resource, shared by every controller of a
 * process — client-go informers/factory.go.
 *
 *   const factory = createSharedInformerFactory(client, { clock });
 *   const pods = factory.pods();                    // same object on every call
 *   pods.addEventHandler({ onAdd: (p) => queue.add(objectKey(p)) });
 *   factory.start();                                // starts informers created so far
 *   await factory.waitForCacheSync();               // every started informer has listed
 *   ...
 *   await factory.stop();
 *
 * Informers created after start() run at the next start() call, as upstream.
 */
import { RESOURCES, type ResourceInfo } from '../api/resources.ts';
import type { Clock } from '../util/clock.ts';
import type { Random } from '../util/random.ts';
import type { Client } from './client.ts';
import type { Indexers } from './cache/index-funcs.ts';
import { SharedIndexInformer } from './cache/shared-informer.ts';
import type { ApiObject } from './object-like.ts';
import { typedName, type TypedResourceName, type TypedResources } from './typed-resources.ts';

export interface SharedInformerFactoryOptions {
  clock: Clock;
  /** Default resync period of every informer; 0 or absent: no resync. */
  resyncPeriodMs?: number;
  /** Watch only this namespace ('' or absent: all). Cluster-scoped kinds ignore it. */
  namespace?: string;
  /** Label / field selectors for every informer of this factory (upstream WithTweakListOptions). */
  labelSelector?: string;
  fieldSelector?: string;
  /** Jitter for watch timeouts and backoff; without it, delays are exact. */
  random?: Random;
  /** List/watch errors and handler failures; never thrown. */
  onError?: (err: unknown) => void;
}

export interface InformerOptions {
  resyncPeriodMs?: number;
  indexers?: Indexers;
}

/** `factory.pods()`, `factory.nodes()`, ...: one typed informer per kind of RESOURCES. */
export type TypedInformers = { [K in TypedResourceName]: () => SharedIndexInformer<TypedResources[K]> };

export interface SharedInformerFactoryCore {
  /** The informer for `info`, created on first use. Options only apply at creation. */
  forResource<T extends ApiObject = ApiObject>(info: ResourceInfo, options?: InformerOptions): SharedIndexInformer<T>;
  /** Starts every informer created so far that is not running yet. */
  start(): void;
  /**
   * Resolves once every started informer has synced (or was stopped), with plural → synced.
   * With a VirtualClock nothing needs advancing unless a list fails and is retried.
   */
  waitForCacheSync(): Promise<Record<string, boolean>>;
  /** Stops every informer; the factory cannot start them again. */
  stop(): Promise<void>;
}

export interface SharedInformerFactory extends SharedInformerFactoryCore, TypedInformers {}

export function createSharedInformerFactory(client: Client, options: SharedInformerFactoryOptions): SharedInformerFactory {
  const informers = new Map<string, SharedIndexInformer>();
  let stopped = false;

  const keyOf = (info: ResourceInfo) => `${info.plural}${info.group ? `.${info.group}` : ''}`;

  const core: SharedInformerFactoryCore = {
    forResource<T extends ApiObject>(info: ResourceInfo, informerOptions: InformerOptions = {}): SharedIndexInformer<T> {
      const key = keyOf(info);
      let informer = informers.get(key);
      if (!informer) {
        const rc = client.resource<ApiObject>(info);
        const lw = info.namespaced ? rc.namespace(options.namespace ?? '') : rc;
        informer = new SharedIndexInformer<ApiObject>(lw, info, {
          clock: options.clock,
          random: options.random?.fork(key),
          resyncPeriodMs: informerOptions.resyncPeriodMs ?? options.resyncPeriodMs,
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
          indexers: informerOptions.indexers,
          onError: options.onError,
        });
        informers.set(key, informer);
      }
      return informer as unknown as SharedIndexInformer<T>;
    },
    start() {
      if (stopped) return;
      for (const informer of informers.values()) informer.run();
    },
    async waitForCacheSync() {
      const result: Record<string, boolean> = {};
      const started = [...informers.entries()].filter(([, i]) => i.isStarted());
      await Promise.all(
        started.map(async ([key, i]) => {
          result[key] = await i.waitForSync();
        }),
      );
      return result;
    },
    async stop() {
      stopped = true;
      await Promise.all([...informers.values()].map((i) => i.stop()));
    },
  };

  const typed: Record<string, () => SharedIndexInformer> = {};
  for (const info of RESOURCES) typed[typedName(info)] = () => core.forResource(info);
  return Object.freeze({ ...core, ...typed }) as unknown as SharedInformerFactory;
}
