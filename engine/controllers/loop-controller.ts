/**
 * The start/stop every informer-driven controller shares (upstream: each controller's Run in
 * pkg/controller/*: start the informers, WaitForNamedCacheSync, then the workers; on shutdown
 * the work queue is shut down and the workers drain).
 *
 * A subclass builds its ReconcileLoop and registers its informer handlers in its constructor;
 * start() starts the (shared) informers, waits until their caches are synced, then starts the
 * loop, so no reconcile ever runs on a cold cache. stop() stops the loop only: the informers are
 * shared and belong to whoever created the factory (the controller-manager).
 */
import type { ReconcileLoop } from '../client/reconcile-loop.ts';
import type { Controller, ControllerContext } from './context.ts';

export abstract class LoopController implements Controller {
  abstract readonly name: string;
  protected abstract readonly loop: ReconcileLoop;

  constructor(protected readonly ctx: ControllerContext) {}

  async start(): Promise<void> {
    this.ctx.informers.start();
    await this.ctx.informers.waitForCacheSync();
    await this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }
}
