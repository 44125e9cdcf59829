/**
 * The controller-manager: builds every controller with its own identity, starts shared informers
 * only after all handlers are registered, waits for sync, then starts the controllers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../cluster/index.ts';
import type { corev1 } from '../api/types.ts';
import { defaultParts } from '../cluster/default-parts.ts';
import type { ControllerContext, ControllerFactory } from './context.ts';
import { createControllerManager, type ControllerManager } from './controller-manager.ts';
import { defaultControllers } from './default-controllers.ts';

let cluster: Cluster | undefined;
let manager: ControllerManager | undefined;
afterEach(async () => {
  await manager?.stop();
  await cluster?.close();
  cluster = manager = undefined;
});

describe('controller-manager', () => {
  it('gives each controller its own user and event component, and starts it after informers synced', async () => {
    const c = (cluster = await createCluster({ seed: 'kcm-context' }));
    await c.client('kubectl').configmaps('default').create({ metadata: { name: 'before-start' }, data: {} });
    const log: string[] = [];
    const probe =
      (name: string): ControllerFactory =>
      (ctx: ControllerContext) => {
        const informer = ctx.informers.configmaps();
        informer.addEventHandler({
          onAdd: (cm, initial) => {
            log.push(`${name} saw ${cm.metadata?.name} initial=${initial}`);
          },
        });
        return {
          name,
          async start() {
            log.push(`${name} start synced=${informer.hasSynced()} user=${ctx.client.user}`);
            ctx.recorder.event(informer.lister().get('default', 'before-start')!, 'Normal', 'Probed', `probed by ${name}`);
          },
          async stop() {
            log.push(`${name} stop`);
          },
        };
      };
    manager = createControllerManager({
      client: c.client('kube-controller-manager'),
      clock: c.clock,
      random: c.random.fork('kcm'),
      controllers: { 'a-controller': probe('a-controller'), 'b-controller': probe('b-controller') },
    });
    await manager.start();
    expect(log).toEqual([
      'a-controller saw before-start initial=true',
      'b-controller saw before-start initial=true',
      'a-controller start synced=true user=a-controller',
      'b-controller start synced=true user=b-controller',
    ]);
    await manager.stop();
    expect(log.slice(-2)).toEqual(['b-controller stop', 'a-controller stop']);
    const events = (await c.client().events('default').list()).items.filter((e) => e.reason === 'Probed');
    expect(events.map((e) => `${e.source?.component}: ${e.message}`).sort()).toEqual([
      'a-controller: probed by a-controller',
      'b-controller: probed by b-controller',
    ]);
    manager = undefined;
  });

  it("reports a controller's failed reconciles through onError under the controller's name (a cluster's errors())", async () => {
    const c = (cluster = await createCluster({
      seed: 'kcm-errors',
      controlPlane: true,
      parts: {
        'controllers.replicaset': () => {
          throw new Error('TODO: manageReplicas');
        },
      },
    }));
    await c.client('kubectl').replicasets('default').create({
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    });
    await c.clock.advance(1_000);
    expect(c.errors().map((e) => `${e.component}: ${e.message}`)).toContain('replicaset-controller: TODO: manageReplicas');
  });

  it('runs the default controllers together: deleting a namespace removes its Pods and ServiceAccount, then the namespace', async () => {
    const c = (cluster = await createCluster({ seed: 'kcm-defaults' }));
    manager = createControllerManager({
      client: c.client('kube-controller-manager'),
      clock: c.clock,
      random: c.random.fork('kcm'),
      controllers: defaultControllers(defaultParts),
    });
    await manager.start();
    expect([...manager.controllers.keys()]).toEqual([
      'replicaset-controller',
      'deployment-controller',
      'daemonset-controller',
      'statefulset-controller',
      'job-controller',
      'cronjob-controller',
      'ttl-after-finished-controller',
      'garbage-collector-controller',
      'namespace-controller',
      'serviceaccount-controller',
      'serviceaccount-token-controller',
      'node-lifecycle-controller',
      'taint-eviction-controller',
      'pod-garbage-collector-controller',
      'endpoints-controller',
      'endpointslice-controller',
      'persistentvolume-binder-controller',
      'persistentvolumeclaim-protection-controller',
      'persistentvolume-protection-controller',
      'hostpath-provisioner',
    ]);
    const kubectl = c.client('kubectl');
    await kubectl.namespaces().create({ metadata: { name: 'team' } });
    expect(
      await c.clock.runUntil(async () => (await kubectl.serviceaccounts('team').list()).items.length === 1, { timeoutMs: 10_000 }),
    ).toBe(true);
    const pod: corev1.Pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    await kubectl.pods('team').create(pod);
    await kubectl.namespaces().delete('team');
    expect(
      await c.clock.runUntil(
        async () => !(await kubectl.namespaces().list()).items.some((n) => n.metadata?.name === 'team'),
        { timeoutMs: 60_000 },
      ),
    ).toBe(true);
  });
});
