/**
 * From a container's config to the program its process runs: Kubernetes' command/args rule
 * over the image's ENTRYPOINT/CMD, then the executable named by argv[0] — one of the image's own
 * programs, or a busybox applet in images that have a shell. A name that is neither is what runc
 * reports as `exec: "NAME": executable file not found in $PATH`.
 */
import type { ContainerConfig } from './cri.ts';
import type { ImageContent } from './images/image.ts';
import type { Program } from './process.ts';
import { BUSYBOX_APPLETS, runShellCommand } from './shell/applets.ts';
import { Shell, type Applet } from './shell/interpreter.ts';

/** Special built-ins of sh: there is no executable of that name to run (`command: ["exit", "1"]` fails to start). */
const SHELL_BUILTINS = new Set(['exit', 'cd', 'export', 'unset', 'trap', 'wait', ':']);

/** Commands every image can exec, even one without a shell (what exec probes typically run). */
export const MINIMAL_TOOLS = ['cat', 'ls', 'test', '[', 'true', 'false'];

/** The program for argv[0] in this image, or undefined (runc: executable file not found). */
export function resolveProgram(content: ImageContent, name: string | undefined, tools?: string[]): Program | undefined {
  if (!name) return undefined;
  const base = name.split('/').pop() as string;
  const own = content.binaries[base];
  if (own) return own;
  const allowed = content.shell ? Object.keys(BUSYBOX_APPLETS).filter((a) => !SHELL_BUILTINS.has(a)) : (tools ?? []);
  if (!allowed.includes(base)) return undefined;
  const applet = BUSYBOX_APPLETS[base] as Applet;
  return async (ctx) => {
    const sh = new Shell(ctx, content.shell ? shellCommands(content) : Object.fromEntries(MINIMAL_TOOLS.map((t) => [t, BUSYBOX_APPLETS[t] as Applet])));
    const io = { stdin: '', out: ctx.stdout, err: ctx.stderr };
    if (base === 'sh' || base === 'ash' || base === 'bash') return runShellCommand(ctx.argv, io, sh);
    return applet(ctx.argv.slice(1), io, sh);
  };
}

/**
 * What a shell in this image can run: the busybox applets plus the image's own programs, so
 * `sh -c "echo start; exec nginx -g 'daemon off;'"` works in the nginx image.
 */
function shellCommands(content: ImageContent): Record<string, Applet> {
  const commands: Record<string, Applet> = { ...BUSYBOX_APPLETS };
  for (const [name, program] of Object.entries(content.binaries)) commands[name] = programApplet(name, program);
  return commands;
}

/**
 * An image's program as a command of the shell. Like any child the shell forks, it inherits the
 * shell's file descriptors 1 and 2 as they are at that command — after its redirections and with
 * the pipe to the next stage of a pipeline (XCU 2.7, 2.9.2) — plus the shell's working directory
 * and exported variables. So `curl -s URL | grep title`, `out=$(curl -s URL)` and
 * `curl URL > page.html` see curl's output exactly as they see busybox `wget -O -` or `cat`'s.
 */
export function programApplet(name: string, program: Program): Applet {
  return (args, io, sh) =>
    program(
      Object.create(sh.ctx, {
        argv: { value: [name, ...args] },
        env: { value: sh.environment() },
        cwd: { value: sh.cwd },
        stdout: { value: io.out },
        stderr: { value: io.err },
      }),
    );
}

/** Kubernetes' rule for command/args vs the image's ENTRYPOINT/CMD. */
export function argvFor(config: ContainerConfig, content: ImageContent): string[] {
  if (config.command.length > 0) return [...config.command, ...config.args];
  return [...content.entrypoint, ...(config.args.length > 0 ? config.args : content.cmd)];
}

export const notFoundInPath = (name: string) =>
  `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown`;
