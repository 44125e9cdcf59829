/**
 * Exercise `kubelet.backoff`: the CrashLoopBackOff delay. Read engine/kubelet/backoff.ts for the
 * contract and its worked example.
 */
import type { BackoffOptions, ContainerBackoff } from '../../engine/kubelet/backoff.ts';

export function newContainerBackoff(options: BackoffOptions = {}): ContainerBackoff {
  void options;
  return {
    isInBackOffSince(key, eventTime, now) {
      void key, eventTime, now;
      // TODO: true while the container that finished at eventTime must still wait before its
      // restart; an unknown key, or one not bumped for twice the maximum delay, never waits.
      throw new Error('TODO: kubelet.backoff isInBackOffSince');
    },
    next(key, eventTime, now) {
      void key, eventTime, now;
      // TODO: record a restart: the first delay is the initial one (10 s by default), each later
      // one doubles up to the maximum (300 s); a key not bumped for twice the maximum starts over.
      throw new Error('TODO: kubelet.backoff next');
    },
    get(key) {
      void key;
      // TODO: the key's current delay in ms, 0 when unknown.
      throw new Error('TODO: kubelet.backoff get');
    },
    reset(key) {
      void key;
      // TODO: forget the key.
      throw new Error('TODO: kubelet.backoff reset');
    },
  };
}
