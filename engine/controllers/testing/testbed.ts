/**
 * TEST SUPPORT ONLY — imports cluster/ (a layer above controllers/), so engine code must never
 * import this folder; only *.test.ts files and bench/ do.
 *
 * Test helpers for controllers: a cluster with only the controllers under test running in a
 * controller-manager (no nodes, no kubelets — tests play those parts through the API).
 */
import { isNotFound } from '../../api/errors.ts';
import { createCluster, type Cluster } from '../../cluster/index.ts';
import type { ControllerFactory } from '../context.ts';
import { createControllerManager, type ControllerManager } from '../controller-manager.ts';

export interface ControllerTestbed {
  cluster: Cluster;
  manager: ControllerManager;
  close(): Promise<void>;
}

export async function startControllers(seed: string, controllers: Record<string, ControllerFactory>): Promise<ControllerTestbed> {
  const cluster = await createCluster({ seed });
  const manager = createControllerManager({
    client: cluster.client('kube-controller-manager'),
    clock: cluster.clock,
    random: cluster.random.fork('kube-controller-manager'),
    controllers,
  });
  await manager.start();
  return {
    cluster,
    manager,
    async close() {
      await manager.stop();
      await cluster.close();
    },
  };
}

/** Resolves true when `get` rejects with 404 (the object is gone). */
export async function isGone(get: () => Promise<unknown>): Promise<boolean> {
  try {
    await get();
    return false;
  } catch (err) {
    if (isNotFound(err)) return true;
    throw err;
  }
}
