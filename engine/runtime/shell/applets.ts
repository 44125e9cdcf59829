/**
 * The busybox applets the simulated `sh` can run, with busybox's messages and exit codes
 * (busybox coreutils/*.c, networking/wget.c, networking/nslookup.c). The subset is what
 * Kubernetes documentation scripts and exec probes use.
 */
import { FILE_APPLETS } from './file-applets.ts';
import { NET_APPLETS } from './net-applets.ts';
import { Shell, type Applet, type ShellIO } from './interpreter.ts';

const ok = async () => 0;

/** busybox `sleep`: seconds with optional fraction and s/m/h/d suffix, or `inf`/`infinity`. */
export function parseSleep(arg: string): number | undefined {
  if (arg === 'inf' || arg === 'infinity') return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit * 1000;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/** busybox `date` in UTC (containers have no TZ): `Wed Jan  1 00:00:00 UTC 2025`, or `+FORMAT`. */
export function formatDate(ms: number, format?: string): string {
  const d = new Date(ms);
  const fields: Record<string, string> = {
    a: DAYS[d.getUTCDay()] as string,
    b: MONTHS[d.getUTCMonth()] as string,
    d: pad(d.getUTCDate()),
    e: pad(d.getUTCDate(), 2, ' '),
    H: pad(d.getUTCHours()),
    M: pad(d.getUTCMinutes()),
    S: pad(d.getUTCSeconds()),
    Y: String(d.getUTCFullYear()),
    m: pad(d.getUTCMonth() + 1),
    s: String(Math.floor(ms / 1000)),
    Z: 'UTC',
    T: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    F: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    '%': '%',
  };
  const f = format ?? '%a %b %e %T %Z %Y';
  return f.replace(/%(.)/g, (all, c: string) => fields[c] ?? all);
}

function testExpr(args: string[], sh: Shell): boolean {
  if (args[0] === '!') return !testExpr(args.slice(1), sh);
  const fs = sh.ctx.fs;
  if (args.length === 0) return false;
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    const [op, v] = args as [string, string];
    switch (op) {
      case '-z':
        return v === '';
      case '-n':
        return v !== '';
      case '-f':
        return fs.isFile(v, sh.cwd);
      case '-d':
        return fs.isDirectory(v, sh.cwd);
      case '-e':
      case '-s':
      case '-r':
        return fs.isFile(v, sh.cwd) || fs.isDirectory(v, sh.cwd);
    }
    return false;
  }
  const [a, op, b] = args as [string, string, string];
  const ia = Number.parseInt(a, 10);
  const ib = Number.parseInt(b, 10);
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '-eq':
      return ia === ib;
    case '-ne':
      return ia !== ib;
    case '-lt':
      return ia < ib;
    case '-le':
      return ia <= ib;
    case '-gt':
      return ia > ib;
    case '-ge':
      return ia >= ib;
  }
  if (args.includes('-a')) {
    const k = args.indexOf('-a');
    return testExpr(args.slice(0, k), sh) && testExpr(args.slice(k + 1), sh);
  }
  if (args.includes('-o')) {
    const k = args.indexOf('-o');
    return testExpr(args.slice(0, k), sh) || testExpr(args.slice(k + 1), sh);
  }
  return false;
}

function echoText(args: string[]): string {
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[ne]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) text = text.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  return newline ? `${text}\n` : text;
}

export const BUSYBOX_APPLETS: Record<string, Applet> = {
  true: ok,
  ':': ok,
  false: async () => 1,
  echo: async (args, io) => (io.out(echoText(args)), 0),
  printf: async (args, io) => {
    const [format = '', ...rest] = args;
    let k = 0;
    const text = format
      .replace(/\\n/g, '\n')
      .replace(/\\t/g, '\t')
      .replace(/%([sd%])/g, (_, c: string) => (c === '%' ? '%' : c === 'd' ? String(Number.parseInt(rest[k++] ?? '0', 10) || 0) : (rest[k++] ?? '')));
    io.out(text);
    return 0;
  },
  env: async (_args, io, sh) => {
    for (const [k, v] of Object.entries(sh.environment())) io.out(`${k}=${v}\n`);
    return 0;
  },
  printenv: async (args, io, sh) => {
    const env = sh.environment();
    if (args.length === 0) {
      for (const [k, v] of Object.entries(env)) io.out(`${k}=${v}\n`);
      return 0;
    }
    let status = 0;
    for (const name of args) {
      if (env[name] === undefined) status = 1;
      else io.out(`${env[name]}\n`);
    }
    return status;
  },
  export: async (args, _io, sh) => {
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) sh.vars.set(name, a.slice(eq + 1));
      sh.exported.add(name);
    }
    return 0;
  },
  unset: async (args, _io, sh) => {
    for (const a of args) {
      sh.vars.delete(a);
      sh.exported.delete(a);
    }
    return 0;
  },
  exit: async (args, _io, sh) => sh.exit(args[0] === undefined ? sh.status : Number.parseInt(args[0], 10) & 255),
  cd: async (args, io, sh) => {
    const target = args[0] ?? sh.vars.get('HOME') ?? '/';
    if (!sh.ctx.fs.isDirectory(target, sh.cwd)) {
      io.err(`sh: cd: can't cd to ${target}: No such file or directory\n`);
      return 2;
    }
    sh.cwd = target.startsWith('/') ? target : `${sh.cwd}/${target}`;
    return 0;
  },
  pwd: async (_args, io, sh) => (io.out(`/${sh.cwd.split('/').filter(Boolean).join('/')}\n`), 0),
  hostname: async (_args, io, sh) => (io.out(`${sh.ctx.hostname}\n`), 0),
  sleep: async (args, io, sh) => {
    let total = 0;
    for (const a of args) {
      const ms = parseSleep(a);
      if (ms === undefined) {
        io.err(`sleep: invalid number '${a}'\n`);
        return 1;
      }
      total += ms;
    }
    if (args.length === 0) {
      io.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: sleep [N]...\n');
      return 1;
    }
    if (total === Number.POSITIVE_INFINITY) await sh.ctx.waitForever();
    await sh.ctx.sleep(total);
    return 0;
  },
  date: async (args, io, sh) => {
    const format = args.find((a) => a.startsWith('+'));
    io.out(`${formatDate(sh.ctx.clock.now(), format?.slice(1))}\n`);
    return 0;
  },
  seq: async (args, io) => {
    const nums = args.map(Number);
    const [first, last] = nums.length === 1 ? [1, nums[0] as number] : [nums[0] as number, nums[nums.length - 1] as number];
    const step = nums.length === 3 ? (nums[1] as number) : 1;
    for (let v = first; step > 0 ? v <= last : v >= last; v += step) io.out(`${v}\n`);
    return 0;
  },
  test: async (args, _io, sh) => (testExpr(args, sh) ? 0 : 1),
  whoami: async (_args, io) => (io.out('root\n'), 0),
  id: async (_args, io) => (io.out('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n'), 0),
  uname: async (args, io, sh) => {
    io.out(args.includes('-a') ? `Linux ${sh.ctx.hostname} 6.1.0-tinykube #1 SMP x86_64 GNU/Linux\n` : 'Linux\n');
    return 0;
  },
  basename: async (args, io) => (io.out(`${(args[0] ?? '').replace(/\/+$/, '').split('/').pop() ?? ''}\n`), 0),
  dirname: async (args, io) => {
    const p = (args[0] ?? '').replace(/\/+$/, '');
    const i = p.lastIndexOf('/');
    io.out(`${i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i)}\n`);
    return 0;
  },
  '[': async (args, io, sh) => {
    if (args[args.length - 1] !== ']') {
      io.err('sh: missing ]\n');
      return 2;
    }
    return testExpr(args.slice(0, -1), sh) ? 0 : 1;
  },
  wait: async (_args, _io, sh) => {
    let status = 0;
    while (sh.jobs.length > 0) status = await (sh.jobs.shift() as Promise<number>);
    return status;
  },
  trap: async (args, io, sh) => {
    const [action = '', ...signals] = args;
    for (const s of signals) {
      const name = s.replace(/^SIG/, '');
      if (name === 'TERM' || name === '15') sh.setTrap('SIGTERM', action, io);
      else if (name === 'INT' || name === '2') sh.setTrap('SIGINT', action, io);
    }
    return 0;
  },
  sh: async (args, io, sh) => runShellCommand(['sh', ...args], io, sh),
  /** `exec CMD ARGS`: CMD replaces the shell, so the script ends with CMD's exit status. */
  exec: async (args, io, sh) => {
    const [name, ...rest] = args;
    if (name === undefined) return 0;
    const applet = sh.applets[name.split('/').pop() as string];
    if (!applet) {
      io.err(`sh: exec: line 1: ${name}: not found\n`);
      return sh.exit(127);
    }
    return sh.exit(await applet(rest, io, sh));
  },
  ...FILE_APPLETS,
  ...NET_APPLETS,
};
BUSYBOX_APPLETS.ash = BUSYBOX_APPLETS.sh as Applet;
BUSYBOX_APPLETS.bash = BUSYBOX_APPLETS.sh as Applet;

/** `sh -c SCRIPT [NAME [ARGS...]]` or `sh FILE [ARGS...]`, in a child shell. */
export async function runShellCommand(argv: string[], io: ShellIO, parent: Shell): Promise<number> {
  const child = new Shell(parent.ctx, parent.applets, parent.environment());
  child.cwd = parent.cwd;
  const args = argv.slice(1).filter((a) => a !== '-e' && a !== '-x' && a !== '-ec');
  if (argv.slice(1).includes('-ec')) args.unshift('-c');
  if (args[0] === '-c') {
    child.scriptName = args[2] ?? argv[0] ?? 'sh';
    child.positional = args.slice(3);
    return child.run(args[1] ?? '', io);
  }
  if (args[0] !== undefined) {
    const script = parent.ctx.fs.readFile(args[0], parent.cwd);
    if (script === undefined) {
      io.err(`sh: can't open '${args[0]}': No such file or directory\n`);
      return 2;
    }
    child.scriptName = args[0];
    child.positional = args.slice(1);
    return child.run(script, io);
  }
  return child.run(io.stdin, io);
}
