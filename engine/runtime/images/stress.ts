/**
 * docker.io/polinux/stress: the memory hog of the docs' "Assign Memory Resources" task.
 * `stress --vm 1 --vm-bytes 150M --vm-hang 1` allocates N × bytes and keeps it; over the
 * container's memory limit the kernel's OOM killer ends it (exit 137, reason OOMKilled).
 * Sizes use stress's suffixes: B, K, M, G (powers of 1024).
 */
import type { Program } from '../process.ts';
import { versionTag, MiB, type ImageFamily } from './image.ts';

export function parseStressSize(s: string): number | undefined {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(s);
  if (!m) return undefined;
  const unit = { '': 1, b: 1, k: 1024, m: MiB, g: 1024 * MiB }[(m[2] as string).toLowerCase() as '' | 'b' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

const stress: Program = async (ctx) => {
  const argv = ctx.argv.slice(1);
  const get = (name: string, short: string) => {
    const i = argv.findIndex((a) => a === `--${name}` || a === `-${short}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const vm = Number(get('vm', 'm') ?? '0');
  const cpu = Number(get('cpu', 'c') ?? '0');
  const bytes = parseStressSize(get('vm-bytes', '') ?? '256M');
  const timeout = get('timeout', 't');
  if (bytes === undefined) {
    ctx.stderr(`stress: FAIL: [1] (${'bad vm-bytes'})\n`);
    return 1;
  }
  ctx.stdout(`stress: info: [1] dispatching hogs: ${cpu} cpu, 0 io, ${vm} vm, 0 hdd\n`);
  const started = ctx.clock.now();
  // Memory is touched a little after the workers fork.
  await ctx.sleep(100);
  for (let i = 0; i < vm; i++) ctx.allocate(bytes);
  if (timeout !== undefined) {
    const seconds = Number.parseInt(timeout, 10);
    await ctx.sleep(Math.max(0, seconds * 1000 - (ctx.clock.now() - started)));
    ctx.stdout(`stress: info: [1] successful run completed in ${seconds}s\n`);
    return 0;
  }
  return ctx.waitForever();
};

export const stressFamily: ImageFamily = {
  repositories: ['docker.io/polinux/stress'],
  hasTag: (tag) => versionTag(tag),
  describe: () => ({
    entrypoint: [],
    cmd: ['stress', '--vm', '1', '--vm-bytes', '256M'],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
    workingDir: '/',
    sizeBytes: 4_300_000,
    files: {},
    binaries: { stress },
    shell: true,
    baseMemoryBytes: 1 * MiB,
  }),
};
