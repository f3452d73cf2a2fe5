export { applicationWorkflow } from './application.workflow';
