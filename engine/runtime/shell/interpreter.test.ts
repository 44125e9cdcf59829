import { describe, expect, it } from 'vitest';
import { shellRunner } from './testing.ts';
import { resolveMount } from '../../../solutions/volume/mounts.ts';

const sh = shellRunner(resolveMount);

/** Runs a script to completion; resolves with its exit status, stdout and stderr lines. */
async function run(script: string) {
  const r = sh(script);
  const code = await r.finish();
  return { code, out: r.out, err: r.err };
}

describe('sh parameter expansion: ${#...} (busybox ash parsesub/varvalue)', () => {
  it('${#var} is the length of the value; an unset or empty variable gives 0', async () => {
    const r = await run('v=hello; e=; echo ${#v} ${#e} ${#unset} "${#v}"');
    expect(r.out).toEqual(['5 0 0 5']);
    expect(r.err).toEqual([]);
  });

  it('${#} is the number of positional parameters, ${#1} the length of $1', async () => {
    const r = await run(`sh -c 'echo \${#} \${#1} \${#2}' prog abc de`);
    expect(r.out).toEqual(['2 3 2']);
  });

  it('${#@} and ${#*} are the length of the parameters joined by spaces, as busybox ash counts them', async () => {
    const r = await run(`sh -c 'echo \${#@} \${#*}' prog a bc`);
    expect(r.out).toEqual(['4 4']);
    const none = await run(`sh -c 'echo \${#@}' prog`);
    expect(none.out).toEqual(['0']);
  });

  it('${##} and ${#?} take the length of a special parameter; ${10} and ${#10} reach past $9', async () => {
    const r = await run(`sh -c 'false; echo \${#?} \${##} \${10} \${#10}' prog 1 2 3 4 5 6 7 8 9 ten 11 12`);
    expect(r.out).toEqual(['1 2 ten 3']);
  });

  it('${#-word} is $# with a default, not a length (ash reads it as ${#-word})', async () => {
    const r = await run(`sh -c 'echo \${#-x} \${#:-y}' prog a`);
    expect(r.out).toEqual(['1 1']);
  });

  it('the length counts bytes, like busybox outside a UTF-8 locale', async () => {
    const r = await run("v='héllo'; echo ${#v}");
    expect(r.out).toEqual(['6']);
  });

  it('a bad substitution prints busybox ash\'s "sh: syntax error: bad substitution" and exits 2', async () => {
    const r = await run('echo before; echo ${v!}; echo after');
    expect(r.code).toBe(2);
    expect(r.out).toEqual(['before']);
    expect(r.err).toEqual(['sh: syntax error: bad substitution']);
  });
});
