import { ApplicationFailure, log, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { ANSWER_AFTER_REOPEN_PATCH, PAYMENT_PATCH, PUBLIC_NOTICE_PATCH, RECEIPT_NOTICE_PATCH } from '../patches';
import { assessApplication } from '../policy';
import { AID_LEVEL, AID_ORG_UNIT, AID_PROGRAM, AID_STATUS } from '../search-attributes';
import type { ApplicationOutcome, ApplicationWorkflowInput } from '../types';
import { acts, payments } from './activities';
import { backFromApplicant, refusal } from './applicant';
import { finish, inBackground, notify, notifyApplicant, record, setStatus } from './effects';
import { registerHandlers } from './handlers';
import { runLevel } from './levels';
import { runNotice } from './notice';
import { currentApprovers, newCase } from './state';

/**
 * One application: eligibility, then the route's levels in order (any-of or all-of approvers, 加签, transfers,
 * deadlines), returns and resubmissions, withdrawal, then money: a reserved budget, the public notice (公示) where
 * the program has one, and the payment. Workflow id: `application-<applicationId>`.
 *
 * The steps live beside this file: handlers.ts (Query and Updates, with the pure validators of validators.ts),
 * levels.ts (one level), applicant.ts (after a return), notice.ts (公示), effects.ts (trail, status, notifications,
 * the end), flow.ts (the inbox and continue-as-new), state.ts (the case's state and its view).
 */
export async function applicationWorkflow(input: ApplicationWorkflowInput): Promise<ApplicationOutcome> {
  // A continued run (change 8) starts from the state its predecessor carried; a new case from the submission.
  const c = newCase(input);
  const { carried } = c;
  registerHandlers(c);

  upsertSearchAttributes([
    { key: AID_PROGRAM, value: input.programCode },
    { key: AID_ORG_UNIT, value: input.orgUnitId },
    { key: AID_STATUS, value: c.status },
    ...(c.current ? [{ key: AID_LEVEL, value: c.current.def.level }] : []),
  ]);

  // 1. Eligibility, from the standard pinned at submission: as the API assessed it (cases started before it passed
  // the assessment: assessed here, the same way). A continued run carries it.
  if (!carried) {
    c.eligibility =
      input.assessment ??
      assessApplication(input.programCode, c.facts, c.category, c.requestedAmountFen, input.standard);
    await acts.recordEligibility({ applicationId: input.applicationId, assessment: c.eligibility });
    if (!c.eligibility.eligible) return finish(c, 'refused', refusal(c), 'refused');
  }
  const assessed = () => c.eligibility!;

  // Tell the applicant the case was accepted and is with the approvers, while level 1 opens (never delaying it).
  // Added after cases were already running: `patched` keeps histories recorded without this step
  // (test/fixtures/histories/v1-initial) replaying as they ran.
  if (!carried && patched(RECEIPT_NOTICE_PATCH)) c.receipt = inBackground(c, notifyApplicant(c, 'received'));

  // 2. Approval levels, in order; a return goes back to the applicant or an earlier level.
  let resumed = carried?.at.kind === 'level' ? carried.at : null;
  if (carried?.at.kind === 'applicant') {
    const ended = await backFromApplicant(c);
    if (ended) return ended;
  }
  while (c.index < input.route.length) {
    const outcome = await runLevel(c, input.route[c.index], resumed);
    resumed = null;
    if (outcome.kind === 'approved') {
      c.index++;
      continue;
    }
    if (outcome.kind === 'rejected') {
      const d = outcome.decision;
      return finish(
        c,
        'rejected',
        `Rejected at level ${d.level} (${input.route[c.index].title}) by ${d.actorName}`,
        'rejected',
      );
    }
    if (outcome.kind === 'withdrawn') {
      await record(c, 'withdraw', outcome.actor, outcome.comment, {});
      await acts.closeOpenTasks({ applicationId: input.applicationId, reason: 'withdrawn' });
      await notify(c, currentApprovers(c), 'withdrawn', c.current);
      const reason = `Withdrawn by the applicant${outcome.comment ? `: ${outcome.comment}` : ''}`;
      return finish(c, 'withdrawn', reason, null);
    }
    // Returned.
    await record(c, 'return', outcome.actor, outcome.comment, { toLevel: outcome.toLevel });
    await acts.closeOpenTasks({ applicationId: input.applicationId, reason: 'returned' });
    if (outcome.toLevel > 0) {
      c.index = input.route.findIndex((l) => l.level === outcome.toLevel);
      // Change 4: answer once that level is open again (openLevel settles), not before.
      if (!patched(ANSWER_AFTER_REOPEN_PATCH)) c.settled = c.processed;
      continue;
    }
    c.current = null;
    await setStatus(c, 'returned', outcome.comment);
    c.settled = c.processed;
    await notifyApplicant(c, 'returned', `return-${c.actions.length}`);
    const ended = await backFromApplicant(c);
    if (ended) return ended;
  }

  // 3. Money: reserve from the program's yearly envelope, then record the disbursement for finance.
  c.current = null;
  try {
    await acts.reserveBudget({
      applicationId: input.applicationId,
      programCode: input.programCode,
      year: input.budgetYear,
      amountFen: assessed().grantedAmountFen,
    });
  } catch (err) {
    const type =
      err instanceof Error && 'cause' in err && err.cause instanceof ApplicationFailure ? err.cause.type : null;
    if (type === 'BUDGET_EXHAUSTED' || type === 'BUDGET_ENVELOPE_NOT_FOUND') {
      return finish(c, 'budget_exhausted', (err as { cause: Error }).cause.message, 'budget_exhausted');
    }
    throw err;
  }
  // Change 6: the public notice (公示) before payment, for cases submitted with one.
  if (input.notice && patched(PUBLIC_NOTICE_PATCH)) {
    const noticed = await runNotice(c, input.notice, assessed().grantedAmountFen);
    if (noticed.kind === 'upheld') {
      await acts.releaseBudget({ applicationId: input.applicationId, reason: 'objection upheld' });
      await acts.closePublicNotice({ applicationId: input.applicationId, outcome: 'upheld' });
      return finish(c, 'rejected', `Objection upheld: ${noticed.comment}`, 'rejected');
    }
    if (noticed.kind === 'withdrawn') {
      await record(c, 'withdraw', noticed.actor, noticed.comment, {});
      await acts.releaseBudget({ applicationId: input.applicationId, reason: 'withdrawn' });
      await acts.closePublicNotice({ applicationId: input.applicationId, outcome: 'withdrawn' });
      await acts.closeOpenTasks({ applicationId: input.applicationId, reason: 'withdrawn' });
      const reason = `Withdrawn by the applicant${noticed.comment ? `: ${noticed.comment}` : ''}`;
      return finish(c, 'withdrawn', reason, null);
    }
  }
  const { disbursementId } = await acts.createDisbursement({
    applicationId: input.applicationId,
    amountFen: assessed().grantedAmountFen,
  });
  if (patched(PAYMENT_PATCH)) {
    const paid = await payments.payDisbursement({ applicationId: input.applicationId, disbursementId });
    if (paid.outcome === 'payment_failed') {
      log.warn('Payment refused by the bank; disbursement flagged', { applicationId: input.applicationId });
    }
  }
  log.info('Application approved', { applicationId: input.applicationId, workflowId: workflowInfo().workflowId });
  return finish(c, 'approved', null, 'approved');
}
