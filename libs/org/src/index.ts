export * from './org-unit.entity';
export * from './user.entity';
export * from './org.repository';
export * from './org.module';
export * from './password';
export * from './absence.service';
export * from './org-directory.service';
export * from './org-sql';
