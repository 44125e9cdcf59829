export { jsonPatch } from './json-patch.ts';
export { mergePatch } from './merge-patch.ts';
export { strategicMergePatch } from './strategic-merge-patch.ts';
export { lookupPatchMeta, patchMetaForKind, type FieldPatchMeta, type GroupVersionKind, type StructPatchMeta } from './patch-meta.ts';
export { parsePointer, formatPointer } from './json-pointer.ts';
