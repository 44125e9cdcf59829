export * from './schedule.ts';
export * from './cronjob-controller.ts';
