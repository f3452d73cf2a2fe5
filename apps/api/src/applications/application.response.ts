import { fenToYuan } from '@aidflow/common';
import type { ApplicationDetails } from '@aidflow/applications';

/** The HTTP shape of an application: yuan amounts, masked personal data, the decision trail. */
export function toApplicationResponse(details: ApplicationDetails) {
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
    eligibility: eligibility
      ? {
          eligible: eligibility.eligible,
          tier: eligibility.tier,
          perCapitaMonthlyIncome: fenToYuan(eligibility.perCapitaMonthlyIncomeFen),
          cap: fenToYuan(eligibility.capFen),
          reasons: eligibility.reasons,
          policyVersion: eligibility.policyVersion,
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
