export { applyManifests } from './apply.ts';
export { deleteManifests } from './delete.ts';
export { createThreeWayMergePatch, MissingMergeKeyError } from './three-way-patch.ts';
export { LAST_APPLIED_CONFIG_ANNOTATION, modifiedConfiguration, originalConfiguration } from './last-applied.ts';
export { forEachManifest, readManifests, type ManifestObject, type ManifestOptions, type ManifestResult, type ReadResult } from './manifests.ts';
