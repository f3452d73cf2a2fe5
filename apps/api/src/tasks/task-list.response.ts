import { ApiProperty } from '@nestjs/swagger';
import { fenToYuan, maskName } from '@aidflow/common';
import type { CopiedCase, DecidedCase, InboxBranch, InboxCase, InboxTaskWithDeadline } from '@aidflow/applications';
import { APPLICATION_STATUSES } from '@aidflow/workflows/types';

const dateTime = { type: String, format: 'date-time' } as const;

/** What every inbox row shows of its case: no facts, the applicant's name masked. */
class InboxCaseResponse {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 'hardship-aid' }) program: string;
  @ApiProperty({ example: 'living' }) category: string;
  @ApiProperty({ enum: [...APPLICATION_STATUSES] }) status: string;
  @ApiProperty({ type: Number, nullable: true }) currentLevel: number | null;
  @ApiProperty({ type: String, nullable: true }) tier: string | null;
  @ApiProperty({ description: 'CNY' }) requestedAmount: number;
  @ApiProperty({ type: Number, nullable: true, description: 'CNY' }) grantedAmount: number | null;
  @ApiProperty({ type: String, nullable: true, example: '张*', description: 'Masked name of the applicant' })
  applicant: string | null;
  @ApiProperty({ format: 'uuid', description: "The case's org unit (the applicant's union)" }) orgUnitId: string;
  @ApiProperty({ example: '东城第一机械厂工会' }) orgUnitName: string;
  @ApiProperty(dateTime) createdAt: Date;
}

/** One open approval task of the caller (待我审批), with its deadline on the business calendar. */
export class TaskListItemResponse extends InboxCaseResponse {
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty() level: number;
  @ApiProperty({ description: '1 unless a return brought the case back to this level' }) round: number;
  @ApiProperty({ example: 'grassroots' }) levelName: string;
  @ApiProperty(dateTime) openedAt: Date;
  @ApiProperty({
    ...dateTime,
    nullable: true,
    description: "The level's deadline (its SLA in working days from openedAt); null when the level has none",
  })
  dueAt: Date | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Working days from today to the deadline's day; 0 on the day, negative once past",
  })
  workingDaysLeft: number | null;
  @ApiProperty({ description: 'The deadline has passed' }) overdue: boolean;
}

/** A case the caller decided or returned (我已审批): their last such act. */
export class DecidedCaseResponse extends InboxCaseResponse {
  @ApiProperty({ enum: ['approve', 'reject', 'return'] }) verb: string;
  @ApiProperty({ type: Number, nullable: true }) level: number | null;
  @ApiProperty(dateTime) actedAt: Date;
}

/** A case copied to the caller (抄送我). */
export class CopiedCaseResponse extends InboxCaseResponse {
  @ApiProperty(dateTime) copiedAt: Date;
}

export class DecidedCaseListResponse {
  @ApiProperty({ type: [DecidedCaseResponse], description: 'Newest act first' }) items: DecidedCaseResponse[];
  @ApiProperty({ description: 'Cases matching the filters, over all pages' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CopiedCaseListResponse {
  @ApiProperty({ type: [CopiedCaseResponse], description: 'Newest copy first' }) items: CopiedCaseResponse[];
  @ApiProperty({ description: 'Cases matching the filters, over all pages' }) total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class InboxCountsResponse {
  @ApiProperty({ description: '待我审批: open tasks' }) todo: number;
  @ApiProperty({ description: '我已审批: cases decided or returned by you' }) decided: number;
  @ApiProperty({ description: '抄送我: cases copied to you' }) copied: number;
  @ApiProperty({ description: '我发起的: cases you filed' }) mine: number;
}

export class BranchResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '东城区总工会' }) name: string;
  @ApiProperty({ enum: ['grassroots', 'district', 'city'] }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parentId: string | null;
}

function toCase(c: InboxCase): InboxCaseResponse {
  return {
    applicationId: c.applicationId,
    program: c.programCode,
    category: c.category,
    status: c.status,
    currentLevel: c.currentLevel,
    tier: c.tier,
    requestedAmount: fenToYuan(c.requestedAmountFen),
    grantedAmount: c.grantedAmountFen === null ? null : fenToYuan(c.grantedAmountFen),
    applicant: maskName(c.applicantName),
    orgUnitId: c.orgUnitId,
    orgUnitName: c.orgUnitName,
    createdAt: c.createdAt,
  };
}

export function toTaskItem(t: InboxTaskWithDeadline): TaskListItemResponse {
  return {
    ...toCase(t),
    taskId: t.taskId,
    level: t.level,
    round: t.round,
    levelName: t.levelName,
    openedAt: t.openedAt,
    dueAt: t.dueAt,
    workingDaysLeft: t.workingDaysLeft,
    overdue: t.overdue,
  };
}

export function toDecidedItem(d: DecidedCase): DecidedCaseResponse {
  return { ...toCase(d), verb: d.verb, level: d.level, actedAt: d.actedAt };
}

export function toCopiedItem(c: CopiedCase): CopiedCaseResponse {
  return { ...toCase(c), copiedAt: c.copiedAt };
}

export function toBranch(b: InboxBranch): BranchResponse {
  return { id: b.id, name: b.name, kind: b.kind, parentId: b.parentId };
}
