import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrgKind } from '@aidflow/policy';

@Entity({ name: 'org_units' })
export class OrgUnitEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) kind: OrgKind;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId: string | null;
}
