import { describe, expect, it } from 'vitest';
import type { batchv1 } from '../../api/types.ts';
import { createCluster } from '../../cluster/index.ts';

const job = (extra: Partial<batchv1.JobSpec> = {}, labels: Record<string, string> = { app: 'pi' }): batchv1.Job => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi' },
  spec: { template: { metadata: { labels }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } }, ...extra },
});

describe('Job strategy (generateSelector)', () => {
  it('selects on a generated controller-uid label and adds it, with the job-name labels, to the pod template', async () => {
    const cluster = await createCluster({ seed: 'job-selector' });
    try {
      const created = await cluster.client('kubectl').jobs('default').create(job());
      const uid = created.metadata?.uid;
      expect(uid).toBeTruthy();
      expect(created.spec?.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
      expect(created.spec?.template.metadata?.labels).toEqual({
        app: 'pi',
        'controller-uid': uid,
        'job-name': 'pi',
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': 'pi',
      });
    } finally {
      await cluster.close();
    }
  });

  it('leaves a manualSelector Job as written (and rejects it without a selector)', async () => {
    const cluster = await createCluster({ seed: 'job-manual' });
    try {
      const jobs = cluster.client('kubectl').jobs('default');
      const created = await jobs.create(job({ manualSelector: true, selector: { matchLabels: { app: 'pi' } } }));
      expect(created.spec?.selector).toEqual({ matchLabels: { app: 'pi' } });
      expect(created.spec?.template.metadata?.labels).toEqual({ app: 'pi' });
      await expect(jobs.create({ ...job({ manualSelector: true }), metadata: { name: 'pi2' } })).rejects.toMatchObject({ status: { reason: 'Invalid' } });
    } finally {
      await cluster.close();
    }
  });
});
