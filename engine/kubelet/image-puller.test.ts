import { describe, expect, it } from 'vitest';
import type { corev1 } from '../api/types.ts';
import type { EventRecorder } from '../client/event-recorder.ts';
import type { ContainerRuntime } from '../runtime/cri.ts';
import { VirtualClock } from '../util/clock.ts';
import { newContainerBackoff } from '../../solutions/kubelet/index.ts';
import { parseImageReference } from '../../solutions/runtime/image-reference.ts';
import { ImagePuller } from './image-puller.ts';

function puller() {
  const events: string[] = [];
  const pulls: string[] = [];
  const recorder: EventRecorder = { event: (_o, type, reason, message) => void events.push(`${type} ${reason} ${message}`), flush: async () => undefined };
  const runtime = {
    imageStatus: async () => undefined,
    pullImage: async (spec: { image: string }) => {
      pulls.push(spec.image);
      return 'sha256:0';
    },
  } as unknown as ContainerRuntime;
  return { events, pulls, images: new ImagePuller(runtime, new VirtualClock(), newContainerBackoff(), recorder, parseImageReference) };
}

const pod: corev1.Pod = { metadata: { name: 'p', uid: 'u1' }, spec: { containers: [] } };
const ref: corev1.ObjectReference = { kind: 'Pod', name: 'p' };

describe('ImagePuller: image names the kubelet cannot parse', () => {
  it('an upper-case image is InvalidImageName with the upstream message, an InspectFailed event, and no pull', async () => {
    const h = puller();
    const r = await h.images.ensureImage(pod, { name: 'c', image: 'Nginx' }, ref);
    const message = 'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase';
    expect(r).toEqual({ ok: false, waiting: { reason: 'InvalidImageName', message } });
    expect(h.events).toEqual([`Warning InspectFailed ${message}`, 'Warning Failed Error: InvalidImageName']);
    expect(h.pulls).toEqual([]);
  });

  it('a valid image is pulled as the pod names it', async () => {
    const h = puller();
    const r = await h.images.ensureImage(pod, { name: 'c', image: 'nginx' }, ref);
    expect(r.ok).toBe(true);
    expect(h.pulls).toEqual(['nginx']);
  });
});
