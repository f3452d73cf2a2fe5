export * from './household-file.entity';
export * from './model-worker.entity';
export * from './medical-enrolment.entity';
export * from './subsidy-usage-report.entity';
export * from './registries.repository';
export * from './typeorm-registries.repository';
export * from './registries.service';
export * from './registries.module';
