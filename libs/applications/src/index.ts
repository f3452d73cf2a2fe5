export * from './application.entity';
export * from './approval-task.entity';
export * from './decision.entity';
export * from './applications.repository';
export * from './applications.service';
export * from './applications.module';
export * from './case-action.entity';
