import { Module } from '@nestjs/common';
import { BudgetModule } from '@aidflow/budget';
import { CampaignActivities } from './campaign.activities';
import { CampaignSettings, DEFAULT_CAMPAIGN_SETTINGS } from './campaign-settings';
import { CampaignWorkflowClient } from './campaign-workflow.client';
import { CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { TypeOrmCampaignsRepository } from './typeorm-campaigns.repository';

const REPOSITORY = { provide: CampaignsRepository, useClass: TypeOrmCampaignsRepository };

/** The API side: needs TemporalModule (global) for the workflow client. */
@Module({
  providers: [
    REPOSITORY,
    { provide: CampaignSettings, useValue: DEFAULT_CAMPAIGN_SETTINGS },
    CampaignWorkflowClient,
    CampaignsService,
  ],
  exports: [CampaignsRepository, CampaignsService],
})
export class CampaignsModule {}

/** The worker side: the campaign activities (fan-out bookkeeping, payment of one visit). */
@Module({
  imports: [BudgetModule],
  providers: [REPOSITORY, CampaignActivities],
  exports: [CampaignActivities],
})
export class CampaignActivitiesModule {}
