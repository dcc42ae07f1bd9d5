export * from './types';
export * from './input';
export { run } from './run';
export { statechartOf, type ChartState, type ChartTransition, type Statechart } from './machines';
