export { openApiV3Paths, openApiV3Document, openApiV2, groupVersionPath, contentHash } from './documents.ts';
export { definitionOfKind, publishDefinition, type Schema } from './schemas.ts';
