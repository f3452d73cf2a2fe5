import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type {
  AddApproverRequest,
  ApplicationView,
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
} from './types';

/** A human decision on the current level. Validated before it is written to history. */
export const decideUpdate = defineUpdate<ApplicationView, [DecisionRequest]>('decide');
/** 退回: to the applicant or an earlier level. */
export const returnUpdate = defineUpdate<ApplicationView, [ReturnRequest]>('return');
/** 重新提交: the applicant, after a return, with changed facts; every level decides again. */
export const resubmitUpdate = defineUpdate<ApplicationView, [ResubmitRequest]>('resubmit');
/** 撤回: the applicant, while the case is not final. */
export const withdrawUpdate = defineUpdate<ApplicationView, [WithdrawRequest]>('withdraw');
/** 转交: the current approver hands the task to someone else. */
export const transferUpdate = defineUpdate<ApplicationView, [TransferRequest]>('transfer');
/** 加签: another approver before or after the current one, at this level. */
export const addApproverUpdate = defineUpdate<ApplicationView, [AddApproverRequest]>('addApprover');
/** 抄送: read access and a notification. */
export const copyUpdate = defineUpdate<ApplicationView, [CopyRequest]>('copy');
/** 催办: remind the current approvers, at most once an hour. */
export const urgeUpdate = defineUpdate<ApplicationView, [UrgeRequest]>('urge');
/** 评论: a comment in the trail. */
export const commentUpdate = defineUpdate<ApplicationView, [CommentRequest]>('comment');
/** 附件: a file reference (name, type, size, SHA-256) in the trail; the bytes stay in the attachments table. */
export const attachUpdate = defineUpdate<ApplicationView, [AttachRequest]>('attach');
/** 公示异议: anyone authenticated but the applicant, once per case, while the case is in its public notice. */
export const lodgeObjectionUpdate = defineUpdate<ApplicationView, [ObjectionRequest]>('lodgeObjection');
/** 异议复核: a reviewer upholds (the case is rejected, its money released) or dismisses the open objections. */
export const reviewObjectionUpdate = defineUpdate<ApplicationView, [ObjectionReviewRequest]>('reviewObjection');
export const statusQuery = defineQuery<ApplicationView>('status');

/**
 * The action Updates by the name the API's routes use, so the client passes the definition (its name and types)
 * rather than re-spelling the names: `decide` has its own call (an update id), the Query is read apart.
 */
export const ACTION_UPDATES = {
  return: returnUpdate,
  resubmit: resubmitUpdate,
  withdraw: withdrawUpdate,
  transfer: transferUpdate,
  addApprover: addApproverUpdate,
  copy: copyUpdate,
  urge: urgeUpdate,
  comment: commentUpdate,
  attach: attachUpdate,
  lodgeObjection: lodgeObjectionUpdate,
  reviewObjection: reviewObjectionUpdate,
} as const;

export type ActionUpdateName = keyof typeof ACTION_UPDATES;

/** The request an action Update takes. */
export type ActionRequest<N extends ActionUpdateName> =
  (typeof ACTION_UPDATES)[N] extends UpdateDefinition<ApplicationView, [infer R]> ? R : never;
