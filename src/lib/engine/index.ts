export * from './types';
export * from './input';
export { runDelivery } from './run';
export { STEP_PROVENANCE } from './provenance';
export { MESSAGE_STEPS } from './messages';
