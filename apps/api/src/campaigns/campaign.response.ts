import type { Campaign, CampaignProgress, CloseReport, VisitRow } from '@aidflow/campaigns';
import { fenToYuan, maskName } from '@aidflow/common';

/** HTTP view of a campaign: amounts in CNY, progress as counts and totals per visit state. */
export function toCampaignResponse(campaign: Campaign, progress?: CampaignProgress) {
  return {
    id: campaign.id,
    code: campaign.code,
    name: campaign.name,
    program: campaign.programCode,
    year: campaign.year,
    fundingSource: campaign.fundingSource,
    budget: fenToYuan(campaign.budgetFen),
    status: campaign.status,
    targetGroups: campaign.targetGroups.map((g) => ({
      kind: g.kind,
      groups: g.groups,
      amount: fenToYuan(g.amountFen),
    })),
    recipients: campaign.recipients,
    planned: fenToYuan(campaign.plannedFen),
    createdAt: campaign.createdAt.toISOString(),
    startedAt: campaign.startedAt?.toISOString() ?? null,
    fannedOutAt: campaign.fannedOutAt?.toISOString() ?? null,
    completedAt: campaign.completedAt?.toISOString() ?? null,
    closedAt: campaign.closedAt?.toISOString() ?? null,
    released: campaign.releasedFen === null ? null : fenToYuan(campaign.releasedFen),
    ...(progress
      ? {
          progress: {
            casesCreated: progress.casesCreated,
            counts: progress.counts,
            amounts: {
              planned: fenToYuan(progress.amountsFen.planned),
              visited: fenToYuan(progress.amountsFen.visited),
              paid: fenToYuan(progress.amountsFen.paid),
              paymentFailed: fenToYuan(progress.amountsFen.payment_failed),
              skipped: fenToYuan(progress.amountsFen.skipped),
            },
          },
        }
      : {}),
  };
}

/** A visit in a list: the recipient's name masked. */
export function toVisitResponse(v: VisitRow) {
  return {
    id: v.id,
    recipientKind: v.recipientKind,
    recipientName: maskName(v.recipientName),
    group: v.groupCode,
    orgUnit: v.orgUnitCode,
    amount: fenToYuan(v.amountFen),
    state: v.state,
    caseCreated: v.caseStartedAt !== null,
    kind: v.delivery,
    proofSha256: v.proofSha256,
    hasNote: v.proofNote !== null,
    visitorId: v.visitorId,
    visitedAt: v.visitedAt?.toISOString() ?? null,
    confirmedAt: v.confirmedAt?.toISOString() ?? null,
    bankPaymentId: v.bankPaymentId,
    paidAt: v.paidAt?.toISOString() ?? null,
    paymentError: v.paymentError,
  };
}

function line(l: { plannedFen: number; paidFen: number } & Record<string, unknown>) {
  const { plannedFen, paidFen, ...rest } = l;
  return { ...rest, planned: fenToYuan(plannedFen), paid: fenToYuan(paidFen) };
}

/** The close-out report in CNY. */
export function toReportResponse(r: CloseReport) {
  return {
    campaignId: r.campaignId,
    code: r.code,
    closedAt: r.closedAt,
    budget: fenToYuan(r.budgetFen),
    released: fenToYuan(r.releasedFen),
    recipients: r.recipients,
    visited: r.visited,
    paidCount: r.paid,
    failed: r.failed,
    skipped: r.skipped,
    planned: fenToYuan(r.plannedFen),
    paid: fenToYuan(r.paidFen),
    byGroup: r.byGroup.map((g) => {
      const { paid, ...rest } = g;
      return line({ ...rest, paidCount: paid });
    }),
    byOrgUnit: r.byOrgUnit.map((g) => {
      const { paid, ...rest } = g;
      return line({ ...rest, paidCount: paid });
    }),
  };
}
