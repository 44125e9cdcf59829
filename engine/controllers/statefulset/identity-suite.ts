/**
 * The part cases of `statefulset.identity`, called directly. The grader (grader/tests/sts-identity.ts)
 * runs them after its cluster cases; the self-check runs them against the reference, the stub and
 * the mutants (grader/mutants/sts-identity.ts). Each case throws on failure.
 */
import { expect } from 'vitest';
import type { appsv1, corev1 } from '../../api/types.ts';
import { deepFreeze } from '../../client/cache/deep-freeze.ts';
import { POD_INDEX_LABEL, STATEFULSET_POD_NAME_LABEL, type StatefulSetIdentity } from './identity.ts';

export interface IdentityCase {
  name: string;
  run(identity: StatefulSetIdentity): void;
}

/** The docs' `web` set, frozen as a lister hands it out, with a config volume and an annotation. */
function web(o: { name?: string; serviceName?: string; templates?: string[] } = {}): appsv1.StatefulSet {
  return deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: o.name ?? 'web', namespace: 'shop', uid: 'uid-web' },
    spec: {
      serviceName: o.serviceName ?? 'nginx',
      replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: {
        metadata: { labels: { app: 'nginx', tier: 'front' }, annotations: { team: 'web' } },
        spec: {
          containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }, { name: 'conf', mountPath: '/etc/nginx/conf.d' }] }],
          volumes: [
            { name: 'conf', configMap: { name: 'nginx-conf' } },
            { name: 'www', emptyDir: {} },
          ],
        },
      },
      volumeClaimTemplates: (o.templates ?? ['www']).map((t) => ({
        metadata: { name: t, labels: { disk: 'ssd' } },
        spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
      })),
    },
  } as appsv1.StatefulSet);
}

function podNamed(name: string, namespace = 'shop', labels: Record<string, string> = { [STATEFULSET_POD_NAME_LABEL]: name }): corev1.Pod {
  return deepFreeze({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels }, spec: { containers: [] } } as corev1.Pod);
}

export const identityCases: readonly IdentityCase[] = [
  {
    name: 'the pod of ordinal N is named <set>-<N>',
    run(id) {
      expect(id.podName(web(), 0)).toBe('web-0');
      expect(id.podName(web(), 12)).toBe('web-12');
      expect(id.podName(web({ name: 'my-db' }), 3)).toBe('my-db-3');
    },
  },
  {
    name: 'a pod name splits at its LAST dash into the parent set and the ordinal',
    run(id) {
      expect(id.getParentNameAndOrdinal('web-0')).toEqual({ parent: 'web', ordinal: 0 });
      expect(id.getParentNameAndOrdinal('my-db-12')).toEqual({ parent: 'my-db', ordinal: 12 });
    },
  },
  {
    name: 'a name without a numeric suffix has no ordinal',
    run(id) {
      for (const n of ['web', 'web-', 'web-x', 'web-1a', 'web-abc12']) expect(id.getParentNameAndOrdinal(n), n).toBeUndefined();
    },
  },
  {
    name: 'isMemberOf compares the parent name exactly (web-canary-2 is not web\'s; web-2 is, whatever its ordinal)',
    run(id) {
      expect(id.isMemberOf(web(), podNamed('web-2'))).toBe(true);
      expect(id.isMemberOf(web(), podNamed('web-40'))).toBe(true);
      expect(id.isMemberOf(web(), podNamed('web-canary-2'))).toBe(false);
      expect(id.isMemberOf(web(), podNamed('webx-2'))).toBe(false);
      expect(id.isMemberOf(web(), podNamed('web'))).toBe(false);
    },
  },
  {
    name: 'claims are named <template>-<set>-<ordinal>, one per template, in template order',
    run(id) {
      expect(id.claimName(web(), 'www', 0)).toBe('www-web-0');
      const claims = id.claimsFor(web({ templates: ['www', 'logs'] }), 2);
      expect(claims.map((c) => c.metadata?.name)).toEqual(['www-web-2', 'logs-web-2']);
      expect(id.claimsFor(web({ templates: [] }), 0)).toEqual([]);
    },
  },
  {
    name: 'a claim lives in the set\'s namespace, carries the template\'s labels plus the selector\'s, and the template\'s spec',
    run(id) {
      const [claim] = id.claimsFor(web(), 1);
      expect(claim?.metadata?.namespace).toBe('shop');
      expect(claim?.metadata?.labels).toEqual({ disk: 'ssd', app: 'nginx' });
      expect(claim?.spec).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } });
    },
  },
  {
    name: 'the new pod has the stable name, namespace, hostname and subdomain (the governing Service)',
    run(id) {
      const pod = id.newPod(web(), 1);
      expect(pod.metadata?.name).toBe('web-1');
      expect(pod.metadata?.namespace).toBe('shop');
      expect(pod.spec?.hostname).toBe('web-1');
      expect(pod.spec?.subdomain).toBe('nginx');
      expect(id.newPod(web({ serviceName: 'db' }), 0).spec?.subdomain).toBe('db');
    },
  },
  {
    name: 'the new pod carries the template\'s labels and annotations plus statefulset.kubernetes.io/pod-name and apps.kubernetes.io/pod-index',
    run(id) {
      const pod = id.newPod(web(), 7);
      expect(pod.metadata?.labels).toEqual({ app: 'nginx', tier: 'front', [STATEFULSET_POD_NAME_LABEL]: 'web-7', [POD_INDEX_LABEL]: '7' });
      expect(pod.metadata?.annotations).toEqual({ team: 'web' });
      expect(pod.spec?.containers.map((c) => c.image)).toEqual(['registry.k8s.io/nginx-slim:0.24']);
    },
  },
  {
    name: 'the new pod mounts its own claims: a template\'s volume of the same name is replaced, other volumes are kept',
    run(id) {
      const vols = id.newPod(web(), 0).spec?.volumes ?? [];
      expect(vols.find((v) => v.name === 'www')).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
      expect(vols.filter((v) => v.name === 'www')).toHaveLength(1);
      expect(vols.find((v) => v.name === 'conf')).toEqual({ name: 'conf', configMap: { name: 'nginx-conf' } });
      expect(vols).toHaveLength(2);
    },
  },
  {
    name: 'identityMatches: true for a pod built for the set; false for another set\'s pod, another namespace or a wrong pod-name label',
    run(id) {
      expect(id.identityMatches(web(), id.newPod(web(), 2))).toBe(true);
      expect(id.identityMatches(web(), podNamed('web-2'))).toBe(true);
      expect(id.identityMatches(web(), podNamed('db-2'))).toBe(false);
      expect(id.identityMatches(web(), podNamed('web-2', 'other'))).toBe(false);
      expect(id.identityMatches(web(), podNamed('web-2', 'shop', { [STATEFULSET_POD_NAME_LABEL]: 'web-3' }))).toBe(false);
    },
  },
  {
    name: 'building pods and claims never modifies the set (it is frozen, as a lister hands it out)',
    run(id) {
      const set = web();
      expect(() => {
        id.newPod(set, 0);
        id.claimsFor(set, 0);
      }).not.toThrow();
      const a = id.newPod(set, 0);
      a.spec!.containers[0]!.image = 'changed';
      expect(id.newPod(set, 0).spec?.containers[0]?.image).toBe('registry.k8s.io/nginx-slim:0.24');
    },
  },
];
