/**
 * registry.k8s.io/pause: the sandbox's placeholder process. It sleeps until a signal; SIGINT or
 * SIGTERM make it exit 0 (kubernetes/kubernetes build/pause/linux/pause.c). It has no shell.
 */
import type { Program } from '../process.ts';
import { versionTag, type ImageFamily } from './image.ts';

const pause: Program = async (ctx) => {
  ctx.onSignal('SIGTERM', () => ctx.terminate(0));
  ctx.onSignal('SIGINT', () => ctx.terminate(0));
  return ctx.waitForever();
};

export const pauseFamily: ImageFamily = {
  repositories: ['registry.k8s.io/pause'],
  hasTag: (tag) => versionTag(tag),
  describe: () => ({
    entrypoint: ['/pause'],
    cmd: [],
    env: {},
    workingDir: '/',
    sizeBytes: 320_000,
    files: {},
    binaries: { pause },
    shell: false,
    baseMemoryBytes: 256 * 1024,
  }),
};
