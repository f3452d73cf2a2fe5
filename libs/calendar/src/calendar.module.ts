import { Module } from '@nestjs/common';
import { NotificationsModule } from '@aidflow/notifications';
import { OrgModule } from '@aidflow/org';
import { CalendarAlertsService } from './calendar-alerts.service';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { TypeOrmCalendarRepository } from './typeorm-calendar.repository';

@Module({
  imports: [NotificationsModule, OrgModule],
  providers: [
    { provide: CalendarRepository, useClass: TypeOrmCalendarRepository },
    CalendarService,
    CalendarAlertsService,
  ],
  exports: [CalendarRepository, CalendarService, CalendarAlertsService],
})
export class CalendarModule {}
