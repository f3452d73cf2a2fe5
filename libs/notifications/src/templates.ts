import type { NotificationEvent } from '../../../workflows/types';

export interface TemplateVars {
  applicationId: string;
  programName: string;
  recipientName: string;
  amountYuan: string;
  level?: number;
  reason?: string | null;
  link: string;
}

interface Rendered {
  subject: string;
  text: string;
}

/** Chinese first (the default language of the users), English below it. */
export function renderNotification(event: NotificationEvent, v: TemplateVars): Rendered {
  const ref = v.applicationId.slice(0, 8);
  const footer = `\n\n查看 / View: ${v.link}\n-- aidflow 帮扶审批`;
  switch (event) {
    case 'received':
      return {
        subject: `[已受理] 您的${v.programName}申请 ${ref} / Received`,
        text:
          `${v.recipientName}，您好：\n您的${v.programName}申请 ${ref}（核定金额 ${v.amountYuan} 元）已通过资格审核并受理，现进入逐级审批，结果将另行通知。` +
          `\n\nDear ${v.recipientName}, your application ${ref} (${v.amountYuan} CNY) passed the eligibility check and is now with the approvers; we will tell you the outcome.` +
          footer,
      };
    case 'task_assigned':
      return {
        subject: `[待审批] ${v.programName} 申请 ${ref} / Approval needed`,
        text:
          `${v.recipientName}，您好：\n${v.programName}申请 ${ref}（金额 ${v.amountYuan} 元）已到达第 ${v.level} 级审批，请及时处理。` +
          `\n\nDear ${v.recipientName}, application ${ref} (${v.amountYuan} CNY) is waiting for your decision at level ${v.level}.` +
          footer,
      };
    case 'urged':
      return {
        subject: `[催办] ${v.programName} 申请 ${ref} / Reminder from the applicant's side`,
        text:
          `${v.recipientName}，您好：\n${v.programName}申请 ${ref}（金额 ${v.amountYuan} 元）在第 ${v.level} 级等待您审批，已被催办，请尽快处理。` +
          `\n\nDear ${v.recipientName}, application ${ref} (${v.amountYuan} CNY) at level ${v.level} is waiting for you; someone asked to speed it up.` +
          footer,
      };
    case 'deadline_reminder':
      return {
        subject: `[即将超时] ${v.programName} 申请 ${ref} / Deadline approaching`,
        text:
          `${v.recipientName}，您好：\n${v.programName}申请 ${ref} 第 ${v.level} 级审批即将到期${v.reason ? `（${v.reason}）` : ''}，请及时处理。` +
          `\n\nDear ${v.recipientName}, the level ${v.level} decision on application ${ref} is due soon${v.reason ? ` (${v.reason})` : ''}.` +
          footer,
      };
    case 'copied':
      return {
        subject: `[抄送] ${v.programName} 申请 ${ref} / For your information`,
        text:
          `${v.recipientName}，您好：\n${v.programName}申请 ${ref}（金额 ${v.amountYuan} 元）已抄送给您，您可以查看，无需审批。` +
          `\n\nDear ${v.recipientName}, application ${ref} (${v.amountYuan} CNY) was copied to you for information; no decision is needed.` +
          footer,
      };
    case 'returned':
      return {
        subject: `[退回] ${v.programName} 申请 ${ref} / Returned`,
        text:
          `${v.recipientName}，您好：\n${v.programName}申请 ${ref} 已被退回。说明：${v.reason ?? '-'}` +
          `\n\nDear ${v.recipientName}, application ${ref} was returned. Note: ${v.reason ?? '-'}` +
          footer,
      };
    case 'withdrawn':
      return {
        subject: `[已撤回] ${v.programName} 申请 ${ref} / Withdrawn`,
        text:
          `${v.recipientName}，您好：\n${v.programName}申请 ${ref} 已由申请人撤回，相关待办已关闭。` +
          `\n\nDear ${v.recipientName}, application ${ref} was withdrawn by the applicant; its open tasks are closed.` +
          footer,
      };
    case 'approved':
      return {
        subject: `[已批准] 您的${v.programName}申请 ${ref} / Approved`,
        text:
          `${v.recipientName}，您好：\n您的${v.programName}申请 ${ref} 已通过审批，核定金额 ${v.amountYuan} 元，财务将按规定拨付。` +
          `\n\nDear ${v.recipientName}, your application ${ref} was approved for ${v.amountYuan} CNY; finance will pay it.` +
          footer,
      };
    case 'rejected':
      return {
        subject: `[未通过] 您的${v.programName}申请 ${ref} / Rejected`,
        text:
          `${v.recipientName}，您好：\n很遗憾，您的${v.programName}申请 ${ref} 未通过审批。原因：${v.reason ?? '-'}` +
          `\n\nDear ${v.recipientName}, your application ${ref} was rejected. Reason: ${v.reason ?? '-'}` +
          footer,
      };
    case 'refused':
      return {
        subject: `[不符合条件] 您的${v.programName}申请 ${ref} / Not eligible`,
        text:
          `${v.recipientName}，您好：\n您的${v.programName}申请 ${ref} 不符合帮扶条件。原因：${v.reason ?? '-'}` +
          `\n\nDear ${v.recipientName}, your application ${ref} is not eligible. Reason: ${v.reason ?? '-'}` +
          footer,
      };
    case 'budget_exhausted':
      return {
        subject: `[预算不足] 您的${v.programName}申请 ${ref} / Budget exhausted`,
        text:
          `${v.recipientName}，您好：\n您的${v.programName}申请 ${ref} 已通过审批，但本年度预算已用完，帮扶中心将与您联系。原因：${v.reason ?? '-'}` +
          `\n\nDear ${v.recipientName}, your application ${ref} was approved but this year's budget is exhausted; the aid office will contact you.` +
          footer,
      };
  }
}
