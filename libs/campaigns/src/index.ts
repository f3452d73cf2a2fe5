export * from './campaign.types';
export * from './campaigns.repository';
export * from './typeorm-campaigns.repository';
export * from './campaign-settings';
export * from './campaign-workflow.client';
export * from './campaigns.service';
export * from './campaign.activities';
export * from './campaigns.module';
