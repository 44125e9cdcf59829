export * from './endpoint-slices.ts';
export * from './endpointslice-controller.ts';
