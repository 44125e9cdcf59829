/**
 * The pure functions the HTTP server answers with: discovery (engine/apiserver/discovery), tables
 * for `kubectl get` (engine/apiserver/table) and the OpenAPI documents (engine/api/openapi).
 * Gathered behind one object so the server (and its tests) take them as one dependency.
 */
import { SERVER_VERSION, apiGroupList, apiResourceList, apiVersions } from '../../apiserver/discovery/index.ts';
import { toTable } from '../../apiserver/table/index.ts';
import { openApiV2, openApiV3Document, openApiV3Paths } from '../../api/openapi/index.ts';
import type { ResourceInfo } from '../../api/resources.ts';
import type { KubeObject, ListMeta } from '../../api/object.ts';

export interface TableOptions {
  now: number;
  listMeta?: ListMeta;
  includeObject?: 'None' | 'Object' | 'Metadata';
}

export interface ApiMeta {
  apiVersions(): object;
  apiGroupList(): object;
  apiResourceList(group: string, version: string): object | undefined;
  SERVER_VERSION: object;
  toTable(info: ResourceInfo, objects: KubeObject[], options: TableOptions): object;
  openApiV3Paths(): object | undefined;
  openApiV3Document(path: string): object | undefined;
  openApiV2(): object | undefined;
}

const API_META: ApiMeta = { apiVersions, apiGroupList, apiResourceList, SERVER_VERSION, toTable, openApiV3Paths, openApiV3Document, openApiV2 };

export function loadApiMeta(): Promise<ApiMeta> {
  return Promise.resolve(API_META);
}
