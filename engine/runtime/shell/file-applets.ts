/**
 * busybox's file applets (coreutils/cat.c, head.c, tail.c, wc.c, ls.c, mkdir.c, touch.c, rm.c,
 * cp.c, mv.c, tee.c, stat.c; findutils/grep.c is in grep.ts) over the container's filesystem
 * view, with busybox's messages: `cat: can't open 'x': No such file or directory`.
 */
import { grep } from './grep.ts';
import type { Applet, Shell, ShellIO } from './interpreter.ts';

function readFiles(cmd: string, files: string[], io: ShellIO, sh: Shell): { text: string; status: number } {
  if (files.length === 0) return { text: io.stdin, status: 0 };
  let text = '';
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      text += io.stdin;
      continue;
    }
    const content = sh.ctx.fs.readFile(f, sh.cwd);
    if (content === undefined) {
      io.err(sh.ctx.fs.isDirectory(f, sh.cwd) ? `${cmd}: read error: Is a directory\n` : `${cmd}: can't open '${f}': No such file or directory\n`);
      status = 1;
    } else text += content;
  }
  return { text, status };
}

/** `-rw-r--r--` / `drwxr-xr-x` (busybox bb_mode_string). */
function modeString(dir: boolean, mode: number): string {
  const rwx = (bits: number) => `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${bits & 1 ? 'x' : '-'}`;
  return `${dir ? 'd' : '-'}${rwx(mode >> 6)}${rwx(mode >> 3)}${rwx(mode)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** busybox ls -l's time column, `Nov 24 15:30` (files carry no mtime here: the current time). */
function lsTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

function lines(text: string): string[] {
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

async function copyOrMove(cmd: string, args: string[], io: ShellIO, sh: Shell, remove: boolean): Promise<number> {
  const paths = args.filter((a) => !a.startsWith('-'));
  const target = paths.pop();
  if (!target || paths.length === 0) {
    io.err(`${cmd}: missing file operand\n`);
    return 1;
  }
  const fs = sh.ctx.fs;
  for (const src of paths) {
    const content = fs.readFile(src, sh.cwd);
    if (content === undefined) {
      io.err(`${cmd}: can't stat '${src}': No such file or directory\n`);
      return 1;
    }
    const dest = fs.isDirectory(target, sh.cwd) ? `${target}/${src.split('/').pop()}` : target;
    const problem = fs.writeFile(dest, content, false, sh.cwd);
    if (problem) {
      io.err(`${cmd}: can't create '${dest}': ${problem}\n`);
      return 1;
    }
    if (remove) fs.remove(src, sh.cwd);
  }
  return 0;
}

export const FILE_APPLETS: Record<string, Applet> = {
  cat: async (args, io, sh) => {
    const { text, status } = readFiles('cat', args, io, sh);
    io.out(text);
    return status;
  },
  head: async (args, io, sh) => {
    const n = args[0] === '-n' ? Number(args[1]) : args[0]?.startsWith('-') ? Number(args[0].slice(1)) : 10;
    const files = args.filter((a, k) => !a.startsWith('-') && !(args[k - 1] === '-n'));
    const { text, status } = readFiles('head', files, io, sh);
    for (const l of lines(text).slice(0, n)) io.out(`${l}\n`);
    return status;
  },
  tail: async (args, io, sh) => {
    // `tail -f FILE` never ends: the common "keep this container running" idiom.
    if (args.includes('-f') || args.includes('-F')) return sh.ctx.waitForever();
    const n = args[0] === '-n' ? Number(args[1]) : args[0]?.startsWith('-') ? Number(args[0].slice(1)) : 10;
    const files = args.filter((a, k) => !a.startsWith('-') && !(args[k - 1] === '-n'));
    const { text, status } = readFiles('tail', files, io, sh);
    for (const l of lines(text).slice(-n)) io.out(`${l}\n`);
    return status;
  },
  wc: async (args, io, sh) => {
    const files = args.filter((a) => !a.startsWith('-'));
    const { text, status } = readFiles('wc', files, io, sh);
    io.out(`${lines(text).length}\n`);
    return status;
  },
  grep,
  ls: async (args, io, sh) => {
    const flags = args.filter((a) => a.startsWith('-') && a.length > 1).join('');
    const long = flags.includes('l');
    const paths = args.filter((a) => !a.startsWith('-') || a === '-');
    const fs = sh.ctx.fs;
    const when = lsTime(sh.ctx.clock.now());
    const line = (path: string, name: string) => {
      if (!long) return `${name}\n`;
      const dir = fs.isDirectory(path, sh.cwd);
      const size = dir ? 4096 : (fs.readFile(path, sh.cwd) ?? '').length;
      return `${modeString(dir, fs.mode(path, sh.cwd) ?? 0)} ${String(dir ? 2 : 1).padStart(4)} root     root     ${String(size).padStart(9)} ${when} ${name}\n`;
    };
    let status = 0;
    for (const p of paths.length ? paths : ['.']) {
      const names = fs.list(p, sh.cwd);
      if (names) {
        if (paths.length > 1) io.out(`${p}:\n`);
        const child = (n: string) => (p.endsWith('/') ? `${p}${n}` : `${p}/${n}`);
        if (long) io.out(`total ${names.reduce((sum, n) => sum + (fs.isDirectory(child(n), sh.cwd) ? 4 : Math.ceil((fs.readFile(child(n), sh.cwd) ?? '').length / 4096) * 4), 0)}\n`);
        for (const n of names) io.out(line(child(n), n));
      } else if (fs.isFile(p, sh.cwd)) io.out(line(p, p));
      else {
        io.err(`ls: ${p}: No such file or directory\n`);
        status = 1;
      }
    }
    return status;
  },
  /** `stat -c FORMAT FILE...` with %a (octal mode), %A (rwx string), %n, %s, %F, %U, %G. */
  stat: async (args, io, sh) => {
    const fs = sh.ctx.fs;
    const k = args.findIndex((a) => a === '-c' || a.startsWith('--format='));
    const format = k < 0 ? undefined : args[k] === '-c' ? args[k + 1] : args[k]!.slice('--format='.length);
    const files = args.filter((a, j) => !a.startsWith('-') && !(args[j - 1] === '-c'));
    if (files.length === 0) {
      io.err('stat: missing operand\n');
      return 1;
    }
    let status = 0;
    for (const f of files) {
      const mode = fs.mode(f, sh.cwd);
      if (mode === undefined) {
        io.err(`stat: can't stat '${f}': No such file or directory\n`);
        status = 1;
        continue;
      }
      const dir = fs.isDirectory(f, sh.cwd) && !fs.isFile(f, sh.cwd);
      const size = dir ? 4096 : (fs.readFile(f, sh.cwd) ?? '').length;
      const fields: Record<string, string> = { a: mode.toString(8), A: modeString(dir, mode), n: f, s: String(size), F: dir ? 'directory' : size === 0 ? 'regular empty file' : 'regular file', U: 'root', G: 'root', '%': '%' };
      if (format === undefined) io.out(`  File: ${f}\n  Size: ${size}\nAccess: (${mode.toString(8).padStart(4, '0')}/${modeString(dir, mode)})  Uid: (    0/    root)   Gid: (    0/    root)\n`);
      else io.out(`${format.replace(/%(.)/g, (all, c: string) => fields[c] ?? all)}\n`);
    }
    return status;
  },
  mkdir: async (args, io, sh) => {
    for (const p of args.filter((a) => !a.startsWith('-'))) {
      const problem = sh.ctx.fs.mkdir(p, sh.cwd);
      if (problem) {
        io.err(`mkdir: can't create directory '${p}': ${problem}\n`);
        return 1;
      }
    }
    return 0;
  },
  touch: async (args, io, sh) => {
    for (const p of args.filter((a) => !a.startsWith('-'))) {
      if (sh.ctx.fs.isFile(p, sh.cwd)) continue;
      const problem = sh.ctx.fs.writeFile(p, '', false, sh.cwd);
      if (problem) {
        io.err(`touch: ${p}: ${problem}\n`);
        return 1;
      }
    }
    return 0;
  },
  rm: async (args, io, sh) => {
    const force = args.some((a) => /^-\w*f/.test(a));
    let status = 0;
    for (const p of args.filter((a) => !a.startsWith('-'))) {
      if (!sh.ctx.fs.remove(p, sh.cwd) && !force) {
        io.err(`rm: can't remove '${p}': No such file or directory\n`);
        status = 1;
      }
    }
    return status;
  },
  cp: async (args, io, sh) => copyOrMove('cp', args, io, sh, false),
  mv: async (args, io, sh) => copyOrMove('mv', args, io, sh, true),
  tee: async (args, io, sh) => {
    const append = args.includes('-a');
    for (const f of args.filter((a) => !a.startsWith('-'))) sh.ctx.fs.writeFile(f, io.stdin, append, sh.cwd);
    io.out(io.stdin);
    return 0;
  },
};
