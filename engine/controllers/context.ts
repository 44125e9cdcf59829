/**
 * What every controller of the controller-manager gets (upstream: ControllerContext in
 * cmd/kube-controller-manager/app/controllermanager.go): a client acting as the controller's own
 * user, the process-wide shared informers, the clock, randomness and an event recorder.
 *
 * A controller is a Component built by a ControllerFactory. Its shape follows STYLE.md: informer
 * handlers only enqueue keys into a ReconcileLoop (engine/client/reconcile-loop.ts); reconcile(key)
 * re-reads from listers (never mutating what they return), writes through the client, and throws
 * to be retried.
 */
import type { Clock } from '../util/clock.ts';
import type { Component } from '../util/component.ts';
import type { Random } from '../util/random.ts';
import type { Client, EventRecorder, SharedInformerFactory } from '../client/index.ts';

export interface ControllerContext {
  /** Acts as the controller's user (e.g. 'replicaset-controller') in the trace. */
  readonly client: Client;
  /** Shared by all controllers: an informer is created on first use and started by the manager. */
  readonly informers: SharedInformerFactory;
  readonly clock: Clock;
  readonly random: Random;
  /** Events under the controller's component name (`source.component`). */
  readonly recorder: EventRecorder;
  /**
   * Where a failed reconcile is reported before it is retried (upstream utilruntime.HandleError
   * logs it): the controller-manager passes it on to its onError, so a cluster's errors() — and a
   * grader's failure transcript — show why a controller makes no progress. Optional: a controller
   * built outside a manager may have none.
   */
  readonly reportError?: (err: unknown) => void;
}

export type Controller = Component;

export type ControllerFactory = (ctx: ControllerContext) => Controller;
