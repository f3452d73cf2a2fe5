export * from './attachment-rules';
export * from './attachment.entity';
export * from './attachments.repository';
export * from './typeorm-attachments.repository';
export * from './attachments.service';
export * from './attachments.module';
