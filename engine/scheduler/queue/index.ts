export * from './heap.ts';
export * from './scheduling-queue.ts';
