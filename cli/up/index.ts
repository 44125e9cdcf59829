export * from './args.ts';
export * from './token.ts';
export * from './kubeconfig.ts';
export * from './learner-parts.ts';
export * from './up.ts';
