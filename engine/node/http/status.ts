/**
 * Every failure answers a metav1 Status as JSON with the Status's code (upstream:
 * k8s.io/apiserver/pkg/endpoints/handlers/responsewriters.ErrorNegotiated). Anything that is not
 * a StatusError is a bug; it becomes a 500 InternalError without leaking a stack.
 */
import type { ServerResponse } from 'node:http';
import { StatusError, newInternalError, isStatusError, type Status } from '../../api/errors.ts';

export function toStatusError(err: unknown): StatusError {
  if (isStatusError(err)) return err;
  return newInternalError(err instanceof Error ? err.message : String(err));
}


/** 405 for a verb the path does not take (upstream answers 405 MethodNotAllowed). */
export function methodNotAllowed(method: string): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `the server does not allow this method on the requested resource (${method})`,
    reason: 'MethodNotAllowed',
    details: {},
    code: 405,
  });
}

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendStatus(res: ServerResponse, err: unknown, headers: Record<string, string | string[]> = {}): void {
  const status: Status = toStatusError(err).status;
  sendJson(res, status.code, status, headers);
}

export function sendText(res: ServerResponse, code: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
