import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ApplicationActivities } from '../libs/activities/src/application.activities';
import type { ApprovalActivities } from '../libs/activities/src/approval.activities';
import type { NoticeActivities } from '../libs/activities/src/notice.activities';
import type { PaymentActivities } from '../libs/activities/src/payment.activities';
import {
  addApproverUpdate,
  attachUpdate,
  commentUpdate,
  copyUpdate,
  decideUpdate,
  lodgeObjectionUpdate,
  resubmitUpdate,
  reviewObjectionUpdate,
  returnUpdate,
  statusQuery,
  transferUpdate,
  urgeUpdate,
  withdrawUpdate,
} from './messages';
import {
  ABSENCE_DELEGATION_PATCH,
  ANSWER_AFTER_REOPEN_PATCH,
  CONTINUE_AS_NEW_PATCH,
  NON_BLOCKING_NOTICES_PATCH,
  PAYMENT_PATCH,
  PROVISIONAL_CALENDAR_PATCH,
  PUBLIC_NOTICE_PATCH,
  RECEIPT_NOTICE_PATCH,
} from './patches';
import { assessApplication } from './policy';
import type { ApprovalMode, Assessment, RouteLevel } from './policy';
import { AID_LEVEL, AID_ORG_UNIT, AID_PROGRAM, AID_STATUS } from './search-attributes';
import type {
  ActionRecord,
  ActionVerb,
  Actor,
  ApplicationOutcome,
  ApplicationStatus,
  ApplicationView,
  ApplicationWorkflowInput,
  CarriedCase,
  CarriedPosition,
  DecisionRecord,
  DecisionRequest,
  AddApproverRequest,
  AttachRequest,
  CommentRequest,
  CopyRequest,
  NoticeConfig,
  NoticeView,
  NotificationEvent,
  ObjectionRequest,
  ObjectionReviewRequest,
  ResubmitRequest,
  ReturnRequest,
  TransferRequest,
  UrgeRequest,
  WithdrawRequest,
} from './types';
import { FINAL_STATUSES, SYSTEM_ACTOR_ID } from './types';

/** The public methods of both activity classes (their private members would make a plain intersection `never`). */
type Activities = Pick<ApplicationActivities, keyof ApplicationActivities> &
  Pick<ApprovalActivities, keyof ApprovalActivities> &
  Pick<NoticeActivities, keyof NoticeActivities>;

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * Payments retry temporary failures (bank 5xx, timeouts) without limit, backing off to 10 minutes: the instruction
 * is keyed by the disbursement, so a retry never pays twice. A permanent refusal is recorded by the activity.
 */
const payments = proxyActivities<Pick<PaymentActivities, keyof PaymentActivities>>({
  startToCloseTimeout: '2 minutes',
  // The activity heartbeats while it waits for the bank: a worker that dies mid-payment is noticed in 20 s, not 2 min.
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Notifications retry for a day, then give up: a mail outage never blocks an approval. */
const notifications = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 50 },
});

/** Codes an action can be refused with; the API maps them to 403/409/422. */
export const DecisionRefusal = {
  closed: 'APPLICATION_CLOSED',
  alreadyDecided: 'LEVEL_ALREADY_DECIDED',
  notActive: 'LEVEL_NOT_ACTIVE',
  notApprover: 'NOT_APPROVER_OF_CURRENT_LEVEL',
  notApplicant: 'NOT_APPLICANT',
  notReturned: 'NOT_RETURNED',
  invalid: 'ACTION_INVALID',
  tooSoon: 'URGED_TOO_RECENTLY',
  inProgress: 'ACTION_IN_PROGRESS',
  notInNotice: 'NOT_IN_PUBLIC_NOTICE',
  alreadyObjected: 'OBJECTION_ALREADY_LODGED',
  notReviewer: 'NOT_OBJECTION_REVIEWER',
  noOpenObjection: 'NO_OPEN_OBJECTION',
} as const;

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

const URGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Change 8: a waiting case continues as a new run once its history has this many events (Temporal warns at 10,240
 * and stops a run at 51,200; the server may suggest it sooner). Small runs also keep replay and worker cache cheap.
 */
export const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;
/**
 * ... or once it holds this many bytes: each Update's answer carries the case's view with its whole trail, so a case
 * with a long trail grows its history by bytes faster than by events (a 4 MB history no longer fits one gRPC answer).
 */
export const CONTINUE_AS_NEW_AFTER_BYTES = 2 * 1024 * 1024;

/** An approver group within a level: the route's approvers, or one added before / after them (加签). */
interface Group {
  ids: string[];
  mode: ApprovalMode;
  approvedBy: string[];
}

interface LevelState {
  def: RouteLevel;
  round: number;
  groups: Group[];
  /** Index of the group whose turn it is. */
  active: number;
}

/** Actions that change where the case goes; the main loop applies them one at a time, in order. */
type FlowAction =
  | { kind: 'decide'; seq: number; decision: DecisionRecord }
  | { kind: 'return'; seq: number; actor: Actor; comment: string; toLevel: number }
  | { kind: 'resubmit'; seq: number; request: ResubmitRequest }
  | { kind: 'withdraw'; seq: number; actor: Actor; comment: string | null }
  | { kind: 'object'; seq: number; request: ObjectionRequest }
  | { kind: 'review'; seq: number; request: ObjectionReviewRequest };

type LevelOutcome =
  | { kind: 'approved' }
  | { kind: 'rejected'; decision: DecisionRecord }
  | { kind: 'returned'; toLevel: number; actor: Actor; comment: string }
  | { kind: 'withdrawn'; actor: Actor; comment: string | null };

/** How a public notice ended: clear for payment (closed without objection, or objections dismissed), or not. */
type NoticeOutcome =
  | { kind: 'clear' }
  | { kind: 'upheld'; actor: Actor; comment: string }
  | { kind: 'withdrawn'; actor: Actor; comment: string | null };

/**
 * One application: eligibility, then the route's levels in order (any-of or all-of approvers, 加签, transfers,
 * deadlines), returns and resubmissions, withdrawal, then money: a reserved budget and a disbursement record.
 * Workflow id: `application-<applicationId>`.
 */
export async function applicationWorkflow(input: ApplicationWorkflowInput): Promise<ApplicationOutcome> {
  // A continued run (change 8) starts from the state its predecessor carried; a new case from the submission.
  const carried: CarriedCase | null = input.carried ?? null;
  let status: ApplicationStatus = carried?.status ?? 'submitted';
  let current: LevelState | null = carried?.at.kind === 'level' ? carried.at.level : null;
  let eligibility: Assessment | null = carried?.eligibility ?? null;
  let outcomeReason: string | null = carried?.outcomeReason ?? null;
  let facts = carried?.facts ?? input.facts;
  let category = carried?.category ?? input.category;
  let requestedAmountFen = carried?.requestedAmountFen ?? input.requestedAmountFen;
  const decisions: DecisionRecord[] = [...(carried?.decisions ?? [])];
  const actions: ActionRecord[] = [...(carried?.actions ?? [])];
  const inbox: FlowAction[] = [];
  const rounds = new Map<number, number>(carried?.rounds ?? []);
  /** The route level the case is at (index into `input.route`). */
  let index = carried?.at.kind === 'level' ? carried.at.index : 0;
  /** Flow actions accepted so far, and those whose effects (projection, next task) are written. */
  let accepted = 0;
  /** Flow actions the main loop has taken from the inbox; `settled` catches up once their effects are written. */
  let processed = 0;
  let settled = 0;
  let lastUrgedAt = carried?.lastUrgedAt ?? -Infinity;
  /** Notifications sent in the background and not settled yet (a run continues as new only without any). */
  let sending = 0;
  /** The receipt notice to the applicant, sent alongside level 1; the outcome notice waits for it. */
  let receipt: Promise<void> | null = null;
  /** The public notice (公示), once opened; `noticeClosing` once it stopped taking objections and withdrawals. */
  let notice: NoticeView | null = null;
  let noticeClosing = false;

  const currentApprovers = (): string[] => (current ? [...current.groups[current.active].ids] : []);
  const view = (): ApplicationView => ({
    applicationId: input.applicationId,
    status,
    currentLevel: current?.def.level ?? null,
    currentRound: current?.round ?? null,
    currentApproverIds: currentApprovers(),
    eligibility,
    decisions: [...decisions],
    actions: [...actions],
    outcomeReason,
    ...(notice ? { notice: { ...notice, objections: notice.objections.map((o) => ({ ...o })) } } : {}),
  });
  const now = (): string => new Date().toISOString();

  /** Accepts a flow action and returns once the main loop has written its effects. */
  async function enqueue(action: FlowAction): Promise<ApplicationView> {
    inbox.push(action);
    await condition(() => settled >= action.seq);
    return view();
  }

  function requireOpen(): void {
    if (FINAL_STATUSES.includes(status)) {
      refuse(DecisionRefusal.closed, `Application ${input.applicationId} is closed (${status})`);
    }
  }

  function requireCurrentApprover(actorId: string, requestedLevel?: number): LevelState {
    requireOpen();
    if (current === null) {
      refuse(
        DecisionRefusal.notActive,
        status === 'returned'
          ? 'The case is with the applicant for more information'
          : 'No approval level is waiting for a decision',
      );
    }
    const level = current;
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
    // whatever level comes next, so it is refused until the first is settled.
    if (inbox.length > 0 || settled < processed) {
      refuse(DecisionRefusal.alreadyDecided, `Level ${level.def.level} already has a decision being recorded`);
    }
    const group = level.groups[level.active];
    if (!group.ids.includes(actorId)) {
      if (group.approvedBy.includes(actorId) || level.groups.some((g) => g.approvedBy.includes(actorId))) {
        refuse(DecisionRefusal.alreadyDecided, `You already approved level ${level.def.level}`);
      }
      const decidedEarlier = decisions.find((d) => d.actorId === actorId);
      if (decidedEarlier) {
        refuse(
          DecisionRefusal.alreadyDecided,
          `You already decided level ${decidedEarlier.level}; the case is now at level ${level.def.level} (${level.def.title})`,
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

  function requireApplicant(actorId: string, what: string): void {
    if (actorId !== input.applicantUserId) refuse(DecisionRefusal.notApplicant, `Only the applicant may ${what}`);
  }

  async function record(verb: ActionVerb, actor: Actor, comment: string | null, details: Record<string, unknown>) {
    const action: ActionRecord = {
      verb,
      actorId: actor.actorId,
      actorName: actor.actorName,
      level: current?.def.level ?? null,
      round: current?.round ?? null,
      comment,
      details,
      occurredAt: now(),
    };
    actions.push(action);
    await acts.recordAction({ applicationId: input.applicationId, seq: actions.length, action });
  }

  // --- Updates -----------------------------------------------------------------------------------------------
  setHandler(statusQuery, view);
  setHandler(
    decideUpdate,
    (request: DecisionRequest): Promise<ApplicationView> => {
      const level = current!;
      return enqueue({
        kind: 'decide',
        seq: ++accepted,
        decision: {
          level: level.def.level,
          ...(level.round > 1 ? { round: level.round } : {}),
          levelName: level.def.name,
          orgUnitId: level.def.orgUnitId,
          actorId: request.actorId,
          actorName: request.actorName,
          decision: request.decision,
          comment: request.comment?.trim() || null,
          decidedAt: now(),
        },
      });
    },
    { validator: (request: DecisionRequest) => void requireCurrentApprover(request.actorId, request.level) },
  );
  setHandler(
    returnUpdate,
    (request: ReturnRequest) =>
      enqueue({
        kind: 'return',
        seq: ++accepted,
        actor: request,
        comment: request.comment.trim(),
        toLevel: request.toLevel ?? 0,
      }),
    {
      validator: (request: ReturnRequest) => {
        const level = requireCurrentApprover(request.actorId);
        if (!request.comment?.trim())
          refuse(DecisionRefusal.invalid, 'A return needs a comment saying what is missing');
        const to = request.toLevel ?? 0;
        if (to !== 0 && !(to < level.def.level && input.route.some((l) => l.level === to))) {
          refuse(
            DecisionRefusal.invalid,
            `toLevel must be 0 (the applicant) or an earlier level of this route (${input.route
              .filter((l) => l.level < level.def.level)
              .map((l) => l.level)
              .join(', ')}), got ${to}`,
          );
        }
      },
    },
  );
  setHandler(resubmitUpdate, (request: ResubmitRequest) => enqueue({ kind: 'resubmit', seq: ++accepted, request }), {
    validator: (request: ResubmitRequest) => {
      requireOpen();
      requireApplicant(request.actorId, 'resubmit');
      if (status !== 'returned' || inbox.length > 0) {
        refuse(DecisionRefusal.notReturned, 'Only a case returned to the applicant can be resubmitted');
      }
    },
  });
  setHandler(
    withdrawUpdate,
    (request: WithdrawRequest) =>
      enqueue({ kind: 'withdraw', seq: ++accepted, actor: request, comment: request.comment?.trim() || null }),
    {
      validator: (request: WithdrawRequest) => {
        requireOpen();
        requireApplicant(request.actorId, 'withdraw the application');
        if (current === null && status !== 'returned' && !inNotice()) {
          refuse(DecisionRefusal.closed, 'The case is past approval; it can no longer be withdrawn');
        }
        if (inbox.length > 0) refuse(DecisionRefusal.inProgress, 'Another action is being recorded; try again');
      },
    },
  );
  setHandler(
    transferUpdate,
    async (request: TransferRequest) => {
      const level = current!;
      const group = level.groups[level.active];
      group.ids = group.ids.map((id) => (id === request.actorId ? request.toUserId : id));
      await record('transfer', request, request.comment?.trim() || null, {
        fromUserId: request.actorId,
        toUserId: request.toUserId,
        toUserName: request.toUserName,
      });
      await reassign(level, `transferred by ${request.actorName} to ${request.toUserName}`);
      await notify([request.toUserId], 'task_assigned', level);
      return view();
    },
    {
      validator: (request: TransferRequest) => {
        const level = requireCurrentApprover(request.actorId);
        if (request.toUserId === input.applicantUserId) {
          refuse(DecisionRefusal.invalid, 'A case cannot be transferred to its own applicant');
        }
        if (level.groups[level.active].ids.includes(request.toUserId)) {
          refuse(DecisionRefusal.invalid, `${request.toUserName} already holds this task`);
        }
      },
    },
  );
  setHandler(
    addApproverUpdate,
    async (request: AddApproverRequest) => {
      const level = current!;
      const added: Group = { ids: [request.userId], mode: 'any', approvedBy: [] };
      level.groups.splice(request.position === 'before' ? level.active : level.active + 1, 0, added);
      await record('add_approver', request, request.comment?.trim() || null, {
        userId: request.userId,
        userName: request.userName,
        position: request.position,
      });
      if (request.position === 'before') {
        await reassign(level, `${request.userName} added before ${request.actorName} by ${request.actorName}`);
        await notify([request.userId], 'task_assigned', level);
      }
      return view();
    },
    {
      validator: (request: AddApproverRequest) => {
        const level = requireCurrentApprover(request.actorId);
        if (request.userId === input.applicantUserId) {
          refuse(DecisionRefusal.invalid, 'The applicant cannot approve their own case');
        }
        if (level.groups.some((g) => g.ids.includes(request.userId))) {
          refuse(DecisionRefusal.invalid, `${request.userName} already approves at this level`);
        }
      },
    },
  );
  setHandler(
    copyUpdate,
    async (request: CopyRequest) => {
      await record('copy', request, request.comment?.trim() || null, { userIds: request.userIds });
      await acts.addWatchers({ applicationId: input.applicationId, userIds: request.userIds });
      await notify(request.userIds, 'copied', current, `copy-${actions.length}`);
      return view();
    },
    {
      validator: (request: CopyRequest) => {
        requireOpen();
        if (request.userIds.length === 0) refuse(DecisionRefusal.invalid, 'userIds must name at least one user');
      },
    },
  );
  setHandler(
    urgeUpdate,
    async (request: UrgeRequest) => {
      lastUrgedAt = Date.now();
      await record('urge', request, request.comment?.trim() || null, { approverIds: currentApprovers() });
      await notify(currentApprovers(), 'urged', current, `urge-${actions.length}`);
      return view();
    },
    {
      validator: (request: UrgeRequest) => {
        requireOpen();
        if (current === null) refuse(DecisionRefusal.notActive, 'No approver is waiting; there is nobody to urge');
        if (currentApprovers().includes(request.actorId)) {
          refuse(DecisionRefusal.invalid, 'The task is yours; there is nobody else to urge');
        }
        const next = lastUrgedAt + URGE_INTERVAL_MS;
        if (Date.now() < next) {
          refuse(
            DecisionRefusal.tooSoon,
            `This case was urged less than an hour ago; urge again after ${new Date(next).toISOString()}`,
          );
        }
      },
    },
  );
  setHandler(
    commentUpdate,
    async (request: CommentRequest) => {
      await record('comment', request, request.comment.trim(), {});
      return view();
    },
    {
      validator: (request: CommentRequest) => {
        requireOpen();
        if (!request.comment?.trim()) refuse(DecisionRefusal.invalid, 'comment must not be empty');
      },
    },
  );
  setHandler(
    attachUpdate,
    async (request: AttachRequest) => {
      // Only the reference: the bytes stay in the attachments table, outside history.
      const { attachmentId, name, contentType, sizeBytes, sha256 } = request;
      await record('attach', request, request.comment?.trim() || null, {
        attachmentId,
        name,
        contentType,
        sizeBytes,
        sha256,
      });
      return view();
    },
    {
      validator: (request: AttachRequest) => {
        requireOpen();
        if (!request.attachmentId || !request.name || !/^[0-9a-f]{64}$/.test(request.sha256 ?? '')) {
          refuse(DecisionRefusal.invalid, 'An attachment needs an id, a name and a hex SHA-256');
        }
        if (!Number.isInteger(request.sizeBytes) || request.sizeBytes <= 0) {
          refuse(DecisionRefusal.invalid, `sizeBytes must be a positive integer, got ${request.sizeBytes}`);
        }
      },
    },
  );

  // --- Public notice (公示), change 6 ------------------------------------------------------------------------
  function inNotice(): boolean {
    return notice !== null && !noticeClosing && (status === 'in_notice' || status === 'under_review');
  }

  setHandler(
    lodgeObjectionUpdate,
    (request: ObjectionRequest) =>
      enqueue({ kind: 'object', seq: ++accepted, request: { ...request, reason: request.reason.trim() } }),
    {
      validator: (request: ObjectionRequest) => {
        requireOpen();
        if (!inNotice()) {
          refuse(
            DecisionRefusal.notInNotice,
            `Application ${input.applicationId} is not in its public notice (status ${status}); objections are taken only during the notice`,
          );
        }
        if (request.actorId === input.applicantUserId) {
          refuse(DecisionRefusal.invalid, 'The applicant cannot object to their own case (withdraw it instead)');
        }
        const reason = typeof request.reason === 'string' ? request.reason.trim() : '';
        if (reason.length < 5 || reason.length > 2000) {
          refuse(DecisionRefusal.invalid, `reason must be 5 to 2000 characters, got ${reason.length}`);
        }
        const earlier = notice!.objections.find((o) => o.objectorId === request.actorId);
        if (earlier || inbox.some((a) => a.kind === 'object' && a.request.actorId === request.actorId)) {
          refuse(
            DecisionRefusal.alreadyObjected,
            `You already lodged an objection to this case${earlier ? ` on ${earlier.lodgedAt}` : ''}`,
          );
        }
        if (inbox.length > 0) refuse(DecisionRefusal.inProgress, 'Another action is being recorded; try again');
      },
    },
  );
  setHandler(
    reviewObjectionUpdate,
    (request: ObjectionReviewRequest) =>
      enqueue({ kind: 'review', seq: ++accepted, request: { ...request, comment: request.comment.trim() } }),
    {
      validator: (request: ObjectionReviewRequest) => {
        requireOpen();
        const reviewers = input.notice?.reviewerIds ?? [];
        if (!reviewers.includes(request.actorId) && request.administrator !== true) {
          refuse(
            DecisionRefusal.notReviewer,
            'Only the objection reviewers of this case (the city federation aid office) may review its objections',
          );
        }
        if (!inNotice() || status !== 'under_review') {
          refuse(DecisionRefusal.noOpenObjection, `Application ${input.applicationId} has no objection under review`);
        }
        // Four-eyes: whoever lodged an objection to the case does not decide it, administrators included.
        if (notice!.objections.some((o) => o.objectorId === request.actorId)) {
          refuse(DecisionRefusal.invalid, 'You lodged an objection to this case; another reviewer decides it');
        }
        if (request.outcome !== 'uphold' && request.outcome !== 'dismiss') {
          refuse(DecisionRefusal.invalid, `outcome must be uphold or dismiss, got ${String(request.outcome)}`);
        }
        const comment = typeof request.comment === 'string' ? request.comment.trim() : '';
        if (comment.length < 1 || comment.length > 2000) {
          refuse(DecisionRefusal.invalid, 'A review needs a comment (1 to 2000 characters) giving its reasons');
        }
        if (inbox.length > 0) refuse(DecisionRefusal.inProgress, 'Another action is being recorded; try again');
      },
    },
  );

  /**
   * Lists the case publicly until the window closes on the business calendar. An objection moves it under review;
   * the reviewers dismiss (clear for payment at once) or uphold (rejected). The applicant may withdraw meanwhile.
   */
  async function runNotice(config: NoticeConfig, amountFen: number): Promise<NoticeOutcome> {
    const opened = await acts.openPublicNotice({
      applicationId: input.applicationId,
      openedAt: now(),
      window: config.window,
      amountFen,
    }); // also moves the projection to in_notice, in one transaction
    notice = { openedAt: opened.openedAt, closesAt: opened.closesAt, objections: [] };
    if (opened.provisionalYears?.length && patched(PROVISIONAL_CALENDAR_PATCH)) {
      notice.provisionalCalendarYears = opened.provisionalYears;
      await recordProvisional('The public notice closes', opened.closesAt, opened.provisionalYears);
    }
    markStatus('in_notice');
    settled = processed; // the final approver is answered now, not when the notice ends
    let reviewRound = 0;
    for (;;) {
      if (status === 'in_notice') {
        const arrived = await condition(() => inbox.length > 0, msUntil(notice.closesAt));
        if (!arrived) {
          noticeClosing = true;
          await acts.closePublicNotice({ applicationId: input.applicationId, outcome: 'closed_clean' });
          return { kind: 'clear' };
        }
      } else {
        await condition(() => inbox.length > 0);
      }
      processed++;
      const action = inbox.shift()!;
      switch (action.kind) {
        case 'object': {
          if (status === 'in_notice') reviewRound++;
          const r = action.request;
          const lodged = await acts.recordObjection({
            applicationId: input.applicationId,
            objectorId: r.actorId,
            reason: r.reason,
            reviewerIds: config.reviewerIds,
            round: reviewRound,
          }); // objection, review task and the under_review projection, in one transaction
          notice.objections.push({ ...lodged, objectorId: r.actorId, status: 'open' });
          markStatus('under_review');
          settled = processed;
          await notify(config.reviewerIds, 'objection_lodged', null, `objection-${notice.objections.length}`);
          break;
        }
        case 'review': {
          const r = action.request;
          noticeClosing = true;
          await acts.recordObjectionReview({
            applicationId: input.applicationId,
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
          await acts.closePublicNotice({ applicationId: input.applicationId, outcome: 'cleared' });
          settled = processed; // the reviewer is answered now; payment follows
          return { kind: 'clear' };
        }
        case 'withdraw':
          noticeClosing = true;
          return { kind: 'withdrawn', actor: action.actor, comment: action.comment };
        case 'decide':
        case 'return':
        case 'resubmit':
          settled = processed; // cannot happen during the notice (their validators refuse)
          break;
      }
    }
  }

  // --- Side effects ------------------------------------------------------------------------------------------
  /** On the trail: a date was computed on a provisional business calendar (no official holiday notice loaded). */
  async function recordProvisional(what: string, at: string, years: number[]): Promise<void> {
    await record(
      'calendar',
      SYSTEM,
      `${what} ${at}, computed on a provisional business calendar for ${years.join(', ')} (the statutory ` +
        'holidays without the State Council notice, which may move the date)',
      { provisional: true, provisionalYears: years, at },
    );
  }

  function markStatus(next: ApplicationStatus, reason: string | null = null): void {
    status = next;
    outcomeReason = reason;
    upsertSearchAttributes([
      { key: AID_STATUS, value: next },
      ...(current ? [{ key: AID_LEVEL, value: current.def.level }] : []),
    ]);
  }

  async function setStatus(next: ApplicationStatus, reason: string | null = null): Promise<void> {
    markStatus(next, reason);
    await acts.updateApplicationStatus({
      applicationId: input.applicationId,
      status: next,
      currentLevel: current?.def.level ?? null,
      reason,
    });
  }

  async function notifyApplicant(event: NotificationEvent, occurrence?: string): Promise<void> {
    try {
      await notifications.sendNotification({
        applicationId: input.applicationId,
        event,
        recipientUserId: input.applicantUserId,
        ...(occurrence ? { occurrence } : {}),
      });
    } catch (err) {
      log.warn('Notification failed permanently; the approval goes on', { event, error: String(err) });
    }
  }

  async function notifyApprovers(
    userIds: readonly string[],
    event: NotificationEvent,
    level: LevelState | null,
    occurrence?: string,
  ): Promise<void> {
    for (const userId of userIds) {
      await notifications
        .sendNotification({
          applicationId: input.applicationId,
          event,
          recipientUserId: userId,
          ...(level ? { level: level.def.level } : {}),
          ...(occurrence ? { occurrence } : level && level.round > 1 ? { occurrence: `round-${level.round}` } : {}),
        })
        .catch((err: unknown) => log.warn('Notification failed permanently', { event, error: String(err) }));
    }
  }

  /** Notifications still in flight; the case completes only once they are settled (sent or given up). */
  const background: Array<Promise<void>> = [];
  let nonBlocking: boolean | null = null;

  /**
   * Change 3: approvers' notifications run in the background, so a mail or SMS outage (retried for a day) never
   * holds up the next step or an approver's request. Histories recorded before the change replay as they ran.
   */
  function notify(
    userIds: readonly string[],
    event: NotificationEvent,
    level: LevelState | null,
    occurrence?: string,
  ): Promise<void> {
    nonBlocking ??= patched(NON_BLOCKING_NOTICES_PATCH);
    const sent = notifyApprovers(userIds, event, level, occurrence);
    if (!nonBlocking) return sent;
    background.push(inBackground(sent));
    return Promise.resolve();
  }

  /** Counts a notification in flight until it settles (`notifyApplicant` and `notifyApprovers` never reject). */
  function inBackground(notice: Promise<void>): Promise<void> {
    sending++;
    return notice.finally(() => {
      sending--;
    });
  }

  /** Change 8, asked at the first wait: runs recorded before it never continue as new. */
  let mayContinue: boolean | null = null;
  const longHistory = (): boolean => {
    const info = workflowInfo();
    return (
      info.continueAsNewSuggested ||
      info.historyLength >= CONTINUE_AS_NEW_AFTER_EVENTS ||
      info.historySize >= CONTINUE_AS_NEW_AFTER_BYTES
    );
  };

  /**
   * Waits until a flow action is queued (true) or the time `until` passes (false; no `until`: no time limit). Change
   * 8: when the history grows long meanwhile (comments, urges, returns), the case continues as a new run carrying
   * the state of `position`, as soon as nothing is in flight; an action that arrives first is taken as usual.
   */
  async function waitForAction(position: () => CarriedPosition, until?: string | null): Promise<boolean> {
    mayContinue ??= patched(CONTINUE_AS_NEW_PATCH);
    if (!mayContinue) {
      if (until === undefined) return condition(() => inbox.length > 0).then(() => true);
      return condition(() => inbox.length > 0, msUntil(until));
    }
    for (;;) {
      if (inbox.length > 0) return true;
      if (longHistory()) {
        await continueAsNewWhenQuiet(position); // returns only when an action arrived first
        continue;
      }
      const woke =
        until === undefined
          ? await condition(() => inbox.length > 0 || longHistory()).then(() => true)
          : await condition(() => inbox.length > 0 || longHistory(), msUntil(until));
      if (!woke) return false;
    }
  }

  async function continueAsNewWhenQuiet(position: () => CarriedPosition): Promise<void> {
    await condition(() => inbox.length > 0 || (sending === 0 && allHandlersFinished()));
    if (inbox.length > 0) return;
    const next: CarriedCase = {
      run: (carried?.run ?? 1) + 1,
      at: position(),
      status,
      eligibility,
      outcomeReason,
      facts,
      category,
      requestedAmountFen,
      decisions,
      actions,
      rounds: [...rounds.entries()],
      lastUrgedAt: Number.isFinite(lastUrgedAt) ? lastUrgedAt : null,
    };
    log.info('Continuing as a new run', { applicationId: input.applicationId, run: next.run, at: next.at.kind });
    await continueAsNew<typeof applicationWorkflow>({ ...input, carried: next });
  }

  /** Points the level's open task at the active group (after a transfer, 加签, escalation). */
  async function reassign(level: LevelState, reason: string): Promise<void> {
    await acts.reassignTask({
      applicationId: input.applicationId,
      level: level.def.level,
      round: level.round,
      assigneeIds: level.groups[level.active].ids,
      reason,
    });
  }

  async function finish(
    outcome: ApplicationStatus,
    reason: string | null,
    event: NotificationEvent | null,
  ): Promise<ApplicationOutcome> {
    current = null;
    await setStatus(outcome, reason);
    settled = processed;
    await receipt;
    await Promise.all(background);
    if (event) await notifyApplicant(event);
    await condition(allHandlersFinished);
    return {
      status: outcome,
      grantedAmountFen: outcome === 'approved' ? (eligibility?.grantedAmountFen ?? 0) : 0,
      reason,
    };
  }

  // --- One level ---------------------------------------------------------------------------------------------
  async function openLevel(def: RouteLevel): Promise<LevelState> {
    const round = (rounds.get(def.level) ?? 0) + 1;
    rounds.set(def.level, round);
    let approverIds = [...def.approverIds];
    let assignment = def.assignment ?? [];
    // Change 2: an approver away when the task arrives is replaced by their delegate; the record names both.
    const delegated = patched(ABSENCE_DELEGATION_PATCH)
      ? await acts.resolveDelegates({ applicationId: input.applicationId, approverIds, at: now() })
      : null;
    if (delegated && delegated.delegations.length > 0) {
      approverIds = delegated.assigneeIds;
      assignment = [...assignment, ...delegated.delegations.map((d) => d.note)];
    }
    const level: LevelState = {
      def: { ...def, approverIds },
      round,
      groups: [{ ids: [...approverIds], mode: def.mode ?? 'any', approvedBy: [] }],
      active: 0,
    };
    current = level;
    for (const d of delegated?.delegations ?? []) {
      await record('delegate', SYSTEM, d.note, { fromUserId: d.fromUserId, toUserId: d.toUserId, until: d.until });
    }
    await acts.openTask({
      applicationId: input.applicationId,
      level: def.level,
      levelName: def.name,
      orgUnitId: def.orgUnitId,
      assigneeIds: approverIds,
      ...(round > 1 ? { round } : {}),
      ...(assignment.length ? { assignment } : {}),
    }); // also moves the projection to pending_approval at this level, in one transaction
    markStatus('pending_approval');
    settled = processed;
    await notify(approverIds, 'task_assigned', level);
    return level;
  }

  /** Waits for the next flow action; with an SLA, reminds and applies the deadline action when time runs out. */
  async function nextAction(level: LevelState, deadline: Deadline | null): Promise<FlowAction> {
    const here = (): CarriedPosition => ({ kind: 'level', index, level, deadline });
    if (deadline) {
      if (deadline.remindAt && !deadline.reminded) {
        const arrived = await waitForAction(here, deadline.remindAt);
        if (!arrived) {
          deadline.reminded = true;
          await record('reminder', SYSTEM, null, { dueAt: deadline.dueAt, approverIds: currentApprovers() });
          await notify(currentApprovers(), 'deadline_reminder', level, `remind-r${level.round}`);
        }
      }
      if (inbox.length === 0 && !deadline.handled) {
        const arrived = await waitForAction(here, deadline.dueAt);
        if (!arrived) {
          deadline.handled = true;
          const synthetic = await onDeadline(level, deadline);
          if (synthetic) return synthetic;
        }
      }
    }
    await waitForAction(here);
    processed++;
    return inbox.shift()!;
  }

  async function onDeadline(level: LevelState, deadline: Deadline): Promise<FlowAction | null> {
    const sla = level.def.sla!;
    const note = `deadline ${deadline.dueAt} passed`;
    switch (sla.onDue) {
      case 'remind':
        await record('reminder', SYSTEM, note, { approverIds: currentApprovers(), overdue: true });
        await notify(currentApprovers(), 'urged', level, `overdue-r${level.round}`);
        return null;
      case 'escalate': {
        const to = sla.escalateToIds ?? [];
        if (to.length === 0) {
          await record('reminder', SYSTEM, `${note}; nobody to escalate to`, { overdue: true });
          await notify(currentApprovers(), 'urged', level, `overdue-r${level.round}`);
          return null;
        }
        const group = level.groups[level.active];
        const from = group.ids;
        group.ids = [...to];
        await record('escalate', SYSTEM, note, { fromUserIds: from, toUserIds: to });
        await reassign(level, `escalated after the deadline (${deadline.dueAt})`);
        await notify(to, 'task_assigned', level, `escalated-r${level.round}`);
        return null;
      }
      case 'auto_approve':
      case 'auto_reject': {
        await record(sla.onDue, SYSTEM, note, {});
        const decision: DecisionRecord = {
          level: level.def.level,
          ...(level.round > 1 ? { round: level.round } : {}),
          levelName: level.def.name,
          orgUnitId: level.def.orgUnitId,
          actorId: SYSTEM_ACTOR_ID,
          actorName: SYSTEM.actorName,
          decision: sla.onDue === 'auto_approve' ? 'approve' : 'reject',
          comment: `automatic after the deadline (${deadline.dueAt})`,
          decidedAt: now(),
        };
        // Completes the level whatever mode it has: the deadline decides for everyone still pending.
        level.groups.splice(level.active + 1);
        return { kind: 'decide', seq: accepted, decision };
      }
      case 'return':
        return { kind: 'return', seq: accepted, actor: SYSTEM, comment: `Returned: ${note}`, toLevel: 0 };
    }
  }

  /** Runs one level: opens its task (or, in a continued run, picks up the one carried over) and waits for it. */
  async function runLevel(
    def: RouteLevel,
    resumed: { level: LevelState; deadline: Deadline | null } | null = null,
  ): Promise<LevelOutcome> {
    const level = resumed ? (current = resumed.level) : await openLevel(def);
    let deadline: Deadline | null = resumed?.deadline ?? null;
    if (def.sla && !resumed) {
      try {
        const plan = await acts.planDeadline({
          applicationId: input.applicationId,
          level: def.level,
          round: level.round,
          openedAt: now(),
          sla: def.sla,
        });
        deadline = { remindAt: plan.remindAt, dueAt: plan.dueAt, reminded: false, handled: false };
        if (plan.provisionalYears?.length && patched(PROVISIONAL_CALENDAR_PATCH)) {
          await recordProvisional(`Level ${def.level} is due`, plan.dueAt, plan.provisionalYears);
        }
      } catch (err) {
        // No business calendar for the year: say so on the record and wait without a deadline (never guess one).
        const message = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
        await record('reminder', SYSTEM, `No deadline for this level: ${message}`, { deadline: null });
      }
    }
    for (;;) {
      const action = await nextAction(level, deadline);
      switch (action.kind) {
        case 'decide': {
          const decision = action.decision;
          const group = level.groups[level.active];
          const approving = decision.decision === 'approve';
          const groupDone =
            !approving ||
            group.mode === 'any' ||
            decision.actorId === SYSTEM_ACTOR_ID ||
            group.ids.every((id) => id === decision.actorId || group.approvedBy.includes(id));
          const levelDone = !approving || (groupDone && level.active + 1 >= level.groups.length);
          await acts.recordDecision({
            applicationId: input.applicationId,
            decision,
            ...(levelDone ? {} : { levelContinues: true }),
          });
          decisions.push(decision);
          if (!approving) return { kind: 'rejected', decision };
          group.approvedBy.push(decision.actorId);
          if (levelDone) return { kind: 'approved' };
          if (groupDone) {
            level.active++;
            await reassign(level, 'next approver at this level (加签)');
            await notify(level.groups[level.active].ids, 'task_assigned', level, `group-${level.active}`);
          }
          settled = processed;
          break;
        }
        case 'return':
          return { kind: 'returned', toLevel: action.toLevel, actor: action.actor, comment: action.comment };
        case 'withdraw':
          return { kind: 'withdrawn', actor: action.actor, comment: action.comment };
        case 'resubmit':
        case 'object':
        case 'review':
          settled = processed; // cannot happen while a level is open (the validator refuses it)
          break;
      }
    }
  }

  /** The case waits with the applicant: resubmitted with new facts (every level decides again) or withdrawn. */
  async function awaitApplicant(): Promise<'resubmitted' | 'withdrawn'> {
    for (;;) {
      await waitForAction(() => ({ kind: 'applicant' }));
      processed++;
      const action = inbox.shift()!;
      if (action.kind === 'withdraw') {
        await record('withdraw', action.actor, action.comment, {});
        return 'withdrawn';
      }
      if (action.kind === 'resubmit') {
        const r = action.request;
        facts = r.facts;
        category = r.category;
        requestedAmountFen = r.requestedAmountFen;
        await record('resubmit', r, r.comment?.trim() || null, {});
        eligibility = assessApplication(input.programCode, facts, category, requestedAmountFen, input.standard);
        await acts.recordResubmission({
          applicationId: input.applicationId,
          seq: actions.length,
          facts,
          category,
          requestedAmountFen,
          assessment: eligibility,
        });
        // Change 4: answer once level 1 is open again (openLevel settles), not before.
        if (!patched(ANSWER_AFTER_REOPEN_PATCH)) settled = processed;
        return 'resubmitted';
      }
      settled = processed;
    }
  }

  // --- The case ----------------------------------------------------------------------------------------------
  upsertSearchAttributes([
    { key: AID_PROGRAM, value: input.programCode },
    { key: AID_ORG_UNIT, value: input.orgUnitId },
    { key: AID_STATUS, value: status },
    ...(current ? [{ key: AID_LEVEL, value: current.def.level }] : []),
  ]);

  /** The eligibility in force: assessed at submission, or again on a resubmission. */
  const assessed = (): Assessment => eligibility!;
  const refusal = (): string => assessed().reasons[assessed().reasons.length - 1] ?? 'ineligible';

  /** The case is with the applicant: resubmitted (every level decides again), withdrawn, or refused on new facts. */
  async function backFromApplicant(): Promise<ApplicationOutcome | null> {
    if ((await awaitApplicant()) === 'withdrawn') return finish('withdrawn', 'Withdrawn by the applicant', null);
    if (!assessed().eligible) return finish('refused', refusal(), 'refused');
    index = 0; // levels that had approved decide again
    return null;
  }

  // 1. Eligibility, from the standard pinned at submission (a continued run carries it).
  if (!carried) {
    eligibility = assessApplication(input.programCode, facts, category, requestedAmountFen, input.standard);
    await acts.recordEligibility({ applicationId: input.applicationId, assessment: eligibility });
    if (!eligibility.eligible) return finish('refused', refusal(), 'refused');
  }

  // Tell the applicant the case was accepted and is with the approvers, while level 1 opens (never delaying it).
  // Added after cases were already running: `patched` keeps histories recorded without this step
  // (test/fixtures/histories/v1-initial) replaying as they ran.
  if (!carried && patched(RECEIPT_NOTICE_PATCH)) receipt = inBackground(notifyApplicant('received'));

  // 2. Approval levels, in order; a return goes back to the applicant or an earlier level.
  let resumed = carried?.at.kind === 'level' ? carried.at : null;
  if (carried?.at.kind === 'applicant') {
    const ended = await backFromApplicant();
    if (ended) return ended;
  }
  while (index < input.route.length) {
    const outcome = await runLevel(input.route[index], resumed);
    resumed = null;
    if (outcome.kind === 'approved') {
      index++;
      continue;
    }
    if (outcome.kind === 'rejected') {
      const d = outcome.decision;
      return finish(
        'rejected',
        `Rejected at level ${d.level} (${input.route[index].title}) by ${d.actorName}`,
        'rejected',
      );
    }
    if (outcome.kind === 'withdrawn') {
      await record('withdraw', outcome.actor, outcome.comment, {});
      await acts.closeOpenTasks({ applicationId: input.applicationId, reason: 'withdrawn' });
      const approvers = currentApprovers();
      await notify(approvers, 'withdrawn', current);
      return finish('withdrawn', `Withdrawn by the applicant${outcome.comment ? `: ${outcome.comment}` : ''}`, null);
    }
    // Returned.
    await record('return', outcome.actor, outcome.comment, { toLevel: outcome.toLevel });
    await acts.closeOpenTasks({ applicationId: input.applicationId, reason: 'returned' });
    if (outcome.toLevel > 0) {
      index = input.route.findIndex((l) => l.level === outcome.toLevel);
      // Change 4: answer once that level is open again (openLevel settles), not before.
      if (!patched(ANSWER_AFTER_REOPEN_PATCH)) settled = processed;
      continue;
    }
    current = null;
    await setStatus('returned', outcome.comment);
    settled = processed;
    await notifyApplicant('returned', `return-${actions.length}`);
    const ended = await backFromApplicant();
    if (ended) return ended;
  }

  // 3. Money: reserve from the program's yearly envelope, then record the disbursement for finance.
  current = null;
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
      return finish('budget_exhausted', (err as { cause: Error }).cause.message, 'budget_exhausted');
    }
    throw err;
  }
  // Change 6: the public notice (公示) before payment, for cases submitted with one.
  if (input.notice && patched(PUBLIC_NOTICE_PATCH)) {
    const noticed = await runNotice(input.notice, assessed().grantedAmountFen);
    if (noticed.kind === 'upheld') {
      await acts.releaseBudget({ applicationId: input.applicationId, reason: 'objection upheld' });
      await acts.closePublicNotice({ applicationId: input.applicationId, outcome: 'upheld' });
      return finish('rejected', `Objection upheld: ${noticed.comment}`, 'rejected');
    }
    if (noticed.kind === 'withdrawn') {
      await record('withdraw', noticed.actor, noticed.comment, {});
      await acts.releaseBudget({ applicationId: input.applicationId, reason: 'withdrawn' });
      await acts.closePublicNotice({ applicationId: input.applicationId, outcome: 'withdrawn' });
      await acts.closeOpenTasks({ applicationId: input.applicationId, reason: 'withdrawn' });
      return finish('withdrawn', `Withdrawn by the applicant${noticed.comment ? `: ${noticed.comment}` : ''}`, null);
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
  return finish('approved', null, 'approved');
}

interface Deadline {
  remindAt: string | null;
  dueAt: string;
  reminded: boolean;
  handled: boolean;
}

const SYSTEM: Actor = { actorId: SYSTEM_ACTOR_ID, actorName: '系统 system' };

function msUntil(iso: string | null): number {
  return iso === null ? 0 : Math.max(0, Date.parse(iso) - Date.now());
}
