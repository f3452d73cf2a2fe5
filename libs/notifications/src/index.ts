export * from './notification.entity';
export * from './mailer';
export * from './notifications.repository';
export * from './notifications.service';
export * from './notifications.module';
export * from './templates';
