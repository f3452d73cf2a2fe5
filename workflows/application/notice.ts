import { condition, patched } from '@temporalio/workflow';
import { PROVISIONAL_CALENDAR_PATCH } from '../patches';
import type { NoticeConfig, NoticeView } from '../types';
import { acts } from './activities';
import { markStatus, notify, recordProvisional } from './effects';
import { take } from './flow';
import type { CaseState, NoticeOutcome } from './state';
import { msUntil, now } from './state';

/**
 * The public notice (公示), change 6: lists the case publicly until the window closes on the business calendar. An
 * objection moves it under review; the reviewers dismiss (clear for payment at once) or uphold (rejected). The
 * applicant may withdraw meanwhile.
 */
export async function runNotice(c: CaseState, config: NoticeConfig, amountFen: number): Promise<NoticeOutcome> {
  const applicationId = c.input.applicationId;
  const opened = await acts.openPublicNotice({ applicationId, openedAt: now(), window: config.window, amountFen });
  // (the activity also moves the projection to in_notice, in one transaction)
  const notice: NoticeView = { openedAt: opened.openedAt, closesAt: opened.closesAt, objections: [] };
  c.notice = notice;
  if (opened.provisionalYears?.length && patched(PROVISIONAL_CALENDAR_PATCH)) {
    notice.provisionalCalendarYears = opened.provisionalYears;
    await recordProvisional(c, 'The public notice closes', opened.closesAt, opened.provisionalYears);
  }
  markStatus(c, 'in_notice');
  c.settled = c.processed; // the final approver is answered now, not when the notice ends
  let reviewRound = 0;
  for (;;) {
    if (c.status === 'in_notice') {
      const arrived = await condition(() => c.inbox.length > 0, msUntil(notice.closesAt));
      if (!arrived) {
        c.noticeClosing = true;
        await acts.closePublicNotice({ applicationId, outcome: 'closed_clean' });
        return { kind: 'clear' };
      }
    } else {
      await condition(() => c.inbox.length > 0);
    }
    const action = take(c);
    switch (action.kind) {
      case 'object': {
        if (c.status === 'in_notice') reviewRound++;
        const r = action.request;
        const lodged = await acts.recordObjection({
          applicationId,
          objectorId: r.actorId,
          reason: r.reason,
          reviewerIds: config.reviewerIds,
          round: reviewRound,
        }); // objection, review task and the under_review projection, in one transaction
        notice.objections.push({ ...lodged, objectorId: r.actorId, status: 'open' });
        markStatus(c, 'under_review');
        c.settled = c.processed;
        await notify(c, config.reviewerIds, 'objection_lodged', null, `objection-${notice.objections.length}`);
        break;
      }
      case 'review': {
        const r = action.request;
        c.noticeClosing = true;
        await acts.recordObjectionReview({
          applicationId,
          reviewerId: r.actorId,
          reviewerName: r.actorName,
          outcome: r.outcome,
          comment: r.comment,
          round: reviewRound,
        });
        for (const o of notice.objections) {
          if (o.status === 'open') o.status = r.outcome === 'uphold' ? 'upheld' : 'dismissed';
        }
        if (r.outcome === 'uphold') return { kind: 'upheld', actor: r, comment: r.comment };
        await acts.closePublicNotice({ applicationId, outcome: 'cleared' });
        c.settled = c.processed; // the reviewer is answered now; payment follows
        return { kind: 'clear' };
      }
      case 'withdraw':
        c.noticeClosing = true;
        return { kind: 'withdrawn', actor: action.actor, comment: action.comment };
      case 'decide':
      case 'return':
      case 'resubmit':
        c.settled = c.processed; // cannot happen during the notice (their validators refuse)
        break;
    }
  }
}
