import { afterEach, describe, expect, it } from 'vitest';
import { isGone, startControllers, type ControllerTestbed } from '../testing/testbed.ts';
import { SERVICEACCOUNT_CONTROLLER, serviceAccountsController } from './serviceaccounts-controller.ts';

let bed: ControllerTestbed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

describe('serviceaccount controller', () => {
  it('every namespace gets a default ServiceAccount, the system ones and new ones alike', async () => {
    bed = await startControllers('sa-default', { [SERVICEACCOUNT_CONTROLLER]: serviceAccountsController() });
    const { clock } = bed.cluster;
    const client = bed.cluster.client('kubectl');
    await client.namespaces().create({ metadata: { name: 'dev' } });
    for (const ns of ['default', 'kube-system', 'dev']) {
      expect(await clock.runUntil(async () => !(await isGone(() => client.serviceaccounts(ns).get('default'))), { timeoutMs: 10_000 })).toBe(true);
    }
    const created = bed.cluster.trace.entries().filter((e) => e.resource === 'serviceaccounts' && e.verb === 'create');
    expect(new Set(created.map((e) => e.user))).toEqual(new Set([SERVICEACCOUNT_CONTROLLER]));
  });

  it('a deleted default ServiceAccount is created again', async () => {
    bed = await startControllers('sa-recreate', { [SERVICEACCOUNT_CONTROLLER]: serviceAccountsController() });
    const { clock } = bed.cluster;
    const client = bed.cluster.client('kubectl');
    await clock.runUntil(async () => !(await isGone(() => client.serviceaccounts('default').get('default'))), { timeoutMs: 10_000 });
    const before = await client.serviceaccounts('default').get('default');
    await client.serviceaccounts('default').delete('default');
    expect(
      await clock.runUntil(
        async () => {
          try {
            return (await client.serviceaccounts('default').get('default')).metadata?.uid !== before.metadata?.uid;
          } catch {
            return false;
          }
        },
        { timeoutMs: 10_000 },
      ),
    ).toBe(true);
  });
});
