import { describe, expect, it } from 'vitest';
import { createVolume } from '../volume.ts';
import { shellRunner } from './testing.ts';
import { resolveMount } from '../../../solutions/volume/mounts.ts';

const sh = shellRunner(resolveMount);

describe('sh: the Kubernetes docs example scripts', () => {
  it('`while true; do echo hello; sleep 10;done` prints hello every 10 seconds', async () => {
    const run = sh('while true; do echo hello; sleep 10;done');
    await run.clock.advance(35_000);
    expect(run.out).toEqual(['hello', 'hello', 'hello', 'hello']);
    expect(run.code()).toBeUndefined();
  });

  it('the counter pod prints "<i>: <date>" once a second with $((i+1)) and $(date)', async () => {
    const run = sh('i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done');
    await run.clock.advance(2_500);
    expect(run.out).toEqual(['0: Wed Jan  1 00:00:00 UTC 2025', '1: Wed Jan  1 00:00:01 UTC 2025', '2: Wed Jan  1 00:00:02 UTC 2025']);
  });

  it('`echo The app is running! && sleep 3600` prints once and keeps running for an hour', async () => {
    const run = sh('echo The app is running! && sleep 3600');
    await run.clock.advance(3_599_000);
    expect(run.out).toEqual(['The app is running!']);
    expect(run.code()).toBeUndefined();
    await run.clock.advance(1_000);
    expect(run.code()).toBe(0);
  });

  it('the liveness exec example creates /tmp/healthy and removes it after 30 seconds', async () => {
    const run = sh('touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600');
    await run.clock.advance(29_000);
    expect(run.rootfs.isFile('tmp/healthy')).toBe(true);
    await run.clock.advance(1_000);
    expect(run.rootfs.isFile('tmp/healthy')).toBe(false);
  });

  it('the init-container wait loop keeps waiting while there is no cluster DNS yet', async () => {
    const run = sh('until nslookup myservice.default.svc.cluster.local; do echo waiting for myservice; sleep 2; done');
    await run.clock.advance(5_000);
    expect(run.out.filter((l) => l === 'waiting for myservice')).toHaveLength(3);
    expect(run.out).toContain(';; connection timed out; no servers could be reached');
    run.network.setResolver((name) => (name.startsWith('myservice.') ? ['10.96.0.20'] : undefined));
    expect(await run.finish()).toBe(0);
    expect(run.out).toContain('Address: 10.96.0.20');
  });

  it('env vars from the pod spec expand in "$VAR" and ${VAR}, and printenv prints them', async () => {
    const run = sh('echo "$GREETING ${HONORIFIC} $NAME"; printenv GREETING', { env: { GREETING: 'Warm greetings to', HONORIFIC: 'The Most Honorable', NAME: 'Kubernetes' } });
    expect(await run.finish()).toBe(0);
    expect(run.out).toEqual(['Warm greetings to The Most Honorable Kubernetes', 'Warm greetings to']);
  });

  it('two containers share a file through a mounted volume: `echo ... > /data/index.html`', async () => {
    const volume = createVolume();
    const run = sh('echo Hello from the debian container > /data/index.html', { volume });
    expect(await run.finish()).toBe(0);
    expect(volume.readFile('index.html')).toBe('Hello from the debian container\n');
  });
});

describe('sh: the language', () => {
  it('single quotes keep $ literal, double quotes expand, unquoted expansions split into fields', async () => {
    const run = sh(`X='a   b'; echo '$X' "$X" $X; for w in $X; do echo "[$w]"; done`);
    await run.finish();
    expect(run.out).toEqual(['$X a   b a b', '[a]', '[b]']);
  });

  it('${VAR:-default} substitutes for unset or empty variables; $? is the last status', async () => {
    const run = sh('E=; echo ${UNSET:-one} ${E:-two} ${E-three}; false; echo $?; true; echo $?');
    await run.finish();
    expect(run.out).toEqual(['one two', '1', '0']);
  });

  it('&& runs on success, || on failure, ; always', async () => {
    const run = sh('true && echo a; false && echo b; false || echo c; true || echo d; echo e');
    await run.finish();
    expect(run.out).toEqual(['a', 'c', 'e']);
  });

  it('$? after || or && is the status of the last pipeline that ran, not of the whole list so far', async () => {
    const run = sh('false || echo A=$?; true && false; echo B=$?; false && true; echo C=$?; false || false || echo D=$?; ! true || echo E=$?');
    await run.finish();
    expect(run.out).toEqual(['A=1', 'B=1', 'C=1', 'D=1', 'E=1']);
  });

  it('a failed wget seen through `|| echo $?` reports its exit status 1', async () => {
    const run = sh('wget -q -T 1 -O - http://10.244.9.9/ || echo "wget failed: $?"');
    await run.finish();
    expect(run.out).toEqual(['wget failed: 1']);
  });

  it('if/elif/else with test and [ ] picks the first true branch', async () => {
    const run = sh('n=5; if [ $n -lt 3 ]; then echo small; elif test "$n" -eq 5; then echo five; else echo big; fi');
    await run.finish();
    expect(run.out).toEqual(['five']);
  });

  it('for over words, while with arithmetic, and a multi-line script', async () => {
    const run = sh(`for i in 1 2 3; do echo "item $i"; done
n=0
while [ $n -lt 3 ]
do
  n=$((n + 1))
done
echo "n=$n sum=$(( (n * 2) + 10 % 4 ))"`);
    await run.finish();
    expect(run.out).toEqual(['item 1', 'item 2', 'item 3', 'n=3 sum=8']);
  });

  it('exit N ends the script with that code, skipping what follows', async () => {
    const run = sh('echo before; exit 3; echo after');
    expect(await run.finish()).toBe(3);
    expect(run.out).toEqual(['before']);
  });

  it('> truncates and >> appends; 2>&1 sends errors to the same place; > /dev/null discards', async () => {
    const volume = createVolume();
    const run = sh('echo one > /data/log; echo two >> /data/log; cat /nope >> /data/log 2>&1; echo gone > /dev/null; cat /data/log', { volume });
    await run.finish();
    expect(volume.readFile('log')).toBe("one\ntwo\ncat: can't open '/nope': No such file or directory\n");
    expect(run.out).toEqual(['one', 'two', "cat: can't open '/nope': No such file or directory"]);
  });

  it('/dev/null is a device of the container, not a shell special case: any command reads it empty and writes vanish', async () => {
    const run = sh('echo x | tee /dev/null; cp /etc/hostname /dev/null && echo copied; cat /dev/null; wc -c < /dev/null');
    await run.finish();
    expect(run.out).toEqual(['x', 'copied', '0']);
    expect(run.rootfs.readFile('dev/null')).toBeUndefined();
  });

  it('pipes feed one command into the next', async () => {
    const run = sh('printf "a\\nb\\nc\\n" | grep -v b | wc -l');
    await run.finish();
    expect(run.out).toEqual(['2']);
  });

  it('an unknown command prints "sh: NAME: not found" and gives 127', async () => {
    const run = sh('kubectl get pods; echo $?');
    await run.finish();
    expect(run.err).toEqual(['sh: kubectl: not found']);
    expect(run.out).toEqual(['127']);
  });

  it('a syntax error prints ash\'s message and exits 2', async () => {
    const run = sh('if true; then echo x');
    expect(await run.finish()).toBe(2);
    expect(run.err[0]).toMatch(/^sh: syntax error/);
  });

  it('as PID 1 the shell ignores SIGTERM unless it traps it', async () => {
    const plain = sh('sleep 3600');
    plain.proc.signal('SIGTERM');
    await plain.clock.advance(10_000);
    expect(plain.code()).toBeUndefined();
    const trapped = sh('trap "echo bye; exit 0" TERM; while true; do sleep 1; done');
    await trapped.clock.advance(1_500);
    trapped.proc.signal('SIGTERM');
    expect(await trapped.finish()).toBe(0);
    expect(trapped.out).toEqual(['bye']);
  });

  it('background jobs run alongside and wait collects them', async () => {
    const run = sh('(sleep 2; echo late) & echo early; wait; echo done');
    expect(await run.finish()).toBe(0);
    expect(run.out).toEqual(['early', 'late', 'done']);
  });

  it('wget -qO- fetches over the pod network and reports refused connections like busybox', async () => {
    const run = sh('wget -qO- http://10.244.0.9:8080/hello; echo "rc=$?"; wget -qO- http://10.244.0.5:81/ ; echo "rc=$?"');
    run.network.attachIp('10.244.0.9', 'other');
    run.network.listen('10.244.0.9', 8080, (req) => ({ status: 200, headers: {}, body: `you asked for ${req.path}\n` }));
    await run.finish();
    expect(run.out).toEqual(['you asked for /hello', 'rc=0', 'rc=1']);
    expect(run.err).toEqual(["wget: can't connect to remote host (10.244.0.5): Connection refused"]);
  });

  it('ls lists a directory, hostname prints the pod hostname, cd and pwd move around', async () => {
    const volume = createVolume({ 'b.txt': '', 'a.txt': '', 'sub/c': '' });
    const run = sh('ls /data; hostname; cd /data/sub; pwd; cat /etc/hostname', { volume });
    await run.finish();
    expect(run.out).toEqual(['a.txt', 'b.txt', 'sub', 'web-0', '/data/sub', 'web-0']);
  });

  it('an unquoted * expands to the matching file names, sorted; a quoted one or one with no match stays literal', async () => {
    const volume = createVolume({ 'a.conf': '', 'b.conf': '', 'c.txt': '' });
    const run = sh('for f in /data/*.conf; do echo "$f"; done; echo "/data/*"; echo /data/*.none', { volume });
    await run.finish();
    expect(run.out).toEqual(['/data/a.conf', '/data/b.conf', '/data/*', '/data/*.none']);
  });

  it('`tail -f /dev/null` keeps the container running; cp and mv copy and move files', async () => {
    const volume = createVolume({ 'in.txt': 'x\n' });
    const run = sh('cp /data/in.txt /data/copy.txt && mv /data/in.txt /tmp/ && tail -f /dev/null', { volume });
    await run.clock.advance(3_600_000);
    expect(run.code()).toBeUndefined();
    expect(volume.readFile('copy.txt')).toBe('x\n');
    expect(volume.isFile('in.txt')).toBe(false);
    expect(run.rootfs.readFile('tmp/in.txt')).toBe('x\n');
  });

  it('a loop that never sleeps still lets virtual time and other work go on', async () => {
    const run = sh('n=0; while true; do n=$((n+1)); done');
    await run.clock.advance(5);
    expect(run.code()).toBeUndefined();
    run.proc.signal('SIGKILL');
    expect(await run.finish()).toBe(137);
  });

  it('"$@" keeps each argument of sh -c SCRIPT NAME ARGS... as its own field', async () => {
    const run = sh(`sh -c 'for a in "$@"; do echo "[$a]"; done; echo "$0 has $#"' prog 'one two' three`);
    await run.finish();
    expect(run.out).toEqual(['[one two]', '[three]', 'prog has 2']);
  });
});

