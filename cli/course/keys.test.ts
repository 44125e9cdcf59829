import { describe, expect, it } from 'vitest';
import { NORMAL, reduceKey, splitKeys, type Mode } from './keys.ts';

function press(keys: string[], manual = false, mode: Mode = NORMAL) {
  const actions = [];
  for (const k of keys) {
    const r = reduceKey(mode, k, { manual });
    mode = r.mode;
    actions.push(r.action);
  }
  return { mode, actions };
}

describe('keys', () => {
  it('map n, h, c and q to next, hint, check and quit', () => {
    expect(press(['n', 'h', 'c', 'q']).actions.map((a) => a.type)).toEqual(['next', 'hint', 'check', 'quit']);
  });

  it('quit on Ctrl-C in any mode (raw mode swallows the signal)', () => {
    expect(press(['l', '\u0003']).actions.at(-1)).toEqual({ type: 'quit' });
    expect(press(['r', '\u0003']).actions.at(-1)).toEqual({ type: 'quit' });
  });

  it('check on Enter only in manual mode', () => {
    expect(press(['\r'], true).actions).toEqual([{ type: 'check' }]);
    expect(press(['\r'], false).actions).toEqual([{ type: 'none' }]);
  });

  it('choose an exercise in the list by typing its number then Enter', () => {
    const { mode, actions } = press(['l', '1', '2', '\r']);
    expect(actions.at(-1)).toEqual({ type: 'choose', number: 12 });
    expect(mode).toEqual(NORMAL);
  });

  it('let backspace correct a number and Esc leave the list', () => {
    expect(press(['l', '1', '2', '\u007f', '\r']).actions.at(-1)).toEqual({ type: 'choose', number: 1 });
    expect(press(['l', '\u001b']).actions.at(-1)).toEqual({ type: 'back' });
  });

  it('reset only after y; any other key cancels (the default is No)', () => {
    expect(press(['r', 'y']).actions.map((a) => a.type)).toEqual(['reset-ask', 'reset-confirm']);
    expect(press(['r', 'n']).actions.map((a) => a.type)).toEqual(['reset-ask', 'reset-cancel']);
    expect(press(['r', '\r']).actions.at(-1)).toEqual({ type: 'reset-cancel' });
  });

  it('report an unknown key instead of ignoring it silently', () => {
    expect(press(['z']).actions).toEqual([{ type: 'unknown', key: 'z' }]);
  });

  it('split a chunk into keys, an arrow key counting as one Esc', () => {
    expect(splitKeys('nh\x1b[Aq\r\n')).toEqual(['n', 'h', '\x1b', 'q', '\n']);
  });
});
