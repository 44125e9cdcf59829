/**
 * Pulling a container's image before it is created (upstream pkg/kubelet/images/image_manager.go
 * EnsureImageExists), with its events and its backoff:
 *
 * - imagePullPolicy (defaulted by the apiserver: Always for `:latest` or no tag, else
 *   IfNotPresent): IfNotPresent with the image on the node → Pulled `Container image "nginx:1.27"
 *   already present on machine`; Never without it → ErrImageNeverPull.
 * - a pull → Pulling `Pulling image "nginx"`, then Pulled `Successfully pulled image "nginx" in
 *   1.2s (1.2s including waiting). Image size: 12345 bytes.`
 * - a failed pull → Failed `Failed to pull image "nginxx": <runtime error>` and `Error:
 *   ErrImagePull`; the container waits with reason ErrImagePull. Until the backoff for
 *   `<pod uid>_<image>` has passed, it waits with ImagePullBackOff (`Back-off pulling image
 *   "nginxx"`) and no pull is tried.
 * - an image that is not a valid reference (`Nginx`) is never pulled: InspectFailed `Failed to
 *   apply default image tag "Nginx": couldn't parse image name "Nginx": <distribution's error>`,
 *   then Failed `Error: InvalidImageName`; the container waits with reason InvalidImageName and
 *   that message (upstream applyDefaultImageTag → parsers.ParseImageName →
 *   reference.ParseNormalizedNamed).
 */
import type { corev1 } from '../api/types.ts';
import type { EventRecorder } from '../client/event-recorder.ts';
import type { ContainerRuntime } from '../runtime/cri.ts';
import type { ParseImageReference } from '../runtime/image-reference.ts';
import type { Clock } from '../util/clock.ts';
import type { ContainerBackoff } from './backoff.ts';
import type { WaitingReason } from './pod-status.ts';

export type PullResult = { ok: true; imageRef: string } | { ok: false; waiting: WaitingReason; retryAt?: number };

/** Go's time.Duration String for the durations the kubelet prints: 523ms, 1.2s, 1m20s, 5m0s. */
export function formatGoDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const totalSeconds = ms / 1000;
  if (totalSeconds < 60) return `${Number(totalSeconds.toFixed(3))}s`;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = Number((totalSeconds % 60).toFixed(3));
  return h > 0 ? `${h}h${m}m${s}s` : `${m}m${s}s`;
}

export function defaultPullPolicy(image: string): string {
  const last = image.slice(image.lastIndexOf('/') + 1);
  if (last.includes('@')) return 'IfNotPresent';
  const colon = last.lastIndexOf(':');
  const tag = colon >= 0 ? last.slice(colon + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export class ImagePuller {
  /** When each `<pod uid>_<image>` last failed to pull. */
  private readonly lastFailure = new Map<string, number>();

  constructor(
    private readonly runtime: ContainerRuntime,
    private readonly clock: Clock,
    private readonly backoff: ContainerBackoff,
    private readonly recorder: EventRecorder,
    private readonly parseImageReference?: ParseImageReference,
  ) {}

  async ensureImage(pod: corev1.Pod, spec: corev1.Container, ref: corev1.ObjectReference): Promise<PullResult> {
    const image = spec.image ?? '';
    const parsed = this.parseImageReference?.(image);
    if (parsed && !parsed.ok) {
      const message = `Failed to apply default image tag "${image}": couldn't parse image name "${image}": ${parsed.message}`;
      this.recorder.event(ref, 'Warning', 'InspectFailed', message);
      // kuberuntime_container.go startContainer records the failure of EnsureImageExists too.
      this.recorder.event(ref, 'Warning', 'Failed', 'Error: InvalidImageName');
      return { ok: false, waiting: { reason: 'InvalidImageName', message } };
    }
    const policy = spec.imagePullPolicy ?? defaultPullPolicy(image);
    const present = await this.runtime.imageStatus({ image });
    if (policy === 'Never' && !present) {
      const message = `Container image "${image}" is not present with pull policy of Never`;
      this.recorder.event(ref, 'Warning', 'ErrImageNeverPull', message);
      return { ok: false, waiting: { reason: 'ErrImageNeverPull', message } };
    }
    if (present && policy !== 'Always') {
      this.recorder.event(ref, 'Normal', 'Pulled', `Container image "${image}" already present on machine`);
      return { ok: true, imageRef: present.id };
    }
    const key = `${pod.metadata?.uid}_${image}`;
    const now = this.clock.now();
    const failedAt = this.lastFailure.get(key);
    if (failedAt !== undefined && this.backoff.isInBackOffSince(key, failedAt, now)) {
      const message = `Back-off pulling image "${image}"`;
      this.recorder.event(ref, 'Normal', 'BackOff', message);
      return { ok: false, waiting: { reason: 'ImagePullBackOff', message }, retryAt: failedAt + this.backoff.get(key) };
    }
    this.recorder.event(ref, 'Normal', 'Pulling', `Pulling image "${image}"`);
    try {
      const imageRef = await this.runtime.pullImage({ image });
      const took = formatGoDuration(this.clock.now() - now);
      const size = (await this.runtime.imageStatus({ image }))?.sizeBytes ?? 0;
      this.recorder.event(ref, 'Normal', 'Pulled', `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`);
      this.lastFailure.delete(key);
      return { ok: true, imageRef };
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      const at = this.clock.now();
      this.backoff.next(key, at, at);
      this.lastFailure.set(key, at);
      this.recorder.event(ref, 'Warning', 'Failed', `Failed to pull image "${image}": ${msg}`);
      this.recorder.event(ref, 'Warning', 'Failed', 'Error: ErrImagePull');
      return { ok: false, waiting: { reason: 'ErrImagePull', message: msg }, retryAt: at + this.backoff.get(key) };
    }
  }

  forgetPod(uid: string): void {
    for (const key of [...this.lastFailure.keys()]) if (key.startsWith(`${uid}_`)) this.lastFailure.delete(key);
  }
}
