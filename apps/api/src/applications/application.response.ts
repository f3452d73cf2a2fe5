import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { fenToYuan, maskIdentifier } from '@aidflow/common';
import type { ApplicationDetails } from '@aidflow/applications';
import { APPLICATION_STATUSES } from '@aidflow/workflows/types';

const dateTime = { type: String, format: 'date-time' } as const;

export class RuleResponse {
  @ApiProperty({ example: 'household-file' }) rule: string;
  @ApiProperty() passed: boolean;
  @ApiProperty({ example: 'household file HF-2026-000001 is open (filed 2026-01-05, verified 2026-01-05)' })
  detail: string;
}

export class EligibilityResponse {
  @ApiProperty() eligible: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Hardship aid: deep / relative / accident; tuition grants: filed / non_filed; model workers: honour level',
  })
  tier: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Hardship aid only: CNY per person and month' })
  perCapitaMonthlyIncome: number | null;
  @ApiProperty({ description: 'CNY, the most this case can be granted' }) cap: number;
  @ApiProperty({ type: [String], description: 'Each rule checked, in words' }) reasons: string[];
  @ApiProperty({ example: 'hardship-aid/2026.1' }) policyVersion: string;
  @ApiProperty({ type: String, format: 'uuid', description: 'The pinned standard row' }) standardId: string;
  @ApiProperty({ type: [RuleResponse], description: 'The same rules, structured (absent on older assessments)' })
  rules: RuleResponse[];
}

export class DecisionResponse {
  @ApiProperty() level: number;
  @ApiProperty({ description: '1, or more after a return brought the case back to this level' }) round: number;
  @ApiProperty({ example: 'grassroots' }) levelName: string;
  @ApiProperty({ enum: ['approve', 'reject'] }) decision: string;
  @ApiProperty({ format: 'uuid', description: 'The system user for automatic decisions after a deadline' })
  actorId: string;
  @ApiProperty() actorName: string;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty(dateTime) decidedAt: Date;
}

export class TaskResponse {
  @ApiProperty() level: number;
  @ApiProperty() round: number;
  @ApiProperty({ example: 'grassroots' }) levelName: string;
  @ApiProperty({ format: 'uuid' }) orgUnitId: string;
  @ApiProperty({ enum: ['open', 'completed', 'cancelled'] }) status: string;
  @ApiProperty({ type: [String], description: 'User ids the task sits with now' }) assigneeIds: string[];
  @ApiProperty({
    type: [String],
    description: 'Why the task sits with these approvers, in order: routing rules, transfer, 加签, escalation',
    example: ['transferred by 赵敏 to 吴刚'],
  })
  assignment: string[];
  @ApiProperty(dateTime) openedAt: Date;
  @ApiProperty({ ...dateTime, nullable: true }) closedAt: Date | null;
}

export class ActionResponse {
  @ApiProperty({
    enum: [
      'return',
      'resubmit',
      'withdraw',
      'transfer',
      'add_approver',
      'copy',
      'urge',
      'comment',
      'attach',
      'reminder',
      'escalate',
      'auto_approve',
      'auto_reject',
      'delegate',
      'calendar',
    ],
  })
  verb: string;
  @ApiProperty({ format: 'uuid', description: 'The system user for deadline actions' }) actorId: string;
  @ApiProperty() actorName: string;
  @ApiProperty({ type: Number, nullable: true }) level: number | null;
  @ApiProperty({ type: Number, nullable: true }) round: number | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ description: 'What the action did, e.g. { toLevel } or { toUserId, toUserName }' })
  details: Record<string, unknown>;
  @ApiProperty(dateTime) occurredAt: Date;
}

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'application-3f2a9c1e-…' }) workflowId: string;
  @ApiProperty({ example: 'hardship-aid' }) program: string;
  @ApiProperty({ example: 'living', description: 'One of the program’s categories (GET /programs/:code)' })
  category: string;
  @ApiProperty({
    enum: [...APPLICATION_STATUSES],
    description: 'in_notice: approved and funded, in the public notice (公示); under_review: an objection is reviewed',
  })
  status: string;
  @ApiProperty({ type: Number, nullable: true }) currentLevel: number | null;
  @ApiProperty({ description: 'CNY' }) requestedAmount: number;
  @ApiProperty({ type: Number, nullable: true, description: 'CNY' }) grantedAmount: number | null;
  @ApiProperty({ type: String, nullable: true }) tier: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The facts of the case as the applicant gives them (money in CNY, GET /programs/:code: facts); reference ' +
      'numbers (…No, …Ref) masked. Registry facts are in eligibility.',
    example: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
  })
  facts: Record<string, unknown>;
  @ApiProperty({ type: EligibilityResponse, nullable: true }) eligibility: EligibilityResponse | null;
  @ApiProperty({ type: String, nullable: true }) outcomeReason: string | null;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ type: String, nullable: true, example: '110***********4514', description: 'Always masked' })
  nationalId: string | null;
  @ApiProperty({ type: [DecisionResponse] }) decisions: DecisionResponse[];
  @ApiProperty({ type: [TaskResponse] }) tasks: TaskResponse[];
  @ApiProperty({ type: [ActionResponse], description: 'The trail besides decisions, in order' })
  actions: ActionResponse[];
  @ApiProperty(dateTime) createdAt: Date;
  @ApiProperty(dateTime) updatedAt: Date;
  @ApiPropertyOptional({ description: 'Set when this answer replays an earlier request (same Idempotency-Key)' })
  replayed?: boolean;
}

export class BulkDecisionResult {
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ description: 'The case status after the decision (ok)', example: 'pending_approval' })
  status?: string;
  @ApiPropertyOptional({ description: 'The error code (not ok)', example: 'LEVEL_ALREADY_DECIDED' }) code?: string;
  @ApiPropertyOptional({ description: 'The error message (not ok)' }) message?: string;
}

export class BulkDecisionResponse {
  @ApiProperty({ example: 2 }) succeeded: number;
  @ApiProperty({ example: 1 }) failed: number;
  @ApiProperty({ type: [BulkDecisionResult], description: 'One per item, in the order of the request' })
  results: BulkDecisionResult[];
}

/** The HTTP shape of an application: yuan amounts, masked personal data, the decision trail. */
export function toApplicationResponse(details: ApplicationDetails): ApplicationResponse {
  const a = details.application;
  const eligibility = details.assessment ?? a.eligibility;
  return {
    id: a.id,
    workflowId: a.workflowId,
    program: a.programCode,
    category: a.category,
    status: a.status,
    currentLevel: a.currentLevel,
    requestedAmount: fenToYuan(a.requestedAmountFen),
    grantedAmount: a.grantedAmountFen === null ? null : fenToYuan(a.grantedAmountFen),
    tier: a.tier ?? eligibility?.tier ?? null,
    facts: factsInYuan(a.facts),
    eligibility: eligibility
      ? {
          eligible: eligibility.eligible,
          tier: eligibility.tier,
          perCapitaMonthlyIncome:
            eligibility.perCapitaMonthlyIncomeFen === undefined
              ? null
              : fenToYuan(eligibility.perCapitaMonthlyIncomeFen),
          cap: fenToYuan(eligibility.capFen),
          reasons: eligibility.reasons,
          policyVersion: eligibility.policyVersion,
          standardId: eligibility.standardId,
          rules: eligibility.rules ?? [],
        }
      : null,
    outcomeReason: a.outcomeReason,
    policyVersion: a.policyVersion,
    nationalId: details.nationalIdMasked,
    decisions: details.decisions.map((d) => ({
      level: d.level,
      round: d.round,
      levelName: d.levelName,
      decision: d.decision,
      actorId: d.actorId,
      actorName: d.actorName,
      comment: d.comment,
      decidedAt: d.decidedAt,
    })),
    tasks: details.tasks.map((t) => ({
      level: t.level,
      round: t.round,
      levelName: t.levelName,
      orgUnitId: t.orgUnitId,
      status: t.status,
      assigneeIds: t.assigneeIds,
      /** Why the task sits with these approvers: routing rules, transfer, 加签, escalation, delegation. */
      assignment: t.assignment,
      openedAt: t.openedAt,
      closedAt: t.closedAt,
    })),
    actions: details.actions.map((x) => ({
      verb: x.verb,
      actorId: x.actorId,
      actorName: x.actorName,
      level: x.level,
      round: x.round,
      comment: x.comment,
      details: x.details,
      occurredAt: x.occurredAt,
    })),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    ...(details.replayed ? { replayed: true } : {}),
  };
}

/** The stored facts as the applicant sends them: `<name>Fen` back to `<name>` in CNY, reference numbers masked. */
export function factsInYuan(facts: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(facts ?? {})) {
    if (name === 'verified') continue;
    if (name.endsWith('Fen') && typeof value === 'number') out[name.slice(0, -3)] = fenToYuan(value);
    else if (/(No|Ref)$/.test(name) && typeof value === 'string') out[name] = maskIdentifier(value);
    else out[name] = value;
  }
  return out;
}
