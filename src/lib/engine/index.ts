export * from './types';
export * from './input';
export { run } from './run';
