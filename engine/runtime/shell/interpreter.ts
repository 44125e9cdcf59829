/**
 * A small POSIX `sh` (busybox ash's behaviour where the two differ): runs the command trees of
 * parser.ts with word expansion (XCU 2.6: parameter expansion `$VAR ${VAR} ${VAR:-word} $? $$ $#
 * $1..$9 $@`, command substitution `$(...)` and backquotes, arithmetic `$((...))`, field
 * splitting of unquoted results, quote removal), redirections to files (`>`, `>>`, `<`, `2>&1`),
 * pipelines (buffered: each stage finishes before the next reads), background jobs with `&` and
 * `wait`, and `trap` for SIGTERM/SIGINT.
 *
 * Commands are the applets in applets.ts; an unknown name prints `sh: NAME: not found` and
 * exits 127, as ash does.
 */
import { ProcessExit, type ProcessContext } from '../process.ts';
import { evaluateArithmetic } from './arithmetic.ts';
import { ShellSyntaxError } from './lexer.ts';
import { parseScript, type AndOr, type Command, type List, type Pipeline, type Redirect } from './parser.ts';

export interface ShellIO {
  stdin: string;
  out(text: string): void;
  err(text: string): void;
}

export type Applet = (args: string[], io: ShellIO, sh: Shell) => Promise<number>;

const BUSY_LOOP_TURNS = 1000;

/** A piece of a word during expansion; `fields` is set only for a quoted "$@". */
interface WordPart {
  text: string;
  quoted: boolean;
  split: boolean;
  fields?: string[];
}

/** `exit N` unwinds to the nearest shell (the script, or a `$(...)`/`( ... )` subshell). */
class ShellExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

export class Shell {
  readonly vars: Map<string, string>;
  readonly exported: Set<string>;
  status = 0;
  positional: string[] = [];
  scriptName = 'sh';
  cwd: string;
  readonly jobs: Array<Promise<number>> = [];
  readonly traps = new Map<string, string>();

  constructor(
    readonly ctx: ProcessContext,
    readonly applets: Record<string, Applet>,
    env: Record<string, string> = ctx.env,
    parent?: Shell,
  ) {
    this.vars = new Map(parent ? parent.vars : Object.entries(env));
    this.exported = new Set(parent ? parent.exported : Object.keys(env));
    this.cwd = parent?.cwd ?? ctx.cwd;
    if (parent) {
      this.positional = parent.positional;
      this.scriptName = parent.scriptName;
      this.status = parent.status;
    }
  }

  /** Runs a script; resolves with its exit status. Syntax errors print ash's message and give 2. */
  async run(script: string, io: ShellIO): Promise<number> {
    let tree: List;
    try {
      tree = parseScript(script);
    } catch (err) {
      if (err instanceof ShellSyntaxError) {
        io.err(`sh: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
    try {
      return await this.list(tree, io);
    } catch (err) {
      if (err instanceof ShellExit) return err.code;
      if (err instanceof ShellSyntaxError) {
        io.err(`sh: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
  }

  /** The environment a child command sees: exported variables. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const name of this.exported) {
      const v = this.vars.get(name);
      if (v !== undefined) env[name] = v;
    }
    return env;
  }

  exit(code: number): never {
    throw new ShellExit(code);
  }

  /** Installs `trap ACTION SIGNAL`: the action runs when the process gets the signal. */
  setTrap(signal: 'SIGTERM' | 'SIGINT', action: string, io: ShellIO): void {
    this.traps.set(signal, action);
    this.ctx.onSignal(signal, () => {
      void (async () => {
        const code = await new Shell(this.ctx, this.applets, undefined, this).run(action, io);
        // An `exit` inside the trap ends the whole script (the trap runs in the main shell).
        if (/\bexit\b/.test(action)) this.ctx.terminate(code);
      })();
    });
  }

  private async list(list: List, io: ShellIO): Promise<number> {
    for (const item of list.items) {
      if (item.background) {
        const sub = new Shell(this.ctx, this.applets, undefined, this);
        const job = sub.andOr(item.andOr, { ...io, stdin: '' }).catch((err) => {
          if (err instanceof ShellExit) return err.code;
          throw err;
        });
        job.catch(() => undefined);
        this.jobs.push(job);
        this.status = 0;
      } else {
        this.status = await this.andOr(item.andOr, io);
      }
    }
    return this.status;
  }

  /**
   * An and-or list (XCU 2.9.3). `$?` is the status of the most recent pipeline, so it is updated
   * after EACH pipeline, before the next one's words are expanded: `false || echo $?` prints 1,
   * and a skipped pipeline leaves it alone (`false && true` ends with false's 1). dash and busybox
   * ash do the same: evaltree's NAND/NOR cases (src/eval.c, shell/ash.c) evaluate the left side,
   * which sets the global exitstatus, then test it to decide whether to run the right side.
   */
  private async andOr(node: AndOr, io: ShellIO): Promise<number> {
    this.status = await this.pipeline(node.first, io);
    for (const { op, pipeline } of node.rest) {
      if ((op === '&&' && this.status === 0) || (op === '||' && this.status !== 0)) this.status = await this.pipeline(pipeline, io);
    }
    return this.status;
  }

  private async pipeline(node: Pipeline, io: ShellIO): Promise<number> {
    let stdin = io.stdin;
    let status = 0;
    for (let k = 0; k < node.commands.length; k++) {
      const last = k === node.commands.length - 1;
      let captured = '';
      const stageIo: ShellIO = last ? { ...io, stdin } : { stdin, out: (t) => (captured += t), err: io.err };
      status = await this.command(node.commands[k] as Command, stageIo);
      stdin = captured;
    }
    return node.negate ? (status === 0 ? 1 : 0) : status;
  }

  private async command(cmd: Command, io0: ShellIO): Promise<number> {
    const io = await this.redirect(cmd.redirects, io0);
    if (typeof io === 'number') return io;
    switch (cmd.type) {
      case 'simple':
        return this.simple(cmd, io);
      case 'if': {
        for (const clause of cmd.clauses) {
          if ((await this.list(clause.cond, io)) === 0) return this.list(clause.body, io);
        }
        return cmd.otherwise ? this.list(cmd.otherwise, io) : 0;
      }
      case 'loop': {
        let status = 0;
        let busy = 0;
        for (;;) {
          const before = this.ctx.clock.now();
          const c = await this.list(cmd.cond, io);
          if ((c === 0) === cmd.until) break;
          status = await this.list(cmd.body, io);
          if (!this.ctx.alive) throw new ProcessExit(0);
          // A loop that never sleeps would spin forever on a virtual clock and starve the host's
          // event loop (a real one burns CPU): every BUSY_LOOP_TURNS turns that took no time
          // cost 1 ms of the clock. Short loops (`while [ $i -lt 10 ]`) stay instantaneous.
          busy = this.ctx.clock.now() === before ? busy + 1 : 0;
          if (busy >= BUSY_LOOP_TURNS) {
            busy = 0;
            await this.ctx.sleep(1);
          }
        }
        return status;
      }
      case 'for': {
        const items = cmd.items ? (await Promise.all(cmd.items.map((w) => this.expand(w)))).flat() : this.positional;
        let status = 0;
        for (const item of items) {
          this.vars.set(cmd.name, item);
          status = await this.list(cmd.body, io);
        }
        return status;
      }
      case 'group':
        return this.list(cmd.body, io);
      case 'subshell': {
        const sub = new Shell(this.ctx, this.applets, undefined, this);
        try {
          return await sub.list(cmd.body, io);
        } catch (err) {
          if (err instanceof ShellExit) return err.code;
          throw err;
        }
      }
    }
  }

  private async redirect(redirects: Redirect[], io: ShellIO): Promise<ShellIO | number> {
    let out = io.out;
    let err = io.err;
    let stdin = io.stdin;
    for (const r of redirects) {
      if (r.dupTo !== undefined) {
        const target = r.dupTo === 1 ? out : err;
        if (r.fd === 1) out = target;
        else err = target;
        continue;
      }
      const path = await this.expandOne(r.target as string);
      if (r.op === '<') {
        const content = this.ctx.fs.readFile(path, this.cwd);
        if (content === undefined) {
          io.err(`sh: can't open '${path}': No such file or directory\n`);
          return 1;
        }
        stdin = content;
        continue;
      }
      if (path === '/dev/stdout' || path === '/proc/1/fd/1') {
        if (r.fd === 2) err = io.out;
        continue;
      }
      if (path === '/dev/stderr' || path === '/proc/1/fd/2') {
        if (r.fd === 1) out = io.err;
        continue;
      }
      const problem = this.ctx.fs.writeFile(path, '', r.op === '>>', this.cwd);
      if (problem) {
        io.err(`sh: can't create ${path}: ${problem}\n`);
        return 1;
      }
      const write = (text: string) => void this.ctx.fs.writeFile(path, text, true, this.cwd);
      if (r.fd === 1) out = write;
      else err = write;
    }
    return { stdin, out, err };
  }

  private async simple(cmd: Extract<Command, { type: 'simple' }>, io: ShellIO): Promise<number> {
    const words = (await Promise.all(cmd.words.map((w) => this.expand(w)))).flat();
    const assigned: Array<[string, string]> = [];
    for (const [name, raw] of cmd.assigns) assigned.push([name, await this.expandOne(raw)]);
    if (words.length === 0) {
      for (const [name, value] of assigned) this.vars.set(name, value);
      return this.status;
    }
    const [name, ...args] = words as [string, ...string[]];
    const applet = this.applets[name.split('/').pop() as string];
    if (!applet) {
      io.err(`sh: ${name}: not found\n`);
      return 127;
    }
    // `VAR=x cmd` sets VAR for that command only.
    const saved = assigned.map(([n]) => [n, this.vars.get(n), this.exported.has(n)] as const);
    for (const [n, v] of assigned) {
      this.vars.set(n, v);
      this.exported.add(n);
    }
    try {
      return await applet(args, io, this);
    } finally {
      for (const [n, v, wasExported] of saved) {
        if (v === undefined) this.vars.delete(n);
        else this.vars.set(n, v);
        if (!wasExported) this.exported.delete(n);
      }
    }
  }

  /** Expands a word to one string (assignments, redirection targets, `case` words). */
  async expandOne(raw: string): Promise<string> {
    return (await this.expandParts(raw)).map((p) => p.text).join('');
  }

  /** Expands a word to fields: quotes removed, unquoted expansion results split on blanks. */
  async expand(raw: string): Promise<string[]> {
    const parts = await this.expandParts(raw);
    const fields: string[] = [];
    let current = '';
    let hasField = false;
    for (const part of parts) {
      if (part.fields) {
        part.fields.forEach((f, k) => {
          if (k > 0) {
            fields.push(current);
            current = '';
          }
          current += f;
          hasField = true;
        });
        if (part.fields.length === 0 && current === '') hasField = false;
        continue;
      }
      if (!part.split) {
        current += part.text;
        hasField = hasField || part.quoted || part.text !== '';
        continue;
      }
      const pieces = part.text.split(/[ \t\n]+/);
      for (let k = 0; k < pieces.length; k++) {
        if (k > 0) {
          if (hasField) fields.push(current);
          current = '';
          hasField = false;
        }
        current += pieces[k];
        hasField = hasField || pieces[k] !== '';
      }
    }
    if (hasField) fields.push(current);
    // Pathname expansion (XCU 2.13) for an unquoted `*` or `?` in the last path component; a
    // pattern that matches nothing stays as it is.
    const globbable = parts.some((p) => !p.quoted && !p.split && /[*?]/.test(p.text));
    return globbable ? fields.flatMap((f) => this.glob(f)) : fields;
  }

  private glob(pattern: string): string[] {
    if (!/[*?]/.test(pattern)) return [pattern];
    const slash = pattern.lastIndexOf('/');
    const dir = slash < 0 ? '' : pattern.slice(0, slash);
    const base = pattern.slice(slash + 1);
    if (/[*?]/.test(dir)) return [pattern];
    const names = this.ctx.fs.list(dir === '' ? (slash === 0 ? '/' : '.') : dir, this.cwd) ?? [];
    const re = new RegExp(`^${base.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    const hits = names.filter((n) => re.test(n) && (base.startsWith('.') || !n.startsWith('.')));
    if (hits.length === 0) return [pattern];
    return hits.map((n) => (slash < 0 ? n : `${pattern.slice(0, slash + 1)}${n}`));
  }

  private async expandParts(raw: string): Promise<WordPart[]> {
    const parts: WordPart[] = [];
    let i = 0;
    let inDouble = false;
    const literal = (text: string, quoted: boolean) => parts.push({ text, quoted, split: false });
    while (i < raw.length) {
      const c = raw[i] as string;
      if (c === '"') {
        inDouble = !inDouble;
        if (inDouble) literal('', true);
        i++;
      } else if (c === "'" && !inDouble) {
        const end = raw.indexOf("'", i + 1);
        literal(raw.slice(i + 1, end), true);
        i = end + 1;
      } else if (c === '\\') {
        const n = raw[i + 1] ?? '';
        if (inDouble && !'$`"\\\n'.includes(n)) literal(`\\${n}`, true);
        else if (n !== '\n') literal(n, true);
        i += 2;
      } else if (inDouble && (raw.startsWith('$@', i) || raw.startsWith('${@}', i))) {
        // "$@": one field per positional parameter, even inside double quotes.
        parts.push({ text: '', quoted: true, split: false, fields: [...this.positional] });
        i += raw.startsWith('$@', i) ? 2 : 4;
      } else if (c === '$' || c === '`') {
        const [text, end] = await this.dollar(raw, i);
        parts.push({ text, quoted: inDouble, split: !inDouble });
        i = end;
      } else {
        literal(c, inDouble);
        i++;
      }
    }
    return parts;
  }

  /** Expands the `$...` or backquote at raw[i]; returns the text and the index after it. */
  private async dollar(raw: string, i: number): Promise<[string, number]> {
    if (raw[i] === '`') {
      const end = raw.indexOf('`', i + 1);
      return [await this.substitute(raw.slice(i + 1, end)), end + 1];
    }
    const rest = raw.slice(i + 1);
    if (rest.startsWith('((')) {
      const end = matchParen(raw, i + 1);
      const expr = raw.slice(i + 3, end - 1);
      return [String(evaluateArithmetic(await this.expandOne(expr.replace(/"/g, '')), (n) => this.vars.get(n))), end + 1];
    }
    if (rest.startsWith('(')) {
      const end = matchParen(raw, i + 1);
      return [await this.substitute(raw.slice(i + 2, end)), end + 1];
    }
    if (rest.startsWith('{')) {
      const close = raw.indexOf('}', i + 2);
      const body = raw.slice(i + 2, close);
      const length = body.startsWith('#') ? this.length(body.slice(1)) : undefined;
      if (length !== undefined) return [length, close + 1];
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#$@*])(?:(:?[-=+?])(.*))?$/s.exec(body);
      if (!m) throw badSubstitution();
      const value = this.param(m[1] as string);
      const op = m[2];
      const word = m[3] ?? '';
      if (!op) return [value ?? '', close + 1];
      const unset = op.startsWith(':') ? value === undefined || value === '' : value === undefined;
      const kind = op.replace(':', '');
      if (kind === '-') return [unset ? await this.expandOne(word) : (value as string), close + 1];
      if (kind === '=') {
        if (unset) this.vars.set(m[1] as string, await this.expandOne(word));
        return [this.vars.get(m[1] as string) ?? '', close + 1];
      }
      if (kind === '+') return [unset ? '' : await this.expandOne(word), close + 1];
      if (unset) throw new ShellSyntaxError(`${m[1]}: ${word || 'parameter not set'}`);
      return [value as string, close + 1];
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*!])/.exec(rest);
    if (!m) return ['$', i + 1];
    return [this.param(m[1] as string) ?? '', i + 1 + (m[1] as string).length];
  }

  /**
   * `${#X}` given the X: the length of the parameter, or undefined when ash reads the `#` as `$#`
   * itself (`${#}`, `${#-word}`, `${#:-word}`). Follows busybox shell/ash.c: readtoken1's parsesub
   * takes `#` then a name or digits as a length (anything after them but `}` is a bad
   * substitution), and `#` then one special parameter then `}` as its length; varvalue measures
   * the expansion, so `${#@}`/`${#*}` count the parameters joined by spaces, and evalvar turns an
   * unset parameter into 0. The length is in bytes: ash counts characters only in a UTF-8 locale,
   * which the busybox image does not set.
   */
  private length(target: string): string | undefined {
    const bytes = (name: string) => String(new TextEncoder().encode(this.param(name) ?? '').length);
    if (/^[A-Za-z0-9_]/.test(target)) {
      if (!/^([A-Za-z_][A-Za-z0-9_]*|[0-9]+)$/.test(target)) throw badSubstitution();
      return bytes(target);
    }
    if (target.length !== 1) return undefined;
    if (!'?$!#@*'.includes(target)) throw badSubstitution();
    return bytes(target);
  }

  private param(name: string): string | undefined {
    if (name === '?') return String(this.status);
    if (name === '$') return '1';
    if (name === '!') return '';
    if (name === '#') return String(this.positional.length);
    if (name === '@' || name === '*') return this.positional.join(' ');
    if (/^[0-9]+$/.test(name)) return Number(name) === 0 ? this.scriptName : this.positional[Number(name) - 1];
    return this.vars.get(name);
  }

  /** `$(cmd)`: runs in a subshell and yields its output without trailing newlines. */
  private async substitute(script: string): Promise<string> {
    let out = '';
    const sub = new Shell(this.ctx, this.applets, undefined, this);
    const status = await sub.run(script, { stdin: '', out: (t) => (out += t), err: (t) => this.ctx.stderr(t) });
    this.status = status;
    return out.replace(/\n+$/, '');
  }
}

/** busybox ash's error for a `${...}` it cannot expand (ash.c varvalue: raise_error_syntax). */
function badSubstitution(): ShellSyntaxError {
  return new ShellSyntaxError('syntax error: bad substitution');
}

/** Index of the `)` matching the `(` at raw[open]. */
function matchParen(raw: string, open: number): number {
  let depth = 0;
  for (let i = open; i < raw.length; i++) {
    const c = raw[i];
    if (c === "'") i = raw.indexOf("'", i + 1);
    else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new ShellSyntaxError('syntax error: missing ")"');
}
