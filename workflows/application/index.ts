export { applicationWorkflow } from './workflow';
export { CONTINUE_AS_NEW_AFTER_BYTES, CONTINUE_AS_NEW_AFTER_EVENTS } from './flow';
export { DecisionRefusal } from './refusals';
