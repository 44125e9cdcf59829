import { describe, expect, it } from 'vitest';
import { createEtcdKV } from './etcd-kv.ts';
import { startEtcdServer } from './etcd-server.ts';

describe('startEtcdServer', () => {
  it('without the etcd binary fails with a message saying to install etcd-server', async () => {
    await expect(startEtcdServer({ binary: '/nonexistent/etcd' })).rejects.toThrow(/install etcd-server/);
  });

  it('starts a brand-new etcd that answers at revision 1, like a new embedded store', async () => {
    const server = await startEtcdServer();
    try {
      const kv = await createEtcdKV({ endpoints: [server.endpoint] });
      expect((await kv.range('anything')).header.revision).toBe(1);
      expect((await kv.put('k', 'v')).header.revision).toBe(2);
      await kv.close();
    } finally {
      await server.stop();
    }
  }, 20_000);
});
