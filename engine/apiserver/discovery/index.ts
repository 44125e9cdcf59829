export { SERVER_VERSION, apiVersions, apiGroupList, apiResourceList } from './discovery.ts';
