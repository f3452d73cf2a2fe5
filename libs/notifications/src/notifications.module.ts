import { Module } from '@nestjs/common';
import { AppConfig } from '@aidflow/config';
import { HttpSmsGateway } from './http.sms-gateway';
import { Mailer } from './mailer';
import { NotificationInboxService } from './notification-inbox.service';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { SmsGateway } from './sms-gateway';
import { SmtpMailer } from './smtp.mailer';
import { TypeOrmNotificationsRepository } from './typeorm-notifications.repository';

@Module({
  providers: [
    { provide: Mailer, useClass: SmtpMailer },
    {
      provide: SmsGateway,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new HttpSmsGateway(config.sms.gatewayUrl),
    },
    { provide: NotificationsRepository, useClass: TypeOrmNotificationsRepository },
    NotificationsService,
    NotificationInboxService,
  ],
  exports: [NotificationsService, NotificationInboxService, NotificationsRepository],
})
export class NotificationsModule {}
