export * from './serviceaccounts-controller.ts';
export * from './tokens-controller.ts';
