export * from './namespaced-resources-deleter.ts';
export * from './namespace-controller.ts';
