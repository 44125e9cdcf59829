import { describe, expect, it } from 'vitest';
import { strategicMergePatch } from './strategic-merge-patch.ts';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };

type Obj = Record<string, any>;

function deployment(): Obj {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'patch-demo', namespace: 'default', labels: { app: 'nginx' }, finalizers: ['example.com/a', 'example.com/b'] },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'nginx' } },
        spec: {
          containers: [
            {
              name: 'patch-demo-ctr',
              image: 'nginx',
              env: [
                { name: 'MODE', value: 'prod' },
                { name: 'LEVEL', value: 'info' },
              ],
              ports: [{ containerPort: 80, protocol: 'TCP' }],
            },
            { name: 'log', image: 'busybox' },
          ],
          tolerations: [{ effect: 'NoSchedule', key: 'dedicated', value: 'test-team' }],
        },
      },
    },
  };
}

const smp = (patch: unknown, original: Obj = deployment()) => strategicMergePatch(original, patch, DEPLOYMENT) as Obj;
const podSpecPatch = (spec: Obj) => ({ spec: { template: { spec } } });
const containers = (out: Obj) => out.spec.template.spec.containers as Obj[];
const names = (list: Obj[]) => list.map((c) => c.name);

describe('strategicMergePatch of a Deployment', () => {
  it('adding a container keeps the existing ones and puts the new one first (no $setElementOrder)', () => {
    const out = smp(podSpecPatch({ containers: [{ name: 'patch-demo-ctr-2', image: 'redis' }] }));
    expect(names(containers(out))).toEqual(['patch-demo-ctr-2', 'patch-demo-ctr', 'log']);
    expect(containers(out)[0]).toEqual({ name: 'patch-demo-ctr-2', image: 'redis' });
  });

  it("changing one container's image by name leaves its other fields and the other containers alone", () => {
    const out = smp(podSpecPatch({ containers: [{ name: 'log', image: 'busybox:1.36' }] }));
    expect(containers(out)).toEqual([deployment().spec.template.spec.containers[0], { name: 'log', image: 'busybox:1.36' }]);
  });

  it('a container with "$patch: delete" is removed', () => {
    const out = smp(podSpecPatch({ containers: [{ name: 'patch-demo-ctr', $patch: 'delete' }] }));
    expect(containers(out)).toEqual([{ name: 'log', image: 'busybox' }]);
  });

  it('"$patch: replace" in the list replaces the whole list with the other elements', () => {
    const out = smp(podSpecPatch({ containers: [{ $patch: 'replace' }, { name: 'only', image: 'httpd' }] }));
    expect(containers(out)).toEqual([{ name: 'only', image: 'httpd' }]);
  });

  it("env merges by name inside the matched container: changed, added and deleted variables", () => {
    const out = smp(
      podSpecPatch({
        containers: [
          {
            name: 'patch-demo-ctr',
            env: [
              { name: 'LEVEL', value: 'debug' },
              { name: 'NEW', value: '1' },
              { name: 'MODE', $patch: 'delete' },
            ],
          },
        ],
      }),
    );
    expect(containers(out)[0]!.env).toEqual([
      { name: 'LEVEL', value: 'debug' },
      { name: 'NEW', value: '1' },
    ]);
    expect(containers(out)[0]!.image).toBe('nginx');
  });

  it('container ports merge by containerPort', () => {
    const out = smp(podSpecPatch({ containers: [{ name: 'patch-demo-ctr', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] }));
    expect(containers(out)[0]!.ports).toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http' }, { containerPort: 443 }]);
  });

  it('tolerations have no merge strategy, so a patch replaces the whole list', () => {
    const out = smp(podSpecPatch({ tolerations: [{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }] }));
    expect(out.spec.template.spec.tolerations).toEqual([{ effect: 'NoSchedule', key: 'disktype', value: 'ssd' }]);
  });

  it('finalizers (a merge list of strings) become the union of live and patch values', () => {
    const out = smp({ metadata: { finalizers: ['example.com/c', 'example.com/a'] } });
    expect(out.metadata.finalizers).toEqual(['example.com/c', 'example.com/a', 'example.com/b']);
  });

  it('$deleteFromPrimitiveList/finalizers removes the listed values', () => {
    const out = smp({ metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/a'] } });
    expect(out.metadata.finalizers).toEqual(['example.com/b']);
  });

  it('$deleteFromPrimitiveList for a list the object does not have changes nothing', () => {
    const out = smp({ spec: { template: { spec: { '$deleteFromPrimitiveList/podCIDRs': ['x'] } } } });
    expect(out).toEqual(deployment());
  });

  it('$setElementOrder/containers gives the merged list the stated order', () => {
    const out = smp(
      podSpecPatch({
        '$setElementOrder/containers': [{ name: 'log' }, { name: 'sidecar' }, { name: 'patch-demo-ctr' }],
        containers: [{ name: 'sidecar', image: 'envoy' }],
      }),
    );
    expect(names(containers(out))).toEqual(['log', 'sidecar', 'patch-demo-ctr']);
  });

  it('$setElementOrder/finalizers orders a list of strings, with a deletion alongside', () => {
    const out = smp({
      metadata: {
        '$setElementOrder/finalizers': ['example.com/c', 'example.com/b'],
        finalizers: ['example.com/c'],
        '$deleteFromPrimitiveList/finalizers': ['example.com/a'],
      },
    });
    expect(out.metadata.finalizers).toEqual(['example.com/c', 'example.com/b']);
  });

  it('a live element not named in $setElementOrder keeps its place among the others', () => {
    const out = smp(podSpecPatch({ '$setElementOrder/containers': [{ name: 'log' }], containers: [{ name: 'log', image: 'x' }] }));
    expect(names(containers(out))).toEqual(['patch-demo-ctr', 'log']);
  });

  it('null deletes a field, at any depth', () => {
    const out = smp({ metadata: { labels: null }, spec: { replicas: null, template: { spec: { containers: [{ name: 'log', image: null }] } } } });
    expect(out.metadata.labels).toBeUndefined();
    expect(out.spec.replicas).toBeUndefined();
    expect(containers(out)[1]).toEqual({ name: 'log' });
  });

  it('maps without a strategy merge key by key (labels)', () => {
    const out = smp({ metadata: { labels: { tier: 'fe' } } });
    expect(out.metadata.labels).toEqual({ app: 'nginx', tier: 'fe' });
  });

  it('"$retainKeys" clears the fields it does not list (switching strategy to Recreate)', () => {
    const out = smp({ spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('without "$retainKeys", switching strategy type leaves rollingUpdate behind', () => {
    const out = smp({ spec: { strategy: { type: 'Recreate' } } });
    expect(out.spec.strategy).toEqual({ type: 'Recreate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
  });

  it('a field the object lacks is taken from the patch without its nulls or $patch elements', () => {
    const original = deployment();
    delete original.spec.template.spec.tolerations;
    delete original.spec.template.spec.containers[1];
    original.spec.template.spec.containers.length = 1;
    const out = smp(podSpecPatch({ initContainers: [{ name: 'init', image: 'busybox', args: null }, { name: 'gone', $patch: 'delete' }] }), original);
    expect(out.spec.template.spec.initContainers).toEqual([{ name: 'init', image: 'busybox' }]);
  });

  it('directive keys never reach the result', () => {
    const out = smp({ spec: { template: { $patch: 'replace', spec: { containers: [{ name: 'a', image: 'b', $patch: 'delete' }] } } } });
    expect(JSON.stringify(out)).not.toContain('$patch');
    expect(out.spec.template).toEqual({ spec: { containers: [{ name: 'a', image: 'b' }] } });
  });

  it('never mutates the original or the patch', () => {
    const original = deployment();
    const patch = podSpecPatch({
      '$setElementOrder/containers': [{ name: 'log' }, { name: 'patch-demo-ctr' }],
      containers: [{ name: 'patch-demo-ctr', env: [{ name: 'MODE', $patch: 'delete' }] }],
      tolerations: null,
    });
    const before = JSON.stringify({ original, patch });
    smp(patch, original);
    expect(JSON.stringify({ original, patch })).toBe(before);
  });

  it('a null patch changes nothing', () => {
    expect(smp(null)).toEqual(deployment());
  });
});

describe('strategicMergePatch follows each kind\'s merge keys', () => {
  it('Service spec.ports merge by port', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }] } };
    const out = strategicMergePatch(svc, { spec: { ports: [{ port: 443, targetPort: 9443 }] } }, { group: '', version: 'v1', kind: 'Service' }) as Obj;
    expect(out.spec.ports).toEqual([{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 9443 }]);
  });

  it('Pod status.conditions merge by type', () => {
    const pod = { status: { conditions: [{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'False' }] } };
    const out = strategicMergePatch(pod, { status: { conditions: [{ type: 'Ready', status: 'True' }] } }, { group: '', version: 'v1', kind: 'Pod' }) as Obj;
    expect(out.status.conditions).toEqual([{ type: 'PodScheduled', status: 'True' }, { type: 'Ready', status: 'True' }]);
  });

  it('metadata.ownerReferences merge by uid', () => {
    const rs = { metadata: { ownerReferences: [{ uid: 'u1', name: 'web', controller: true }] } };
    const out = strategicMergePatch(rs, { metadata: { ownerReferences: [{ uid: 'u1', blockOwnerDeletion: true }] } }, { group: 'apps', version: 'v1', kind: 'ReplicaSet' }) as Obj;
    expect(out.metadata.ownerReferences).toEqual([{ uid: 'u1', name: 'web', controller: true, blockOwnerDeletion: true }]);
  });

  it('CronJob containers deep in jobTemplate merge by name', () => {
    const cj = { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '1' }] } } } } } };
    const patch = { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'b', image: '2' }] } } } } } };
    const out = strategicMergePatch(cj, patch, { group: 'batch', version: 'v1', kind: 'CronJob' }) as Obj;
    expect(out.spec.jobTemplate.spec.template.spec.containers).toEqual([{ name: 'a', image: '1' }, { name: 'b', image: '2' }]);
  });

  it('a ConfigMap (no merge lists) still merges its data map key by key', () => {
    const cm = { data: { a: '1', b: '2' } };
    const out = strategicMergePatch(cm, { data: { b: null, c: '3' } }, { group: '', version: 'v1', kind: 'ConfigMap' });
    expect(out).toEqual({ data: { a: '1', c: '3' } });
  });
});
