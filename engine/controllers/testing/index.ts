// Test support only (see testbed.ts): never imported by engine code.
export * from './testbed.ts';
export * from './fake-kubelet.ts';
