export { applicationWorkflow } from './application.workflow';
export { campaignWorkflow, campaignVisitWorkflow } from './campaign.workflow';
