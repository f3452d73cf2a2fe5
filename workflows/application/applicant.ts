import { patched } from '@temporalio/workflow';
import { ANSWER_AFTER_REOPEN_PATCH } from '../patches';
import { assessApplication } from '../policy';
import type { ApplicationOutcome } from '../types';
import { acts } from './activities';
import { finish, record } from './effects';
import { take, waitForAction } from './flow';
import type { CaseState } from './state';

/** The case with the applicant after a return: resubmitted with new facts, or withdrawn. */

/** The reason an ineligible case is refused with: the last rule that failed. */
export const refusal = (c: CaseState): string =>
  c.eligibility!.reasons[c.eligibility!.reasons.length - 1] ?? 'ineligible';

/** Waits for the applicant: a resubmission is assessed again on the pinned standard (every level decides again). */
async function awaitApplicant(c: CaseState): Promise<'resubmitted' | 'withdrawn'> {
  for (;;) {
    await waitForAction(c, () => ({ kind: 'applicant' }));
    const action = take(c);
    if (action.kind === 'withdraw') {
      await record(c, 'withdraw', action.actor, action.comment, {});
      return 'withdrawn';
    }
    if (action.kind === 'resubmit') {
      const r = action.request;
      c.facts = r.facts;
      c.category = r.category;
      c.requestedAmountFen = r.requestedAmountFen;
      await record(c, 'resubmit', r, r.comment?.trim() || null, {});
      c.eligibility = assessApplication(
        c.input.programCode,
        c.facts,
        c.category,
        c.requestedAmountFen,
        c.input.standard,
      );
      await acts.recordResubmission({
        applicationId: c.input.applicationId,
        seq: c.actions.length,
        facts: c.facts,
        category: c.category,
        requestedAmountFen: c.requestedAmountFen,
        assessment: c.eligibility,
      });
      // Change 4: answer once level 1 is open again (openLevel settles), not before.
      if (!patched(ANSWER_AFTER_REOPEN_PATCH)) c.settled = c.processed;
      return 'resubmitted';
    }
    c.settled = c.processed;
  }
}

/** Resubmitted (back to level 1: null), withdrawn, or refused on the new facts (the outcome). */
export async function backFromApplicant(c: CaseState): Promise<ApplicationOutcome | null> {
  if ((await awaitApplicant(c)) === 'withdrawn') return finish(c, 'withdrawn', 'Withdrawn by the applicant', null);
  if (!c.eligibility!.eligible) return finish(c, 'refused', refusal(c), 'refused');
  c.index = 0; // levels that had approved decide again
  return null;
}
