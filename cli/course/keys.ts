/**
 * Key presses → actions, as a pure reducer over a small input mode. The runner reads raw
 * keys (a TTY in raw mode) or lines (`--manual` without raw mode) and feeds them here one
 * character at a time; what happens next is the runner's job.
 *
 * Modes: `normal` (one key = one command, like rustlings' watch mode), `list` (the list is shown;
 * digits then Enter choose an exercise by number, Esc goes back), `confirm-reset` (only `y` resets,
 * anything else cancels: the default is No because a reset loses the learner's work).
 */

export type Mode = { kind: 'normal' } | { kind: 'list'; digits: string } | { kind: 'confirm-reset' };

export type Action =
  | { type: 'none' }
  | { type: 'next' }
  | { type: 'hint' }
  | { type: 'list' }
  | { type: 'choose'; number: number }
  | { type: 'list-typed'; digits: string }
  | { type: 'back' }
  | { type: 'reset-ask' }
  | { type: 'reset-confirm' }
  | { type: 'reset-cancel' }
  | { type: 'check' }
  | { type: 'quit' }
  | { type: 'unknown'; key: string };

export const NORMAL: Mode = { kind: 'normal' };

const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const ESC = '\u001b';
const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);

export function reduceKey(mode: Mode, key: string, options: { manual: boolean }): { mode: Mode; action: Action } {
  if (key === CTRL_C || key === CTRL_D) return { mode: NORMAL, action: { type: 'quit' } };
  switch (mode.kind) {
    case 'confirm-reset':
      return key === 'y' || key === 'Y'
        ? { mode: NORMAL, action: { type: 'reset-confirm' } }
        : { mode: NORMAL, action: { type: 'reset-cancel' } };
    case 'list': {
      if (/^[0-9]$/.test(key)) {
        const digits = (mode.digits + key).slice(0, 4);
        return { mode: { kind: 'list', digits }, action: { type: 'list-typed', digits } };
      }
      if (BACKSPACE.has(key)) {
        const digits = mode.digits.slice(0, -1);
        return { mode: { kind: 'list', digits }, action: { type: 'list-typed', digits } };
      }
      if (ENTER.has(key)) {
        if (!mode.digits) return { mode: NORMAL, action: { type: 'back' } };
        return { mode: NORMAL, action: { type: 'choose', number: Number(mode.digits) } };
      }
      if (key === ESC || key === 'q' || key === 'l') return { mode: NORMAL, action: { type: 'back' } };
      return { mode, action: { type: 'none' } };
    }
    case 'normal':
      switch (key) {
        case 'n':
          return { mode, action: { type: 'next' } };
        case 'h':
          return { mode, action: { type: 'hint' } };
        case 'l':
          return { mode: { kind: 'list', digits: '' }, action: { type: 'list' } };
        case 'r':
          return { mode: { kind: 'confirm-reset' }, action: { type: 'reset-ask' } };
        case 'c':
          return { mode, action: { type: 'check' } };
        case 'q':
          return { mode, action: { type: 'quit' } };
        default:
          if (ENTER.has(key)) return { mode, action: options.manual ? { type: 'check' } : { type: 'none' } };
          if (key === ESC || key.trim() === '') return { mode, action: { type: 'none' } };
          return { mode, action: { type: 'unknown', key } };
      }
  }
}

/** Splits a chunk read from stdin into keys (a paste or a line may carry several). */
export function splitKeys(chunk: string): string[] {
  // An escape sequence (arrow keys: ESC [ A) counts as one Esc so its letters are not commands.
  const out: string[] = [];
  for (let i = 0; i < chunk.length; i++) {
    const ch = chunk[i]!;
    if (ch === ESC && chunk[i + 1] === '[') {
      out.push(ESC);
      i += 2;
      while (i < chunk.length && !/[A-Za-z~]/.test(chunk[i]!)) i++;
      continue;
    }
    if (ch === '\r' && chunk[i + 1] === '\n') continue; // CRLF is one Enter
    out.push(ch);
  }
  return out;
}
