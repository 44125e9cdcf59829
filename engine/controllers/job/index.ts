export * from './manage-job.ts';
export * from './backoff.ts';
export * from './job-pods.ts';
export * from './job-conditions.ts';
export * from './job-controller.ts';
export * from './ttl-after-finished-controller.ts';
