export { applicationWorkflow } from './application';
export { campaignWorkflow, campaignVisitWorkflow } from './campaign.workflow';
