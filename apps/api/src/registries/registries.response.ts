import { fenToYuan } from '@aidflow/common';
import type {
  HouseholdFileDetails,
  HouseholdFileView,
  MedicalEnrolmentView,
  ModelWorkerView,
  SubsidyUsageReportEntity,
  VerificationResult,
} from '@aidflow/registries';
import type {
  EnrolmentResponse,
  HouseholdFileDetailsResponse,
  HouseholdFileResponse,
  HouseholdFileVerificationResponse,
  ModelWorkerResponse,
  UsageReportResponse,
} from './registries.dto';

/** Domain views (fen) to HTTP answers (CNY). */
export function toHouseholdFileResponse(f: HouseholdFileView): HouseholdFileResponse {
  return {
    id: f.id,
    fileNo: f.fileNo,
    headUsername: f.headUsername,
    headName: f.headName,
    orgUnitId: f.orgUnitId,
    tier: f.tier,
    householdSize: f.householdSize,
    status: f.status,
    filedOn: f.filedOn,
    verifiedOn: f.verifiedOn,
    closedOn: f.closedOn,
    closedReason: f.closedReason,
    // Files filed outside the API (imports, demo seeds) may lack the derived figures.
    facts: {
      householdSize: f.facts.householdSize ?? f.householdSize,
      annualIncome: fenToYuan(f.facts.annualIncomeFen ?? 0),
      unavoidableCosts: fenToYuan(f.facts.unavoidableCostsFen ?? 0),
      accidentCosts: fenToYuan(f.facts.accidentCostsFen ?? 0),
      perCapitaMonthlyIncome:
        f.facts.perCapitaMonthlyIncomeFen === undefined ? null : fenToYuan(f.facts.perCapitaMonthlyIncomeFen),
      reasons: f.facts.reasons ?? [],
      policyVersion: f.facts.policyVersion ?? null,
      note: f.facts.note ?? null,
    },
  };
}

export function toHouseholdFileDetailsResponse(d: HouseholdFileDetails): HouseholdFileDetailsResponse {
  return {
    ...toHouseholdFileResponse(d.file),
    events: d.events.map((e) => ({
      kind: e.kind,
      actorId: e.actorId,
      occurredAt: e.occurredAt.toISOString(),
      tier: e.tier,
      note: e.note,
    })),
  };
}

export function toVerificationResponse(r: VerificationResult): HouseholdFileVerificationResponse {
  return { ...toHouseholdFileDetailsResponse(r), closed: r.closed, message: r.message };
}

export function toModelWorkerResponse(m: ModelWorkerView): ModelWorkerResponse {
  return {
    id: m.id,
    name: m.name,
    honourLevel: m.honourLevel,
    workStatus: m.workStatus,
    orgUnitCode: m.orgUnitCode,
    awardedYear: m.awardedYear,
    active: m.active,
    username: m.username,
  };
}

export function toEnrolmentResponse(e: MedicalEnrolmentView): EnrolmentResponse {
  return {
    id: e.id,
    username: e.username,
    memberName: e.memberName,
    unitCode: e.unitCode,
    coverageYear: e.coverageYear,
    coverageFrom: e.coverageFrom,
    coverageTo: e.coverageTo,
    enrolledOn: e.enrolledOn,
  };
}

export function toUsageReportResponse(r: SubsidyUsageReportEntity): UsageReportResponse {
  return {
    id: r.id,
    applicationId: r.applicationId,
    reportedBy: r.reportedBy,
    items: r.items.map((i) => ({ purpose: i.purpose, amount: fenToYuan(i.amountFen) })),
    total: fenToYuan(r.totalFen),
    note: r.note,
    reportedAt: r.reportedAt.toISOString(),
  };
}
