export * from './fake-node-agents.ts';
