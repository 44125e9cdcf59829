/**
 * What the volume controllers share: an informer-driven ReconcileLoop (LoopController's start and
 * stop) whose 409 Conflicts are not errors. A conflict means the controller decided on a cached
 * object someone has since changed; the informer is about to deliver the newer version, so the
 * key is simply run again, rate-limited (upstream pv_controller and the protection controllers
 * requeue the same way: `queue.AddRateLimited(key)` on any sync error).
 */
import { isConflict } from '../../api/errors.ts';
import { ReconcileLoop } from '../../client/index.ts';
import type { ControllerContext } from '../context.ts';
import { LoopController } from '../loop-controller.ts';

export abstract class VolumeLoopController extends LoopController {
  readonly loop: ReconcileLoop;

  constructor(ctx: ControllerContext, name: string) {
    super(ctx);
    this.loop = new ReconcileLoop({
      name,
      clock: ctx.clock,
      reconcile: (key) =>
        this.sync(key).catch((err: unknown) => {
          if (!isConflict(err)) throw err;
          this.loop.queue.addRateLimited(key);
        }),
      onError: (_key, err) => ctx.reportError?.(err),
    });
  }

  protected abstract sync(key: string): Promise<void>;
}
