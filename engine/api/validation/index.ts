export { nameRuleFor, type NameRule, type ObjectMetaValidator, type ObjectMetaValidationOptions, type ValidationContext } from './object-meta.ts';
export { validateObject, validateObjectUpdate } from './validate-object.ts';
export * from './names.ts';
export { validateLabels, validateLabelName, validateLabelSelector } from './label-validation.ts';
