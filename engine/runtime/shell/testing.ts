/**
 * Test helper for this folder's tests: runs `sh -c SCRIPT` as a container's main process with the
 * busybox applets, on a virtual clock, collecting its stdout/stderr lines. The mount resolver is
 * a part (solutions/volume/), so the tests pass it in.
 */
import { VirtualClock } from '../../util/clock.ts';
import { Random } from '../../util/random.ts';
import { ContainerFs, type ResolveMount } from '../container-fs.ts';
import { startProcess, type SimulatedProcess } from '../process.ts';
import { createSimulatedNetwork } from '../simulated-network.ts';
import { createVolume, type Volume } from '../volume.ts';
import { BUSYBOX_APPLETS, runShellCommand } from './applets.ts';
import { Shell } from './interpreter.ts';

export interface RunnerOptions {
  env?: Record<string, string>;
  /** Mounted at /data. */
  volume?: Volume;
  /** More mounts. */
  mounts?: Array<{ containerPath: string; volume: Volume; readonly?: boolean }>;
  /** The virtual clock's start (file times in `ls -l`). */
  startMs?: number;
}

/** Returns `sh(script)`: runs `sh -c script` as a container's main process on a virtual clock. */
export function shellRunner(resolveMount: ResolveMount) {
  return (script: string, opts: RunnerOptions = {}) => {
    const clock = new VirtualClock(opts.startMs);
    const network = createSimulatedNetwork({ clock });
    network.attachIp('10.244.0.5', 'pod');
    const out: string[] = [];
    const err: string[] = [];
    const all: string[] = [];
    const rootfs = createVolume({ 'etc/hostname': 'web-0\n' });
    const mounts = [...(opts.volume ? [{ containerPath: '/data', volume: opts.volume }] : []), ...(opts.mounts ?? [])];
    const fs = new ContainerFs(rootfs, mounts, resolveMount);
    const proc: SimulatedProcess = startProcess(
      (ctx) => runShellCommand(ctx.argv, { stdin: '', out: ctx.stdout, err: ctx.stderr }, new Shell(ctx, BUSYBOX_APPLETS)),
      {
        argv: ['sh', '-c', script],
        env: { PATH: '/bin', HOSTNAME: 'web-0', ...opts.env },
        fs,
        cwd: '/',
        hostname: 'web-0',
        podIp: '10.244.0.5',
        clock,
        random: new Random(1),
        network,
        write: (stream, line) => {
          (stream === 'stdout' ? out : err).push(line);
          all.push(line);
        },
      },
    );
    let code: number | undefined;
    void proc.exited.then((c) => (code = c));
    return {
      clock,
      out,
      err,
      /** stdout and stderr lines, in the order they were written. */
      all,
      proc,
      rootfs,
      network,
      code: () => code,
      async finish(timeoutMs = 60_000) {
        await clock.runUntil(() => code !== undefined, { timeoutMs });
        return code;
      },
    };
  };
}
