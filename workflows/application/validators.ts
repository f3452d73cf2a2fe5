import type {
  AddApproverRequest,
  AttachRequest,
  CommentRequest,
  CopyRequest,
  DecisionRequest,
  ObjectionRequest,
  ObjectionReviewRequest,
  ResubmitRequest,
  ReturnRequest,
  TransferRequest,
  UrgeRequest,
  WithdrawRequest,
} from '../types';
import { DecisionRefusal, refuse } from './refusals';
import type { CaseState, LevelState } from './state';
import { currentApprovers, inNotice, isClosed } from './state';

/**
 * The validators of every Update: pure functions of the case state and the request (the clock passed in), which
 * refuse with a code before anything reaches the history. Specs: validators.spec.ts.
 */

export const URGE_INTERVAL_MS = 60 * 60 * 1000;

export function requireOpen(c: CaseState): void {
  if (isClosed(c)) refuse(DecisionRefusal.closed, `Application ${c.input.applicationId} is closed (${c.status})`);
}

export function requireApplicant(c: CaseState, actorId: string, what: string): void {
  if (actorId !== c.input.applicantUserId) refuse(DecisionRefusal.notApplicant, `Only the applicant may ${what}`);
}

/** The level waiting for a decision, when `actorId` may decide it now (and `requestedLevel`, if given, is it). */
export function requireCurrentApprover(c: CaseState, actorId: string, requestedLevel?: number): LevelState {
  requireOpen(c);
  if (c.current === null) {
    refuse(
      DecisionRefusal.notActive,
      c.status === 'returned'
        ? 'The case is with the applicant for more information'
        : 'No approval level is waiting for a decision',
    );
  }
  const level = c.current;
  if (requestedLevel !== undefined && requestedLevel < level.def.level) {
    refuse(
      DecisionRefusal.alreadyDecided,
      `Level ${requestedLevel} was already decided; the case is at level ${level.def.level}`,
    );
  }
  if (requestedLevel !== undefined && requestedLevel > level.def.level) {
    refuse(
      DecisionRefusal.notActive,
      `Level ${requestedLevel} is not active yet; the case is at level ${level.def.level}`,
    );
  }
  // An action waiting in the inbox, or one taken from it whose effects are still being written (`settled` behind
  // `processed`): a second decision now (a double click arriving in the next workflow task) would be applied to
  // whatever level comes next, so it is refused until the first is settled. ACTION_IN_PROGRESS, not "already
  // decided": the next level's task may already be visible (its row is written before the workflow settles), and
  // the API tries such a refusal again for a few seconds, so the next approver's decision then goes through and a
  // double click gets the true answer (already decided) once the first is settled.
  if (c.inbox.length > 0 || c.settled < c.processed) {
    refuse(DecisionRefusal.inProgress, 'The previous action on this case is still being recorded; try again');
  }
  const group = level.groups[level.active];
  if (!group.ids.includes(actorId)) {
    if (group.approvedBy.includes(actorId) || level.groups.some((g) => g.approvedBy.includes(actorId))) {
      refuse(DecisionRefusal.alreadyDecided, `You already approved level ${level.def.level}`);
    }
    const decidedEarlier = c.decisions.find((d) => d.actorId === actorId);
    if (decidedEarlier) {
      refuse(
        DecisionRefusal.alreadyDecided,
        `You already decided level ${decidedEarlier.level}; the case is now at level ${level.def.level} (${level.def.title})`,
      );
    }
    // An approver of an earlier level that someone else decided (two approvers of an any-of level at once).
    const decidedByOther = c.decisions.find(
      (d) =>
        d.level < level.def.level && c.input.route.some((l) => l.level === d.level && l.approverIds.includes(actorId)),
    );
    if (decidedByOther) {
      refuse(
        DecisionRefusal.alreadyDecided,
        `Level ${decidedByOther.level} was already decided by ${decidedByOther.actorName}; the case is now at level ${level.def.level} (${level.def.title})`,
      );
    }
    refuse(
      DecisionRefusal.notApprover,
      `You are not an approver of level ${level.def.level} (${level.def.title}, ${level.def.orgUnitName})`,
    );
  }
  if (group.approvedBy.includes(actorId)) {
    refuse(DecisionRefusal.alreadyDecided, `You already approved level ${level.def.level}`);
  }
  return level;
}

export function validateDecide(c: CaseState, request: DecisionRequest): void {
  requireCurrentApprover(c, request.actorId, request.level);
}

export function validateReturn(c: CaseState, request: ReturnRequest): void {
  const level = requireCurrentApprover(c, request.actorId);
  if (!request.comment?.trim()) refuse(DecisionRefusal.invalid, 'A return needs a comment saying what is missing');
  const to = request.toLevel ?? 0;
  const route = c.input.route;
  if (to !== 0 && !(to < level.def.level && route.some((l) => l.level === to))) {
    refuse(
      DecisionRefusal.invalid,
      `toLevel must be 0 (the applicant) or an earlier level of this route (${route
        .filter((l) => l.level < level.def.level)
        .map((l) => l.level)
        .join(', ')}), got ${to}`,
    );
  }
}

export function validateResubmit(c: CaseState, request: ResubmitRequest): void {
  requireOpen(c);
  requireApplicant(c, request.actorId, 'resubmit');
  if (c.status !== 'returned' || c.inbox.length > 0) {
    refuse(DecisionRefusal.notReturned, 'Only a case returned to the applicant can be resubmitted');
  }
}

export function validateWithdraw(c: CaseState, request: WithdrawRequest): void {
  requireOpen(c);
  requireApplicant(c, request.actorId, 'withdraw the application');
  if (c.current === null && c.status !== 'returned' && !inNotice(c)) {
    refuse(DecisionRefusal.closed, 'The case is past approval; it can no longer be withdrawn');
  }
  // Also while a decision taken from the inbox is still being written (F-7: approve races withdraw, one wins).
  if (c.inbox.length > 0 || c.settled < c.processed) {
    refuse(DecisionRefusal.inProgress, 'Another action is being recorded; try again');
  }
}

export function validateTransfer(c: CaseState, request: TransferRequest): void {
  const level = requireCurrentApprover(c, request.actorId);
  if (request.toUserId === c.input.applicantUserId) {
    refuse(DecisionRefusal.invalid, 'A case cannot be transferred to its own applicant');
  }
  if (level.groups[level.active].ids.includes(request.toUserId)) {
    refuse(DecisionRefusal.invalid, `${request.toUserName} already holds this task`);
  }
}

export function validateAddApprover(c: CaseState, request: AddApproverRequest): void {
  const level = requireCurrentApprover(c, request.actorId);
  if (request.userId === c.input.applicantUserId) {
    refuse(DecisionRefusal.invalid, 'The applicant cannot approve their own case');
  }
  if (level.groups.some((g) => g.ids.includes(request.userId))) {
    refuse(DecisionRefusal.invalid, `${request.userName} already approves at this level`);
  }
}

export function validateCopy(c: CaseState, request: CopyRequest): void {
  requireOpen(c);
  if (request.userIds.length === 0) refuse(DecisionRefusal.invalid, 'userIds must name at least one user');
}

/** `nowMs`: the workflow's clock (Date.now() inside a workflow is the time of the workflow task). */
export function validateUrge(c: CaseState, request: UrgeRequest, nowMs: number): void {
  requireOpen(c);
  if (c.current === null) refuse(DecisionRefusal.notActive, 'No approver is waiting; there is nobody to urge');
  if (currentApprovers(c).includes(request.actorId)) {
    refuse(DecisionRefusal.invalid, 'The task is yours; there is nobody else to urge');
  }
  const next = c.lastUrgedAt + URGE_INTERVAL_MS;
  if (nowMs < next) {
    refuse(
      DecisionRefusal.tooSoon,
      `This case was urged less than an hour ago; urge again after ${new Date(next).toISOString()}`,
    );
  }
}

export function validateComment(c: CaseState, request: CommentRequest): void {
  requireOpen(c);
  if (!request.comment?.trim()) refuse(DecisionRefusal.invalid, 'comment must not be empty');
}

export function validateAttach(c: CaseState, request: AttachRequest): void {
  requireOpen(c);
  if (!request.attachmentId || !request.name || !/^[0-9a-f]{64}$/.test(request.sha256 ?? '')) {
    refuse(DecisionRefusal.invalid, 'An attachment needs an id, a name and a hex SHA-256');
  }
  if (!Number.isInteger(request.sizeBytes) || request.sizeBytes <= 0) {
    refuse(DecisionRefusal.invalid, `sizeBytes must be a positive integer, got ${request.sizeBytes}`);
  }
}

export function validateObjection(c: CaseState, request: ObjectionRequest): void {
  requireOpen(c);
  if (!inNotice(c)) {
    refuse(
      DecisionRefusal.notInNotice,
      `Application ${c.input.applicationId} is not in its public notice (status ${c.status}); objections are taken only during the notice`,
    );
  }
  if (request.actorId === c.input.applicantUserId) {
    refuse(DecisionRefusal.invalid, 'The applicant cannot object to their own case (withdraw it instead)');
  }
  const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
  if (reason.length < 5 || reason.length > 2000) {
    refuse(DecisionRefusal.invalid, `reason must be 5 to 2000 characters, got ${reason.length}`);
  }
  const earlier = c.notice!.objections.find((o) => o.objectorId === request.actorId);
  if (earlier || c.inbox.some((a) => a.kind === 'object' && a.request.actorId === request.actorId)) {
    refuse(
      DecisionRefusal.alreadyObjected,
      `You already lodged an objection to this case${earlier ? ` on ${earlier.lodgedAt}` : ''}`,
    );
  }
  if (c.inbox.length > 0) refuse(DecisionRefusal.inProgress, 'Another action is being recorded; try again');
}

export function validateReview(c: CaseState, request: ObjectionReviewRequest): void {
  requireOpen(c);
  const reviewers = c.input.notice?.reviewerIds ?? [];
  if (!reviewers.includes(request.actorId) && request.administrator !== true) {
    refuse(
      DecisionRefusal.notReviewer,
      'Only the objection reviewers of this case (the city federation aid office) may review its objections',
    );
  }
  if (!inNotice(c) || c.status !== 'under_review') {
    refuse(DecisionRefusal.noOpenObjection, `Application ${c.input.applicationId} has no objection under review`);
  }
  // Four-eyes: whoever lodged an objection to the case does not decide it, administrators included.
  if (c.notice!.objections.some((o) => o.objectorId === request.actorId)) {
    refuse(DecisionRefusal.invalid, 'You lodged an objection to this case; another reviewer decides it');
  }
  if (request.outcome !== 'uphold' && request.outcome !== 'dismiss') {
    refuse(DecisionRefusal.invalid, `outcome must be uphold or dismiss, got ${String(request.outcome)}`);
  }
  const comment = typeof request.comment === 'string' ? request.comment.trim() : '';
  if (comment.length < 1 || comment.length > 2000) {
    refuse(DecisionRefusal.invalid, 'A review needs a comment (1 to 2000 characters) giving its reasons');
  }
  if (c.inbox.length > 0) refuse(DecisionRefusal.inProgress, 'Another action is being recorded; try again');
}
