import { setHandler } from '@temporalio/workflow';
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
} from '../messages';
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
import { acts } from './activities';
import { notify, reassign, record } from './effects';
import { enqueue } from './flow';
import type { CaseState, Group } from './state';
import { currentApprovers, now, view } from './state';
import * as validate from './validators';

/**
 * The Query and the Updates of a case. Flow actions (decide, return, resubmit, withdraw, objections) are queued for
 * the main loop and answered once their effects are written; the others (transfer, 加签, copy, urge, comment,
 * attach) act at once. Every Update has a pure validator (validators.ts) that refuses before the history.
 */
export function registerHandlers(c: CaseState): void {
  setHandler(statusQuery, () => view(c));
  setHandler(
    decideUpdate,
    (request: DecisionRequest) => {
      const level = c.current!;
      return enqueue(c, {
        kind: 'decide',
        seq: ++c.accepted,
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
    { validator: (request: DecisionRequest) => validate.validateDecide(c, request) },
  );
  setHandler(
    returnUpdate,
    (request: ReturnRequest) =>
      enqueue(c, {
        kind: 'return',
        seq: ++c.accepted,
        actor: request,
        comment: request.comment.trim(),
        toLevel: request.toLevel ?? 0,
      }),
    { validator: (request: ReturnRequest) => validate.validateReturn(c, request) },
  );
  setHandler(
    resubmitUpdate,
    (request: ResubmitRequest) => enqueue(c, { kind: 'resubmit', seq: ++c.accepted, request }),
    { validator: (request: ResubmitRequest) => validate.validateResubmit(c, request) },
  );
  setHandler(
    withdrawUpdate,
    (request: WithdrawRequest) =>
      enqueue(c, { kind: 'withdraw', seq: ++c.accepted, actor: request, comment: request.comment?.trim() || null }),
    { validator: (request: WithdrawRequest) => validate.validateWithdraw(c, request) },
  );
  setHandler(
    transferUpdate,
    async (request: TransferRequest) => {
      const level = c.current!;
      const group = level.groups[level.active];
      group.ids = group.ids.map((id) => (id === request.actorId ? request.toUserId : id));
      await record(c, 'transfer', request, request.comment?.trim() || null, {
        fromUserId: request.actorId,
        toUserId: request.toUserId,
        toUserName: request.toUserName,
      });
      await reassign(c, level, `transferred by ${request.actorName} to ${request.toUserName}`);
      await notify(c, [request.toUserId], 'task_assigned', level);
      return view(c);
    },
    { validator: (request: TransferRequest) => validate.validateTransfer(c, request) },
  );
  setHandler(
    addApproverUpdate,
    async (request: AddApproverRequest) => {
      const level = c.current!;
      const added: Group = { ids: [request.userId], mode: 'any', approvedBy: [] };
      level.groups.splice(request.position === 'before' ? level.active : level.active + 1, 0, added);
      await record(c, 'add_approver', request, request.comment?.trim() || null, {
        userId: request.userId,
        userName: request.userName,
        position: request.position,
      });
      if (request.position === 'before') {
        await reassign(c, level, `${request.userName} added before ${request.actorName} by ${request.actorName}`);
        await notify(c, [request.userId], 'task_assigned', level);
      }
      return view(c);
    },
    { validator: (request: AddApproverRequest) => validate.validateAddApprover(c, request) },
  );
  setHandler(
    copyUpdate,
    async (request: CopyRequest) => {
      await record(c, 'copy', request, request.comment?.trim() || null, { userIds: request.userIds });
      await acts.addWatchers({ applicationId: c.input.applicationId, userIds: request.userIds });
      await notify(c, request.userIds, 'copied', c.current, `copy-${c.actions.length}`);
      return view(c);
    },
    { validator: (request: CopyRequest) => validate.validateCopy(c, request) },
  );
  setHandler(
    urgeUpdate,
    async (request: UrgeRequest) => {
      c.lastUrgedAt = Date.now();
      await record(c, 'urge', request, request.comment?.trim() || null, { approverIds: currentApprovers(c) });
      await notify(c, currentApprovers(c), 'urged', c.current, `urge-${c.actions.length}`);
      return view(c);
    },
    { validator: (request: UrgeRequest) => validate.validateUrge(c, request, Date.now()) },
  );
  setHandler(
    commentUpdate,
    async (request: CommentRequest) => {
      await record(c, 'comment', request, request.comment.trim(), {});
      return view(c);
    },
    { validator: (request: CommentRequest) => validate.validateComment(c, request) },
  );
  setHandler(
    attachUpdate,
    async (request: AttachRequest) => {
      // Only the reference: the bytes stay in the attachments table, outside history.
      const { attachmentId, name, contentType, sizeBytes, sha256 } = request;
      await record(c, 'attach', request, request.comment?.trim() || null, {
        attachmentId,
        name,
        contentType,
        sizeBytes,
        sha256,
      });
      return view(c);
    },
    { validator: (request: AttachRequest) => validate.validateAttach(c, request) },
  );
  setHandler(
    lodgeObjectionUpdate,
    (request: ObjectionRequest) =>
      enqueue(c, { kind: 'object', seq: ++c.accepted, request: { ...request, reason: request.reason.trim() } }),
    { validator: (request: ObjectionRequest) => validate.validateObjection(c, request) },
  );
  setHandler(
    reviewObjectionUpdate,
    (request: ObjectionReviewRequest) =>
      enqueue(c, { kind: 'review', seq: ++c.accepted, request: { ...request, comment: request.comment.trim() } }),
    { validator: (request: ObjectionReviewRequest) => validate.validateReview(c, request) },
  );
}
