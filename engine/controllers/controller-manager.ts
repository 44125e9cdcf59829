/**
 * The kube-controller-manager: one process that runs many controllers over one set of shared
 * informers (upstream: cmd/kube-controller-manager/app/controllermanager.go, Run →
 * CreateControllerContext → StartControllers, then InformerFactory.Start).
 *
 * Start-up order, as upstream:
 *  1. every controller is built by its factory with its own ControllerContext: a client acting as
 *     the controller's user (upstream `system:serviceaccount:kube-system:<name>`; here the short
 *     `<name>`, e.g. 'replicaset-controller'), the shared informer factory, the clock, a forked
 *     Random and an event recorder whose `source.component` is `<name>`. Factories register
 *     their informer event handlers here;
 *  2. the shared informers start, after every handler is registered, so each handler sees the
 *     initial list (no controller misses an object that existed before it started);
 *  3. the manager waits for every informer's cache to sync;
 *  4. controllers start (their workers begin draining the queues the initial list filled), then
 *     informers a controller created lazily in its start() are started too.
 *
 * stop() stops controllers in reverse order, flushes their recorders, then the informers — but
 * only informers this manager created; a factory passed in belongs to the caller.
 */
import type { Client, EventRecorder, SharedInformerFactory } from '../client/index.ts';
import { createEventRecorder, createSharedInformerFactory } from '../client/index.ts';
import type { Clock } from '../util/clock.ts';
import type { Component } from '../util/component.ts';
import type { Random } from '../util/random.ts';
import type { Controller, ControllerContext, ControllerFactory } from './context.ts';

export interface ControllerManagerOptions {
  client: Client;
  clock: Clock;
  random: Random;
  /** Controller name (`replicaset-controller`, ...) → factory. Built and started in this order. */
  controllers: Record<string, ControllerFactory>;
  /** Shared informers; default: a new factory over `client` acting as 'kube-controller-manager'. */
  informers?: SharedInformerFactory;
  /** Controller errors and event-recording failures, for logs; never thrown. */
  onError?: (controller: string, err: unknown) => void;
}

export interface ControllerManager extends Component {
  readonly informers: SharedInformerFactory;
  /** The running controllers by name (empty before start()). */
  readonly controllers: ReadonlyMap<string, Controller>;
}

/** The user upstream would run a controller as (for docs and the trace legend). */
export function controllerServiceAccount(name: string): string {
  return `system:serviceaccount:kube-system:${name}`;
}

export function createControllerManager(options: ControllerManagerOptions): ControllerManager {
  const ownsInformers = options.informers === undefined;
  const informers =
    options.informers ??
    createSharedInformerFactory(options.client.withUser('kube-controller-manager'), {
      clock: options.clock,
      random: options.random.fork('kube-controller-manager/informers'),
      onError: (err) => options.onError?.('informers', err),
    });
  const controllers = new Map<string, Controller>();
  const recorders: EventRecorder[] = [];
  let state: 'new' | 'running' | 'stopped' = 'new';

  const contextFor = (name: string): ControllerContext => {
    const client = options.client.withUser(name);
    const recorder = createEventRecorder(client, {
      component: name,
      clock: options.clock,
      onError: (err) => options.onError?.(name, err),
    });
    recorders.push(recorder);
    return { client, informers, clock: options.clock, random: options.random.fork(name), recorder, reportError: (err) => options.onError?.(name, err) };
  };

  return {
    name: 'kube-controller-manager',
    informers,
    controllers,
    async start() {
      if (state !== 'new') return;
      state = 'running';
      for (const [name, factory] of Object.entries(options.controllers)) {
        controllers.set(name, factory(contextFor(name)));
      }
      informers.start();
      await informers.waitForCacheSync();
      for (const controller of controllers.values()) await controller.start();
      // Informers a controller asked for only in start() (upstream starts the factory again too).
      informers.start();
    },
    async stop() {
      if (state !== 'running') {
        state = 'stopped';
        return;
      }
      state = 'stopped';
      for (const controller of [...controllers.values()].reverse()) await controller.stop();
      await Promise.all(recorders.map((r) => r.flush()));
      if (ownsInformers) await informers.stop();
    },
  };
}
