import { allHandlersFinished, condition, log, patched, upsertSearchAttributes } from '@temporalio/workflow';
import { NON_BLOCKING_NOTICES_PATCH } from '../patches';
import { AID_LEVEL, AID_STATUS } from '../search-attributes';
import type {
  ActionRecord,
  ActionVerb,
  Actor,
  ApplicationOutcome,
  ApplicationStatus,
  NotificationEvent,
} from '../types';
import { acts, notifications } from './activities';
import type { CaseState, LevelState } from './state';
import { SYSTEM, now } from './state';

/** The case's writes outside the workflow: the trail, the projection's status, tasks, notifications, the end. */

/** Appends an action to the trail, in the workflow and in PostgreSQL. */
export async function record(
  c: CaseState,
  verb: ActionVerb,
  actor: Actor,
  comment: string | null,
  details: Record<string, unknown>,
): Promise<void> {
  const action: ActionRecord = {
    verb,
    actorId: actor.actorId,
    actorName: actor.actorName,
    level: c.current?.def.level ?? null,
    round: c.current?.round ?? null,
    comment,
    details,
    occurredAt: now(),
  };
  c.actions.push(action);
  await acts.recordAction({ applicationId: c.input.applicationId, seq: c.actions.length, action });
}

/** On the trail: a date was computed on a provisional business calendar (no official holiday notice loaded). */
export async function recordProvisional(c: CaseState, what: string, at: string, years: number[]): Promise<void> {
  await record(
    c,
    'calendar',
    SYSTEM,
    `${what} ${at}, computed on a provisional business calendar for ${years.join(', ')} (the statutory ` +
      'holidays without the State Council notice, which may move the date)',
    { provisional: true, provisionalYears: years, at },
  );
}

/** The status in the workflow and its search attributes (the projection is written by the caller's activity). */
export function markStatus(c: CaseState, next: ApplicationStatus, reason: string | null = null): void {
  c.status = next;
  c.outcomeReason = reason;
  upsertSearchAttributes([
    { key: AID_STATUS, value: next },
    ...(c.current ? [{ key: AID_LEVEL, value: c.current.def.level }] : []),
  ]);
}

export async function setStatus(c: CaseState, next: ApplicationStatus, reason: string | null = null): Promise<void> {
  markStatus(c, next, reason);
  await acts.updateApplicationStatus({
    applicationId: c.input.applicationId,
    status: next,
    currentLevel: c.current?.def.level ?? null,
    reason,
  });
}

export async function notifyApplicant(c: CaseState, event: NotificationEvent, occurrence?: string): Promise<void> {
  try {
    await notifications.sendNotification({
      applicationId: c.input.applicationId,
      event,
      recipientUserId: c.input.applicantUserId,
      ...(occurrence ? { occurrence } : {}),
    });
  } catch (err) {
    log.warn('Notification failed permanently; the approval goes on', { event, error: String(err) });
  }
}

async function notifyApprovers(
  c: CaseState,
  userIds: readonly string[],
  event: NotificationEvent,
  level: LevelState | null,
  occurrence?: string,
): Promise<void> {
  for (const userId of userIds) {
    await notifications
      .sendNotification({
        applicationId: c.input.applicationId,
        event,
        recipientUserId: userId,
        ...(level ? { level: level.def.level } : {}),
        ...(occurrence ? { occurrence } : level && level.round > 1 ? { occurrence: `round-${level.round}` } : {}),
      })
      .catch((err: unknown) => log.warn('Notification failed permanently', { event, error: String(err) }));
  }
}

/**
 * Change 3: approvers' notifications run in the background, so a mail or SMS outage (retried for a day) never
 * holds up the next step or an approver's request. Histories recorded before the change replay as they ran.
 */
export function notify(
  c: CaseState,
  userIds: readonly string[],
  event: NotificationEvent,
  level: LevelState | null,
  occurrence?: string,
): Promise<void> {
  c.nonBlocking ??= patched(NON_BLOCKING_NOTICES_PATCH);
  const sent = notifyApprovers(c, userIds, event, level, occurrence);
  if (!c.nonBlocking) return sent;
  c.background.push(inBackground(c, sent));
  return Promise.resolve();
}

/** Counts a notification in flight until it settles (`notifyApplicant` and `notify` never reject). */
export function inBackground(c: CaseState, notice: Promise<void>): Promise<void> {
  c.sending++;
  return notice.finally(() => {
    c.sending--;
  });
}

/** Points the level's open task at the active group (after a transfer, 加签, escalation). */
export async function reassign(c: CaseState, level: LevelState, reason: string): Promise<void> {
  await acts.reassignTask({
    applicationId: c.input.applicationId,
    level: level.def.level,
    round: level.round,
    assigneeIds: level.groups[level.active].ids,
    reason,
  });
}

/** Ends the case: the projection, every waiting caller answered, notifications settled, the applicant told. */
export async function finish(
  c: CaseState,
  outcome: ApplicationStatus,
  reason: string | null,
  event: NotificationEvent | null,
): Promise<ApplicationOutcome> {
  c.current = null;
  await setStatus(c, outcome, reason);
  c.settled = c.processed;
  await c.receipt;
  await Promise.all(c.background);
  if (event) await notifyApplicant(c, event);
  await condition(allHandlersFinished);
  return {
    status: outcome,
    grantedAmountFen: outcome === 'approved' ? (c.eligibility?.grantedAmountFen ?? 0) : 0,
    reason,
  };
}
