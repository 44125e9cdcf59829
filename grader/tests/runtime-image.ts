/**
 * Pristine tests of the exercise `runtime-image` (part `runtime.image`): a cluster whose kubelet
 * and container runtime name images with the graded part, seen through the API as
 * `kubectl get pod -o yaml` / `kubectl describe pod` show it, then the reference grammar case by
 * case (engine/runtime/image-reference-suite.ts).
 *
 * Upstream behaviour checked here: the kubelet parses every image before pulling it
 * (pkg/kubelet/images/image_manager.go EnsureImageExists → applyDefaultImageTag →
 * pkg/util/parsers ParseImageName → distribution/reference ParseNormalizedNamed): an invalid one
 * leaves the container Waiting with reason InvalidImageName, the message `Failed to apply
 * default image tag "<image>": couldn't parse image name "<image>": <distribution's error>` and
 * an InspectFailed event. containerd names a running container's image by its normalised repo
 * tag and its imageID by the repo digest (internal/cri/server/container_status.go); a pull of an
 * image the registry lacks fails with `<ref>: not found` (ErrImagePull, then ImagePullBackOff).
 */
import { expect } from 'vitest';
import type { corev1 } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster/index.ts';
import type { ParseImageReference } from '../../engine/runtime/image-reference.ts';
import { imageReferenceCases } from '../../engine/runtime/image-reference-suite.ts';
import { defineExerciseTests, exportOf, type CaseContext, type GradeCase } from '../exercise-tests.ts';

const NS = 'default';
const WAIT = { timeoutMs: 120_000 };
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

function pod(name: string, image: string, extra: Partial<corev1.Container> = {}): corev1.Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image, ...extra }] } };
}

async function startPod(t: CaseContext, name: string, image: string, extra: Partial<corev1.Container> = {}): Promise<Cluster> {
  const c = await t.cluster({ nodes: 1 });
  t.step(`created pod ${name} (image ${image})`);
  await c.client('kubectl').pods(NS).create(pod(name, image, extra));
  return c;
}

const statusOf = async (c: Cluster, name: string) => (await c.client().pods(NS).get(name)).status?.containerStatuses?.[0];

/** Runs the cluster until the container's status satisfies `predicate`; fails with what it shows. */
async function waitForContainer(c: Cluster, name: string, what: string, predicate: (s: corev1.ContainerStatus) => boolean): Promise<corev1.ContainerStatus> {
  const ok = await c.clock.runUntil(async () => {
    const s = await statusOf(c, name);
    return s !== undefined && predicate(s);
  }, WAIT);
  const last = await statusOf(c, name);
  if (!ok) throw new Error(`timed out (${WAIT.timeoutMs / 1000} s of cluster time) waiting until ${what}; the container's status is ${JSON.stringify(last?.state ?? null)}`);
  return last!;
}

const waitingReason = (s: corev1.ContainerStatus) => s.state?.waiting?.reason;

async function eventMessages(c: Cluster, podName: string, reason: string): Promise<string[]> {
  const events = (await c.client().events(NS).list()).items;
  return events.filter((e) => e.involvedObject?.name === podName && e.reason === reason).map((e) => e.message ?? '');
}

const clusterCases: GradeCase<ParseImageReference>[] = [
  {
    name: 'a pod with image nginx runs docker.io/library/nginx:latest, its imageID the repository@sha256 digest',
    kind: 'cluster',
    async run(_part, t) {
      const c = await startPod(t, 'web', 'nginx');
      const s = await waitForContainer(c, 'web', 'the container is running', (x) => x.state?.running !== undefined);
      expect(s.image).toBe('docker.io/library/nginx:latest');
      expect(s.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    },
  },
  {
    name: 'a pod with image nginx:1.14.2 runs docker.io/library/nginx:1.14.2',
    kind: 'cluster',
    async run(_part, t) {
      const c = await startPod(t, 'old', 'nginx:1.14.2');
      const s = await waitForContainer(c, 'old', 'the container is running', (x) => x.state?.running !== undefined);
      expect(s.image).toBe('docker.io/library/nginx:1.14.2');
      expect(s.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    },
  },
  {
    name: 'a pod pinned to a digest runs exactly that digest: imageID is docker.io/library/busybox@<digest>',
    kind: 'cluster',
    async run(_part, t) {
      const c = await startPod(t, 'pinned', `busybox@${DIGEST}`, { command: ['sleep', '3600'] });
      const s = await waitForContainer(c, 'pinned', 'the container is running', (x) => x.state?.running !== undefined);
      expect(s.imageID).toBe(`docker.io/library/busybox@${DIGEST}`);
    },
  },
  {
    name: 'an image name with upper case (Nginx) leaves the container Waiting: InvalidImageName, with an InspectFailed event',
    kind: 'cluster',
    async run(_part, t) {
      const c = await startPod(t, 'shouty', 'Nginx');
      const s = await waitForContainer(c, 'shouty', 'the container waits with reason InvalidImageName', (x) => waitingReason(x) === 'InvalidImageName');
      const message = 'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase';
      expect(s.state?.waiting?.message).toBe(message);
      expect((await c.client().pods(NS).get('shouty')).status?.phase).toBe('Pending');
      expect(await eventMessages(c, 'shouty', 'InspectFailed')).toEqual([message]);
      expect(await eventMessages(c, 'shouty', 'Pulling')).toEqual([]);
    },
  },
  {
    name: 'a malformed digest (nginx@sha256:abc) is InvalidImageName with "invalid reference format"',
    kind: 'cluster',
    async run(_part, t) {
      const c = await startPod(t, 'short', 'nginx@sha256:abc');
      const s = await waitForContainer(c, 'short', 'the container waits with reason InvalidImageName', (x) => waitingReason(x) === 'InvalidImageName');
      expect(s.state?.waiting?.message).toBe('Failed to apply default image tag "nginx@sha256:abc": couldn\'t parse image name "nginx@sha256:abc": invalid reference format');
    },
  },
  {
    name: 'an image the registry does not have (nginxx) fails to pull as docker.io/library/nginxx:latest: ErrImagePull, then ImagePullBackOff',
    kind: 'cluster',
    async run(_part, t) {
      const c = await startPod(t, 'typo', 'nginxx');
      const first = await waitForContainer(c, 'typo', 'the container waits with reason ErrImagePull', (x) => waitingReason(x) === 'ErrImagePull');
      expect(first.state?.waiting?.message).toContain('failed to resolve reference "docker.io/library/nginxx:latest": docker.io/library/nginxx:latest: not found');
      await waitForContainer(c, 'typo', 'the container waits with reason ImagePullBackOff', (x) => waitingReason(x) === 'ImagePullBackOff');
      expect(await eventMessages(c, 'typo', 'BackOff')).toContain('Back-off pulling image "nginxx"');
    },
  },
  {
    name: 'an image on a local registry with a port (localhost:5000/app) is pulled from that registry, not parsed as a tag',
    kind: 'cluster',
    async run(_part, t) {
      const c = await startPod(t, 'local', 'localhost:5000/app');
      const s = await waitForContainer(c, 'local', 'the container waits with reason ErrImagePull', (x) => waitingReason(x) === 'ErrImagePull' || waitingReason(x) === 'InvalidImageName');
      expect(waitingReason(s)).toBe('ErrImagePull');
      expect(s.state?.waiting?.message).toContain('failed to resolve reference "localhost:5000/app:latest"');
    },
  },
];

export default defineExerciseTests({
  part: 'runtime.image',
  load: (m) => exportOf<ParseImageReference>(m, 'parseImageReference', 'function'),
  cases: [
    ...clusterCases,
    ...imageReferenceCases.map((c): GradeCase<ParseImageReference> => ({ name: c.name, kind: 'part', run: (parse) => c.run(parse) })),
  ],
});
