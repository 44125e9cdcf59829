/**
 * The sample-controller pattern end to end on a real cluster: handlers only enqueue keys, one
 * worker reconciles each key from the lister, writes go through the client, and a 409 Conflict
 * is retried through addRateLimited — never by an ad-hoc loop.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isConflict } from '../api/errors.ts';
import { objectKey, splitKey } from '../api/object.ts';
import type { corev1 } from '../api/types.ts';
import { createCluster, type Cluster } from '../cluster/index.ts';
import type { Client } from './client.ts';
import { deepCopy } from './cache/deep-freeze.ts';
import type { SharedIndexInformer } from './cache/shared-informer.ts';
import { createSharedInformerFactory } from './informer-factory.ts';
import { newRateLimitingQueue, type RateLimitingQueue } from './rate-limiting-queue.ts';
import type { Clock } from '../util/clock.ts';

/** Stamps every ConfigMap labelled stamp=true with data.stamped = "true". */
class StampController {
  readonly queue: RateLimitingQueue;
  readonly failures: unknown[] = [];
  reconciles = 0;
  /** Test hook: runs just before the controller writes. */
  beforeWrite: (key: string) => Promise<void> = async () => {};

  constructor(
    private readonly client: Client,
    private readonly informer: SharedIndexInformer<corev1.ConfigMap>,
    clock: Clock,
  ) {
    this.queue = newRateLimitingQueue(clock, undefined, { name: 'stamp' });
    const enqueue = (cm: corev1.ConfigMap) => this.queue.add(objectKey(cm));
    informer.addEventHandler({ onAdd: enqueue, onUpdate: (_old, cm) => enqueue(cm), onDelete: enqueue });
  }

  async runWorker(): Promise<void> {
    while (await this.processNextWorkItem()) {
      // keep going until the queue shuts down
    }
  }

  private async processNextWorkItem(): Promise<boolean> {
    const item = await this.queue.get();
    if (item.shutdown) return false;
    try {
      await this.reconcile(item.key);
      this.queue.forget(item.key);
    } catch (err) {
      this.failures.push(err);
      this.queue.addRateLimited(item.key);
    } finally {
      this.queue.done(item.key);
    }
    return true;
  }

  private async reconcile(key: string): Promise<void> {
    this.reconciles++;
    const { namespace, name } = splitKey(key);
    const cached = this.informer.lister().get(namespace, name);
    if (!cached) return; // deleted: nothing to do
    if (cached.metadata?.labels?.['stamp'] !== 'true' || cached.data?.['stamped'] === 'true') return;
    const cm = deepCopy(cached);
    cm.data = { ...cm.data, stamped: 'true' };
    await this.beforeWrite(key);
    await this.client.configmaps(namespace).update(cm);
  }
}

let cluster: Cluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe('a sample-controller-style controller', () => {
  it('reconciles from the lister and retries a 409 Conflict through the rate-limited queue', async () => {
    const c = (cluster = await createCluster({ seed: 'sample-controller' }));
    const admin = c.client('kubectl');
    const controllerClient = c.client('sample-controller');
    const factory = createSharedInformerFactory(controllerClient, { clock: c.clock });
    const controller = new StampController(controllerClient, factory.configmaps(), c.clock);

    // Someone else edits the object between the controller's read and its write, once.
    let raced = false;
    controller.beforeWrite = async (key) => {
      if (raced) return;
      raced = true;
      const { namespace, name } = splitKey(key);
      const fresh = await admin.configmaps(namespace).get(name);
      await admin.configmaps(namespace).update({ ...fresh, data: { ...fresh.data, colour: 'blue' } });
    };

    factory.start();
    await factory.waitForCacheSync();
    const worker = controller.runWorker();
    await admin.configmaps('default').create({ metadata: { name: 'cfg', labels: { stamp: 'true' } }, data: { colour: 'red' } });

    const stamped = async () => (await admin.configmaps('default').get('cfg')).data?.['stamped'] === 'true';
    expect(await c.clock.runUntil(stamped)).toBe(true);

    const final = await admin.configmaps('default').get('cfg');
    expect(final.data).toEqual({ colour: 'blue', stamped: 'true' });
    expect(controller.failures).toHaveLength(1);
    expect(isConflict(controller.failures[0])).toBe(true);
    expect(controller.queue.numRequeues('default/cfg')).toBe(0);

    const writes = c.trace
      .entries()
      .filter((e) => e.user === 'sample-controller' && e.resource === 'configmaps')
      .map((e) => `${e.verb} ${e.code}`);
    expect(writes).toEqual(['update 409', 'update 200']);

    controller.queue.shutDown();
    await worker;
    await factory.stop();
  });

  it('treats a deleted object as done instead of failing', async () => {
    const c = (cluster = await createCluster({ seed: 'sample-controller-2' }));
    const admin = c.client('kubectl');
    const factory = createSharedInformerFactory(c.client('sample-controller'), { clock: c.clock });
    const controller = new StampController(c.client('sample-controller'), factory.configmaps(), c.clock);
    factory.start();
    await factory.waitForCacheSync();
    await admin.configmaps('default').create({ metadata: { name: 'gone' }, data: {} });
    await admin.configmaps('default').delete('gone');
    await c.clock.flush();
    const worker = controller.runWorker();
    await c.clock.runUntil(() => controller.queue.len() === 0 && controller.reconciles > 0);
    expect(controller.failures).toEqual([]);
    controller.queue.shutDown();
    await worker;
    await factory.stop();
  });
});
