/**
 * A small `kubectl apply -f` for the demo and tools: create each document, or update it when it
 * already exists. Prints kubectl-style lines (`deployment.apps/web created`).
 */
import { parseAllDocuments } from 'yaml';
import { isAlreadyExists, isStatusError } from '../engine/api/errors.ts';
import type { KubeObject } from '../engine/api/object.ts';
import { findResourceByKind } from '../engine/api/resources.ts';
import type { ApiObject, Client } from '../engine/client/index.ts';

export interface ApplyResult {
  /** `deployment.apps/web` */
  name: string;
  action: 'created' | 'configured' | 'failed';
  object?: ApiObject;
  error?: string;
}

/** Parses multi-document YAML; empty documents are skipped. */
export function parseManifests(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((o): o is KubeObject => o !== null && typeof o === 'object' && !Array.isArray(o));
}

export async function applyObject(client: Client, obj: KubeObject): Promise<ApplyResult> {
  const kind = String(obj.kind ?? '');
  const info = findResourceByKind(String(obj.apiVersion ?? ''), kind);
  const display = `${kind.toLowerCase()}${info?.group ? `.${info.group}` : ''}/${obj.metadata?.name ?? ''}`;
  if (!info) {
    return { name: display, action: 'failed', error: `no matches for kind "${kind}" in version "${String(obj.apiVersion)}"` };
  }
  const namespace = info.namespaced ? (obj.metadata?.namespace ?? 'default') : '';
  const resource = client.resource(info).namespace(namespace);
  try {
    return { name: display, action: 'created', object: await resource.create(obj) };
  } catch (err) {
    if (!isAlreadyExists(err)) return failed(display, err);
  }
  try {
    const current = await resource.get(obj.metadata?.name ?? '');
    const next = { ...obj, metadata: { ...obj.metadata, resourceVersion: current.metadata?.resourceVersion } };
    return { name: display, action: 'configured', object: await resource.update(next) };
  } catch (err) {
    return failed(display, err);
  }
}

function failed(name: string, err: unknown): ApplyResult {
  if (isStatusError(err)) return { name, action: 'failed', error: `Error from server (${err.reason}): ${err.message}` };
  throw err;
}
