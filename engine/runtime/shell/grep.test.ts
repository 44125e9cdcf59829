import { describe, expect, it } from 'vitest';
import { createVolume } from '../volume.ts';
import { shellRunner } from './testing.ts';
import { resolveMount } from '../../../solutions/volume/mounts.ts';

const sh = shellRunner(resolveMount);

/** Runs a script with /data mounted from `files`; resolves with stdout and stderr lines. */
async function run(script: string, files: Record<string, string> = {}) {
  const r = sh(script, { volume: createVolume(files) });
  await r.finish();
  return { out: r.out, err: r.err };
}

const LOG = { 'log': 'GET /a 200\nGET /b 404\nPOST /a 200\nget /c 500\n' };

/**
 * Scripts whose output is the specification:
 * [behaviour, script, files under /data, stdout lines, stderr lines (none when left out)].
 */
const CASES: Array<[string, string, Record<string, string>, string[], string[]?]> = [
  ['-c prints the count of matching lines, -vc of the others; a zero count exits 1', 'grep -c 200 /data/log; echo "rc=$?"; grep -vc 200 /data/log; grep -c DELETE /data/log; echo "rc=$?"', LOG, ['2', 'rc=0', '2', '0', 'rc=1']],
  ['-c with several files prints FILE:COUNT for each, zeros included', 'grep -c a /data/log /data/empty', { ...LOG, empty: '' }, ['/data/log:2', '/data/empty:0']],
  ['-c reads stdin and combines with -i', 'printf "GET\\nget\\nput\\n" | grep -ic get', {}, ['2']],
  ['-w matches whole words only, trying later matches on the same line', 'printf "abc\\nab c\\nxab ab\\nab_\\n" | grep -w ab', {}, ['ab c', 'xab ab']],
  ['-x matches whole lines only (with -E, of any alternative)', 'printf "ok\\nnot ok\\nok!\\n" | grep -x ok; printf "a\\nab\\n" | grep -xcE "a|ab"', {}, ['ok', '2']],
  ['with several files each printed line is prefixed by FILE:', 'grep 404 /data/log /data/other', { ...LOG, other: '404 here\n' }, ['/data/log:GET /b 404', '/data/other:404 here']],
  ['-n prefixes each line with its number, after the FILE: prefix', 'grep -n 200 /data/log; grep -n 404 /data/log /data/other', { ...LOG, other: 'x\n404 here\n' }, ['1:GET /a 200', '3:POST /a 200', '/data/log:2:GET /b 404', '/data/other:2:404 here']],
  ['combined short flags work: -in and -vn', 'grep -in get /data/log; grep -vn GET /data/log', LOG, ['1:GET /a 200', '2:GET /b 404', '4:get /c 500', '3:POST /a 200', '4:get /c 500']],
  ['-c, -q and -l turn -n off', 'grep -cn 200 /data/log; grep -ln 200 /data/log', LOG, ['2', '/data/log']],
  ['-E makes + ? | ( ) { } operators', 'printf "ab\\naab\\nb\\nxyxy\\n" | grep -E "^a+b$|^(xy){2}$"; printf "color\\ncolour\\n" | grep -cE "colou?r"', {}, ['ab', 'aab', 'xyxy', '2']],
  ['a BRE keeps a leading * literal, brackets and [:classes:] work', 'printf "*star\\nx9\\nxy\\n" | grep "^*"; printf "x9\\nxy\\n" | grep "x[[:digit:]]"', {}, ['*star', 'x9']],
  ['-o prints each match on its own line, with the -n prefix; -oE combines', 'printf "id=1 id=22\\nnone\\nid=333\\n" | grep -noE "id=[0-9]+"', {}, ['1:id=1', '1:id=22', '3:id=333']],
  ['-l prints the names of files with a match, once each, and not of the others', 'grep -l a /data/log /data/other /data/empty; echo "rc=$?"', { ...LOG, other: 'a\na\n', empty: '' }, ['/data/log', '/data/other', 'rc=0']],
  ['-e is repeatable and a line matching any of its patterns is selected; -e protects a leading dash', 'grep -e 404 -e 500 /data/log; printf "a\\n-v\\n" | grep -e -v', LOG, ['GET /b 404', 'get /c 500', '-v']],
  ['-F takes the pattern as a fixed string', 'printf "a.c\\nabc\\n[x]\\n" | grep -F a.c; printf "[x]\\nx\\n" | grep -F "[x]"', {}, ['a.c', '[x]']],
  ['the later of -H and -h wins', 'grep -hH 404 /data/log; grep -Hh 404 /data/log', LOG, ['/data/log:GET /b 404', 'GET /b 404']],
  ['-H forces and -h suppresses the FILE: prefix; stdin is "(standard input)"', 'grep -H 404 /data/log; grep -h 404 /data/log /data/log; echo 404 | grep -H 404', LOG, ['/data/log:GET /b 404', 'GET /b 404', 'GET /b 404', '(standard input):404']],
  ['-- ends the options, so a pattern may start with a dash', 'printf "a -x b\\n" | grep -- -x', {}, ['a -x b']],
  ['-q exits 0 at the first match without reading later files, so a missing one after it goes unnoticed', 'grep -q 404 /data/log /data/nope; echo "rc=$?"; grep -q 418 /data/log; echo "rc=$?"', LOG, ['rc=0', 'rc=1']],
  ['a missing file prints "grep: FILE: No such file or directory" and exits 2', 'grep -c 200 /data/log /data/nope; echo "rc=$?"', LOG, ['/data/log:2', 'rc=2'], ['grep: /data/nope: No such file or directory']],
  ['a directory reads as empty (fopen succeeds, reading fails silently): no message, exit 1', 'grep x /data/sub; echo "rc=$?"', { 'sub/f': 'x\n' }, ['rc=1']],
  ['-Fo prints the pattern itself once per selected line, even when -i matched another case', 'printf "A.B a.b\\nxyz\\n" | grep -Fion a.b; echo "rc=$?"', {}, ['1:a.b', 'rc=0']],
  ['-s suppresses the message about a missing file but still exits 2', 'grep -s 404 /data/nope /data/log; echo "rc=$?"', LOG, ['/data/log:GET /b 404', 'rc=2']],
  ['a pattern regcomp rejects is an error: exit 2', 'echo a | grep -E "a("; echo "rc=$?"', {}, ['rc=2'], ["grep: bad regex 'a('"]],
  ['-q exits 0 on a match even after a missing file (-s hiding its message)', 'grep -sq 404 /data/nope /data/log; echo "rc=$?"', LOG, ['rc=0']],
];

describe('busybox grep: what it prints (grep_main, grep_file)', () => {
  it.each(CASES)('%s', async (_behaviour, script, files, out, err = []) => {
    expect(await run(script, files)).toEqual({ out, err });
  });
});

describe('busybox grep: the basic regex dialect and usage errors', () => {
  it('without -E the pattern is a basic regex: + ? | ( ) { } are literal, their backslashed forms are operators', async () => {
    const r = await run(
      'printf "a+b\\naab\\n(x)\\nxx\\na|b\\n" > /data/t; grep "a+b" /data/t; grep "a\\+b" /data/t; grep "(x)" /data/t; grep "^\\(x\\)\\{2\\}$" /data/t; grep "a|b" /data/t',
      {},
    );
    expect(r.out).toEqual(['a+b', 'aab', '(x)', 'xx', 'a|b']);
  });

  it('an unknown option prints the usage error and exits 2 instead of being taken as the pattern', async () => {
    const r = await run('grep -z foo /data/log; echo "rc=$?"', { log: '-z foo\n' });
    expect(r.out).toEqual(['rc=2']);
    expect(r.err[0]).toBe('grep: unrecognized option: z');
    expect(r.err).toContain('Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...');
  });
});
