import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@aidflow/auth';
import { ApplicationException, ErrorCode, fenToYuan } from '@aidflow/common';
import { CampaignSettings } from './campaign-settings';
import { CampaignWorkflowClient } from './campaign-workflow.client';
import { CampaignVisitsRepository } from './campaign-visits.repository';
import { CampaignsRepository } from './campaigns.repository';
import { FUNDING_SOURCES, TARGET_GROUPS } from './campaign.types';
import type {
  Campaign,
  CampaignProgress,
  CloseReport,
  ConfirmationResult,
  Confirmer,
  Delivery,
  FundingSource,
  TargetGroup,
  VisitConfirmation,
  VisitRow,
  VisitState,
} from './campaign.types';

export interface DefineCampaign {
  code: string;
  name: string;
  program: string;
  year: number;
  fundingSource: FundingSource;
  budgetFen: number;
  targetGroups: TargetGroup[];
}

export interface ConfirmVisit {
  visitId: string;
  delivery: Delivery;
  proofSha256?: string | null;
  note?: string | null;
  visitedAt: string;
}

export interface CampaignWithProgress {
  campaign: Campaign;
  progress: CampaignProgress;
}

export interface BulkConfirmationSummary {
  confirmed: number;
  alreadyConfirmed: number;
  refused: Array<{ visitId: string; reason: string }>;
  results: ConfirmationResult[];
}

const REFUSAL: Record<Exclude<ConfirmationResult['outcome'], 'confirmed' | 'already_confirmed'>, string> = {
  not_found: 'no such visit in this campaign',
  outside_branch: "the visit's recipient is outside your branch of the union tree",
  case_not_ready: "the visit's case is still being created; confirm it again in a moment",
  skipped: 'the visit was skipped when the campaign closed',
};

/** Campaigns: define, start (fan out one case per recipient), confirm visits with proof, close with a report. */
@Injectable()
export class CampaignsService {
  constructor(
    @Inject(CampaignsRepository) private readonly campaigns: CampaignsRepository,
    @Inject(CampaignVisitsRepository) private readonly campaignVisits: CampaignVisitsRepository,
    @Inject(CampaignWorkflowClient) private readonly workflows: CampaignWorkflowClient,
    @Inject(CampaignSettings) private readonly settings: CampaignSettings,
  ) {}

  async define(actor: Principal, input: DefineCampaign): Promise<Campaign> {
    if (!FUNDING_SOURCES.includes(input.fundingSource)) {
      throw new ApplicationException(
        ErrorCode.ValidationFailed,
        `fundingSource must be one of ${FUNDING_SOURCES.join(', ')}`,
      );
    }
    validateTargetGroups(input.targetGroups);
    const programId = await this.campaigns.findProgramId(input.program);
    if (!programId) {
      throw new ApplicationException(ErrorCode.ProgramNotFound, `There is no program "${input.program}"`);
    }
    return this.campaigns.create({
      code: input.code,
      name: input.name,
      programId,
      programCode: input.program,
      year: input.year,
      fundingSource: input.fundingSource,
      budgetFen: input.budgetFen,
      targetGroups: input.targetGroups.map((g) => ({ kind: g.kind, groups: g.groups, amountFen: g.amountFen })),
      createdBy: actor.userId,
    });
  }

  /**
   * Draws the recipients, reserves the budget and starts the fan-out. Starting a running campaign again only makes
   * sure its workflow runs (after a crash between the database and the workflow engine).
   */
  async start(actor: Principal, campaignId: string): Promise<CampaignWithProgress> {
    const { campaign } = await this.campaigns.start(campaignId, actor.userId);
    if (campaign.status === 'running') {
      await this.workflows.start({
        campaignId: campaign.id,
        pageSize: this.settings.pageSize,
        afterVisitId: null,
        fannedOut: false,
        pollMs: this.settings.pollMs,
        visit: { recheckMs: this.settings.recheckMs, payment: this.settings.paymentRetry },
      });
    }
    return this.get(campaignId);
  }

  list(): Promise<Campaign[]> {
    return this.campaigns.list();
  }

  async get(campaignId: string): Promise<CampaignWithProgress> {
    const campaign = await this.campaigns.findById(campaignId);
    if (!campaign) throw new ApplicationException(ErrorCode.CampaignNotFound, `No campaign ${campaignId}`);
    return { campaign, progress: await this.campaigns.progress(campaignId) };
  }

  async visits(
    actor: Principal,
    campaignId: string,
    query: { state: VisitState | null; page: number; pageSize: number },
  ): Promise<{ total: number; visits: VisitRow[] }> {
    await this.get(campaignId);
    return this.campaignVisits.listVisits(campaignId, { ...query, branchOrgUnitId: branchOf(actor) });
  }

  /** One visit: refusals become errors (404, 403, 409); a repeated confirmation answers the visit as it stands. */
  async confirmOne(
    actor: Principal,
    campaignId: string,
    confirmation: ConfirmVisit,
  ): Promise<{ visit: VisitRow; alreadyConfirmed: boolean }> {
    const [result] = (await this.confirm(actor, campaignId, [confirmation])).results;
    switch (result.outcome) {
      case 'not_found':
        throw new ApplicationException(ErrorCode.NotFound, `Campaign ${campaignId} has no visit ${result.visitId}`);
      case 'outside_branch':
        throw new ApplicationException(ErrorCode.Forbidden, `Visit ${result.visitId}: ${REFUSAL.outside_branch}`);
      case 'case_not_ready':
      case 'skipped':
        throw new ApplicationException(
          ErrorCode.CampaignConflict,
          `Visit ${result.visitId}: ${REFUSAL[result.outcome]}`,
        );
      case 'confirmed':
      case 'already_confirmed':
        break;
    }
    const visit = await this.campaignVisits.findVisit(result.visitId);
    if (!visit)
      throw new ApplicationException(ErrorCode.NotFound, `Campaign ${campaignId} has no visit ${result.visitId}`);
    return { visit, alreadyConfirmed: result.outcome === 'already_confirmed' };
  }

  /**
   * Records proof on each visit in one transaction, then tells each case. A visit confirmed before and not paid yet
   * is told again (its earlier signal may have been lost); a paid one stays paid once.
   */
  async confirm(actor: Principal, campaignId: string, confirmations: ConfirmVisit[]): Promise<BulkConfirmationSummary> {
    const confirmer: Confirmer = { userId: actor.userId, branchOrgUnitId: branchOf(actor) };
    const rows: VisitConfirmation[] = confirmations.map((c, i) => {
      const proofSha256 = c.proofSha256?.trim().toLowerCase() || null;
      const proofNote = c.note?.trim() || null;
      if (!proofSha256 && !proofNote) {
        throw new ApplicationException(
          ErrorCode.ValidationFailed,
          `confirmation ${i + 1} (visit ${c.visitId}) has no proof: give proofSha256 (SHA-256 of the receipt or photo) ` +
            `or note (what was handed over, to whom)`,
        );
      }
      return { visitId: c.visitId, delivery: c.delivery, proofSha256, proofNote, visitedAt: c.visitedAt };
    });
    if (new Set(rows.map((r) => r.visitId)).size !== rows.length) {
      throw new ApplicationException(ErrorCode.ValidationFailed, 'confirmations name the same visit more than once');
    }
    const results = await this.campaignVisits.confirmVisits(campaignId, confirmer, rows);
    const tell = results
      .filter((r) => r.outcome === 'confirmed' || (r.outcome === 'already_confirmed' && r.state === 'visited'))
      .map((r) => r.visitId);
    await this.workflows.visitsConfirmed(tell);
    return {
      confirmed: results.filter((r) => r.outcome === 'confirmed').length,
      alreadyConfirmed: results.filter((r) => r.outcome === 'already_confirmed').length,
      refused: results.flatMap((r) =>
        r.outcome === 'confirmed' || r.outcome === 'already_confirmed'
          ? []
          : [{ visitId: r.visitId, reason: REFUSAL[r.outcome] }],
      ),
      results,
    };
  }

  /** Skips the visits that did not happen, releases what was not spent and returns the close-out report. */
  async close(actor: Principal, campaignId: string): Promise<CloseReport> {
    const outcome = await this.campaigns.close(campaignId, actor.userId);
    await this.workflows.visitsClosed(outcome.skippedVisitIds);
    return outcome.report;
  }

  async report(campaignId: string): Promise<CloseReport> {
    const { campaign } = await this.get(campaignId);
    if (!campaign.closeReport) {
      throw new ApplicationException(
        ErrorCode.CampaignConflict,
        `Campaign ${campaign.code} is ${campaign.status}: the close-out report is made when it is closed`,
      );
    }
    return campaign.closeReport;
  }
}

/** Admins confirm anywhere; approvers inside their branch. */
function branchOf(actor: Principal): string | null {
  if (actor.role === 'admin' || actor.role === 'auditor') return null;
  if (!actor.orgUnitId) {
    throw new ApplicationException(ErrorCode.Forbidden, `${actor.username} belongs to no union and sees no visits`);
  }
  return actor.orgUnitId;
}

function validateTargetGroups(groups: TargetGroup[]): void {
  if (groups.length === 0) throw new ApplicationException(ErrorCode.ValidationFailed, 'targetGroups must not be empty');
  const taken = new Map<string, Set<string> | 'all'>();
  groups.forEach((g, i) => {
    const allowed = TARGET_GROUPS[g.kind];
    for (const code of g.groups ?? []) {
      if (!allowed.includes(code)) {
        throw new ApplicationException(
          ErrorCode.ValidationFailed,
          `targetGroups[${i}].groups: "${code}" is not a group of ${g.kind} (one of ${allowed.join(', ')})`,
        );
      }
    }
    if (!Number.isInteger(g.amountFen) || g.amountFen <= 0) {
      throw new ApplicationException(ErrorCode.ValidationFailed, `targetGroups[${i}].amount must be positive`);
    }
    const before = taken.get(g.kind);
    const mine = g.groups && g.groups.length > 0 ? g.groups : null;
    const overlaps = before === 'all' || (before && (!mine || mine.some((c) => before.has(c))));
    if (overlaps) {
      throw new ApplicationException(
        ErrorCode.ValidationFailed,
        `targetGroups[${i}] overlaps an earlier ${g.kind} group: each recipient gets one amount`,
      );
    }
    if (!mine) taken.set(g.kind, 'all');
    else taken.set(g.kind, new Set([...(before instanceof Set ? before : []), ...mine]));
  });
}

/** `12,345.6 CNY` for messages. */
export function yuan(fen: number): string {
  return `${fenToYuan(fen).toLocaleString('en-US')} CNY`;
}
