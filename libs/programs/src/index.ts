export * from './program.entity';
export * from './program-standard.entity';
export * from './programs.repository';
export * from './programs.service';
export * from './programs.module';
