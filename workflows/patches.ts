/**
 * Patch ids of changes made to the application workflow while cases were running (docs/changing-workflows.md).
 * A patch id is recorded in the history of every case that ran the new code; never reuse or rename one.
 */

/** Change 1: the applicant is told the case was accepted and is with the approvers (`received` notification). */
export const RECEIPT_NOTICE_PATCH = 'receipt-notice';

/** Change 2: tasks arriving while an approver is away go to their delegate (absence delegation). */
export const ABSENCE_DELEGATION_PATCH = 'absence-delegation';

/** Change 3: approvers' notifications go out in the background; a mail outage never holds up a decision. */
export const NON_BLOCKING_NOTICES_PATCH = 'non-blocking-notices';

/**
 * Change 4: a return to an earlier level, and a resubmission, answer once the level they lead to is open, so the
 * caller sees where the case went (they answered a moment before, showing the level being left).
 */
export const ANSWER_AFTER_REOPEN_PATCH = 'answer-after-reopen';

/**
 * Change 5: money moves exactly once. After the disbursement is recorded the workflow pays it through the bank,
 * keyed by the disbursement id, retrying temporary failures without limit (the bank's idempotency key makes a retry
 * after a lost answer return the first payment).
 */
export const PAYMENT_PATCH = 'payment';

/**
 * Change 6: public notice (公示). After the budget is reserved, a case whose input carries `notice` is listed publicly
 * for the window; an objection opens a review; payment waits until the window closes clean or the review dismisses
 * the objections. An upheld objection, or a withdrawal during the notice, releases the reservation.
 */
export const PUBLIC_NOTICE_PATCH = 'public-notice';

/**
 * Change 7: provisional business calendar. A level deadline or a public-notice window computed on a provisional
 * schedule (a year with no official holiday notice loaded) is recorded on the trail (`calendar` action) and flagged on
 * the notice (`provisionalCalendarYears`). Before it, the activity failed for a year missing from the calendar.
 */
export const PROVISIONAL_CALENDAR_PATCH = 'provisional-calendar';

/**
 * Change 8: continue-as-new. A case waiting on the applicant or on an approver continues as a new run once its
 * history passes `CONTINUE_AS_NEW_AFTER_EVENTS` (or the server suggests it), carrying its whole state
 * (`ApplicationWorkflowInput.carried`). Asked only when the history is that long, so shorter histories hold no marker.
 */
export const CONTINUE_AS_NEW_PATCH = 'continue-as-new';
