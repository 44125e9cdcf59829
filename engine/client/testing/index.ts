export * from './fake-apiserver.ts';
export * from './interruptible-apiserver.ts';
