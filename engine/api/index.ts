/**
 * API machinery: object types, errors, field errors, the resource table, JSON Schemas (structural
 * validation), defaults, semantic validation and selectors. Only re-exports.
 *
 * The apiserver's pipeline uses: defaultObject → validateObject / validateObjectUpdate (with the
 * `apiserver.validation` part as ctx.objectMeta) → findUnknownFields / pruneUnknownFields for
 * fieldValidation, and the label / field selectors for list and watch.
 */
export * from './errors.ts';
export * from './field-errors.ts';
export * from './object.ts';
export * from './resources.ts';
export type * from './types.ts';
export { validateSchema, findUnknownFields, pruneUnknownFields, definitionNameFor, hasSchema, getDefinition } from './schema-validation.ts';
export { parseQuantity } from './quantity.ts';
export * from './defaults/index.ts';
export * from './validation/index.ts';
export * from './labels.ts';
export * from './fields.ts';
export * from './scheduling/index.ts';
export * from './conversion.ts';
export { MINIMAL_OBJECTS } from './minimal-objects.ts';
