/**
 * The store behaviour suite (engine/store/kv-behaviour-suite.ts) against a real etcd-server,
 * started on free loopback ports with a temp data dir. No etcd binary is a failure, not a skip:
 * .ci/run installs etcd-server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync } from 'node:fs';
import { describeKvBehaviour } from '../../store/kv-behaviour-suite.ts';
import { isStoreError } from '../../store/errors.ts';
import { createEtcdKV, type EtcdKV } from './etcd-kv.ts';
import { ETCD_BINARY, startEtcdServer, type EtcdServer } from './etcd-server.ts';

let server: EtcdServer | undefined;
beforeAll(async () => {
  server = await startEtcdServer();
}, 20_000);
afterAll(async () => {
  await server?.stop();
});

describe('the etcd test environment', () => {
  it(`has ${ETCD_BINARY} (install etcd-server: apt-get install -y etcd-server etcd-client)`, () => {
    expect(existsSync(ETCD_BINARY), `${ETCD_BINARY} is missing: install etcd-server (apt-get install -y etcd-server etcd-client)`).toBe(true);
  });
});

let run = 0;
describeKvBehaviour('real etcd-server through npm etcd3', async () => {
  if (!server) throw new Error(`etcd is not running: install etcd-server (apt-get install -y etcd-server etcd-client)`);
  const kv = await createEtcdKV({ endpoints: [server.endpoint], prefix: `/suite${++run}` });
  return {
    kv,
    fresh: false,
    elapse: (s) => sleep(s * 1000),
    settle: () => sleep(20), // until() polls up to 200 times: ~4 s for etcd to expire a lease or deliver
    close: () => kv.close(),
  };
});

describe('createEtcdKV details', () => {
  let kv: EtcdKV;
  beforeAll(async () => {
    kv = await createEtcdKV({ endpoints: [server!.endpoint], prefix: '/details' });
  });
  afterAll(async () => {
    await kv.close();
  });

  it('keys outside the prefix are invisible, and rangeEnd "\\0" stays inside the prefix', async () => {
    const other = await createEtcdKV({ endpoints: [server!.endpoint], prefix: '/other' });
    await other.put('/a', 'theirs');
    await kv.put('/a', 'mine');
    expect((await kv.range('', { rangeEnd: '\0' })).kvs.map((x) => `${x.key}=${x.value}`)).toEqual(['/a=mine']);
    await other.close();
  });

  it('currentRevision follows the headers this client has seen', async () => {
    const r = (await kv.put('/b', '1')).header.revision;
    expect(kv.currentRevision()).toBe(r);
  });

  it('keep-alive of an unknown lease fails with StoreError LeaseNotFound', async () => {
    await expect(kv.leaseKeepAlive(123456)).rejects.toSatisfy((e) => isStoreError(e, 'LeaseNotFound'));
  });

  it('granting an existing lease id fails with StoreError LeaseExists', async () => {
    const l = await kv.leaseGrant(60);
    await expect(kv.leaseGrant(60, l.id)).rejects.toSatisfy((e) => isStoreError(e, 'LeaseExists'));
    await kv.leaseRevoke(l.id);
  });

  it('a closed KV rejects calls with StoreError Closed', async () => {
    const k = await createEtcdKV({ endpoints: [server!.endpoint] });
    await k.close();
    await expect(k.range('/x')).rejects.toSatisfy((e) => isStoreError(e, 'Closed'));
  });
});
