export * from './annotations.ts';
export * from './pv-binder.ts';
export * from './binding-checks.ts';
export * from './pv-controller.ts';
export * from './hostpath-provisioner.ts';
export * from './pvc-protection-controller.ts';
export * from './pv-protection-controller.ts';
export * from './default-storage-class.ts';
