export * from './serviceaccounts-controller.ts';
