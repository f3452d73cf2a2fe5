import { Module } from '@nestjs/common';
import { ApplicationsDataModule } from '@aidflow/applications';
import { BudgetModule } from '@aidflow/budget';
import { CalendarModule } from '@aidflow/calendar';
import { NotificationsModule } from '@aidflow/notifications';
import { OrgModule } from '@aidflow/org';
import { ProgramsModule } from '@aidflow/programs';
import { ApplicationActivities } from './application.activities';
import { ApprovalActivities } from './approval.activities';
import { NoticeActivities } from './notice.activities';
import { PaymentActivities } from './payment.activities';

@Module({
  imports: [ApplicationsDataModule, BudgetModule, CalendarModule, NotificationsModule, OrgModule, ProgramsModule],
  providers: [ApplicationActivities, ApprovalActivities, PaymentActivities, NoticeActivities],
  exports: [ApplicationActivities, ApprovalActivities, PaymentActivities, NoticeActivities],
})
export class ActivitiesModule {}
