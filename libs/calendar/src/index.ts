export * from './calendar-alerts.service';
export * from './calendar.module';
export * from './calendar.repository';
export * from './calendar.service';
export * from './provisional-calendar';
export * from './typeorm-calendar.repository';
