/** Test helpers: a cluster served over HTTP on a free loopback port. */
import { createCluster } from '../create-cluster.ts';
import type { Cluster } from '../../cluster/index.ts';
import type { VirtualClock } from '../../util/clock.ts';
import { createHttpApiServer, type HttpApiServer } from './server.ts';

export interface Served {
  cluster: Cluster<VirtualClock>;
  server: HttpApiServer;
  /** fetch relative to the server, with the token when one is set. */
  call(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

export async function serve(options: { token?: string; nodes?: number } = {}): Promise<Served> {
  const cluster = await createCluster({ nodes: options.nodes });
  const server = await createHttpApiServer({ cluster, token: options.token });
  return {
    cluster,
    server,
    call: (path, init = {}) => {
      const headers = new Headers(init.headers);
      if (options.token && !headers.has('authorization')) headers.set('authorization', `Bearer ${options.token}`);
      let body = init.body;
      if (init.json !== undefined) {
        body = JSON.stringify(init.json);
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      }
      return fetch(`${server.url}${path}`, { ...init, headers, body });
    },
    close: async () => {
      await server.close();
      await cluster.close();
    },
  };
}

export const configMap = (name: string, data: Record<string, string> = { k: 'v' }, namespace = 'default') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});
