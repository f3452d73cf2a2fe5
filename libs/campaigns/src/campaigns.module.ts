import { Module } from '@nestjs/common';
import { BudgetModule } from '@aidflow/budget';
import { CampaignActivities } from './campaign.activities';
import { CampaignSettings, DEFAULT_CAMPAIGN_SETTINGS } from './campaign-settings';
import { CampaignWorkflowClient } from './campaign-workflow.client';
import { CampaignVisitsRepository } from './campaign-visits.repository';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { TypeOrmCampaignVisitsRepository } from './typeorm-campaign-visits.repository';
import { TypeOrmCampaignsRepository } from './typeorm-campaigns.repository';

const REPOSITORIES = [
  { provide: CampaignsRepository, useClass: TypeOrmCampaignsRepository },
  { provide: CampaignVisitsRepository, useClass: TypeOrmCampaignVisitsRepository },
];

/** The API side: needs TemporalModule (global) for the workflow client. */
@Module({
  providers: [
    ...REPOSITORIES,
    { provide: CampaignSettings, useValue: DEFAULT_CAMPAIGN_SETTINGS },
    CampaignWorkflowClient,
    CampaignsService,
  ],
  exports: [CampaignsRepository, CampaignVisitsRepository, CampaignsService],
})
export class CampaignsModule {}

/** The worker side: the campaign activities (fan-out bookkeeping, payment of one visit). */
@Module({
  imports: [BudgetModule],
  providers: [...REPOSITORIES, CampaignActivities],
  exports: [CampaignActivities],
})
export class CampaignActivitiesModule {}
