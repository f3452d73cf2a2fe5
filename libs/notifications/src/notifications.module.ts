import { Module } from '@nestjs/common';
import { Mailer } from './mailer';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { SmtpMailer } from './smtp.mailer';
import { TypeOrmNotificationsRepository } from './typeorm-notifications.repository';

@Module({
  providers: [
    { provide: Mailer, useClass: SmtpMailer },
    { provide: NotificationsRepository, useClass: TypeOrmNotificationsRepository },
    NotificationsService,
  ],
  exports: [NotificationsService, NotificationsRepository],
})
export class NotificationsModule {}
