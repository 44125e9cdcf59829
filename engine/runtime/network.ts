/**
 * The cluster's simulated network, as components other than the runtime see it. Every pod has an
 * IP; a container process listens on ports of its pod's IP; anyone (a kubelet's probe, another
 * pod's `wget`, later kube-proxy's service rules) reaches it by IP and port.
 *
 * Failures reject with a NetworkError carrying the errno a real client would see, so messages
 * read like the real ones: `dial tcp 10.244.1.5:8080: connect: connection refused`.
 */

export interface HttpRequest {
  method: string;
  path: string;
  /** Lower-case header names. `host` is the Host header. */
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type NetworkErrorCode = 'ECONNREFUSED' | 'ETIMEDOUT' | 'EHOSTUNREACH' | 'ENOTFOUND';

export class NetworkError extends Error {
  constructor(
    readonly code: NetworkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

export interface ClusterNetwork {
  /**
   * Opens (and closes) a TCP connection from `fromIp` (undefined: the node/host) to ip:port.
   * Resolves when something accepts; rejects with a NetworkError otherwise.
   */
  tcpConnect(fromIp: string | undefined, ip: string, port: number, timeoutMs: number): Promise<void>;
  /** One HTTP/1.1 exchange with whatever listens on ip:port. */
  httpRequest(fromIp: string | undefined, ip: string, port: number, request: HttpRequest, timeoutMs: number): Promise<HttpResponse>;
}
