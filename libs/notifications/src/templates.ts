import type { Locale } from '@aidflow/org';
import type { NotificationEvent } from '@aidflow/workflows/types';

export interface TemplateVars {
  applicationId: string;
  /** The program's Chinese name (programs.name). */
  programName: string;
  /** The program's English name (programs.name_en); the Chinese one stands in when it is missing. */
  programNameEn?: string;
  recipientName: string;
  amountYuan: string;
  level?: number;
  reason?: string | null;
  link: string;
}

export interface RenderedNotification {
  subject: string;
  /** The email body and the in-app text. */
  text: string;
  /** One line for SMS: at most SMS_MAX_LENGTH[locale] characters, no link, no reason, no name. */
  sms: string;
}

/** One SMS segment: 70 characters in UCS-2 (Chinese), 160 in the GSM 7-bit alphabet (English). */
export const SMS_MAX_LENGTH: Readonly<Record<Locale, number>> = { 'zh-CN': 70, en: 160 };

export const DEFAULT_LOCALE: Locale = 'zh-CN';

interface Ctx {
  v: TemplateVars;
  /** First 8 characters of the application id: enough to find the case, no personal data. */
  ref: string;
  program: string;
}

interface Template {
  subject: (c: Ctx) => string;
  /** The greeting and the footer are added around it. */
  body: (c: Ctx) => string;
  sms: (c: Ctx) => string;
}

const zhLevel = (v: TemplateVars): string => (v.level === undefined ? '' : `第 ${v.level} 级`);
const zhReason = (v: TemplateVars): string => v.reason ?? '-';

/**
 * Chinese, the default. Subjects keep the bracketed Chinese tag first and a short English tag last, as they always
 * had: people and mail filters recognise a notice by them.
 */
const ZH: Record<NotificationEvent, Template> = {
  received: {
    subject: ({ program, ref }) => `[已受理] 您的${program}申请 ${ref} / Received`,
    body: ({ v, program, ref }) =>
      `您的${program}申请 ${ref}（核定金额 ${v.amountYuan} 元）已通过资格审核并受理，现进入逐级审批，结果将另行通知。`,
    sms: ({ v, program, ref }) =>
      `【帮扶审批】您的${program}申请${ref}已受理，核定金额${v.amountYuan}元，正在逐级审批。`,
  },
  task_assigned: {
    subject: ({ program, ref }) => `[待审批] ${program} 申请 ${ref} / Approval needed`,
    body: ({ v, program, ref }) =>
      `${program}申请 ${ref}（金额 ${v.amountYuan} 元）已到达${zhLevel(v) || '您的'}审批环节，请及时处理。`,
    sms: ({ v, program, ref }) =>
      `【帮扶审批】${program}申请${ref}（${v.amountYuan}元）待您${zhLevel(v).replace(/ /g, '')}审批，请登录系统处理。`,
  },
  urged: {
    subject: ({ program, ref }) => `[催办] ${program} 申请 ${ref} / Reminder from the applicant's side`,
    body: ({ v, program, ref }) =>
      `${program}申请 ${ref}（金额 ${v.amountYuan} 元）在${zhLevel(v) || '您的审批环节'}等待您审批，已被催办，请尽快处理。`,
    sms: ({ program, ref }) => `【帮扶审批】${program}申请${ref}等待您审批，已被催办，请尽快处理。`,
  },
  deadline_reminder: {
    subject: ({ program, ref }) => `[即将超时] ${program} 申请 ${ref} / Deadline approaching`,
    body: ({ v, program, ref }) =>
      `${program}申请 ${ref} ${zhLevel(v)}审批即将到期${v.reason ? `（${v.reason}）` : ''}，请及时处理。`,
    sms: ({ program, ref }) => `【帮扶审批】${program}申请${ref}的审批即将到期，请及时处理。`,
  },
  copied: {
    subject: ({ program, ref }) => `[抄送] ${program} 申请 ${ref} / For your information`,
    body: ({ v, program, ref }) => `${program}申请 ${ref}（金额 ${v.amountYuan} 元）已抄送给您，您可以查看，无需审批。`,
    sms: ({ program, ref }) => `【帮扶审批】${program}申请${ref}已抄送给您，仅供查阅，无需审批。`,
  },
  returned: {
    subject: ({ program, ref }) => `[退回] ${program} 申请 ${ref} / Returned`,
    body: ({ v, program, ref }) => `${program}申请 ${ref} 已被退回。说明：${zhReason(v)}`,
    sms: ({ program, ref }) => `【帮扶审批】${program}申请${ref}已被退回，说明请登录系统查看。`,
  },
  withdrawn: {
    subject: ({ program, ref }) => `[已撤回] ${program} 申请 ${ref} / Withdrawn`,
    body: ({ program, ref }) => `${program}申请 ${ref} 已由申请人撤回，相关待办已关闭。`,
    sms: ({ program, ref }) => `【帮扶审批】${program}申请${ref}已由申请人撤回，相关待办已关闭。`,
  },
  approved: {
    subject: ({ program, ref }) => `[已批准] 您的${program}申请 ${ref} / Approved`,
    body: ({ v, program, ref }) =>
      `您的${program}申请 ${ref} 已通过审批，核定金额 ${v.amountYuan} 元，财务将按规定拨付。`,
    sms: ({ v, program, ref }) =>
      `【帮扶审批】您的${program}申请${ref}已批准，金额${v.amountYuan}元，财务将按规定拨付。`,
  },
  rejected: {
    subject: ({ program, ref }) => `[未通过] 您的${program}申请 ${ref} / Rejected`,
    body: ({ v, program, ref }) => `很遗憾，您的${program}申请 ${ref} 未通过审批。原因：${zhReason(v)}`,
    sms: ({ program, ref }) => `【帮扶审批】很遗憾，您的${program}申请${ref}未通过审批，原因请登录系统查看。`,
  },
  refused: {
    subject: ({ program, ref }) => `[不符合条件] 您的${program}申请 ${ref} / Not eligible`,
    body: ({ v, program, ref }) => `您的${program}申请 ${ref} 不符合帮扶条件。原因：${zhReason(v)}`,
    sms: ({ program, ref }) => `【帮扶审批】您的${program}申请${ref}不符合帮扶条件，原因请登录系统查看。`,
  },
  budget_exhausted: {
    subject: ({ program, ref }) => `[预算不足] 您的${program}申请 ${ref} / Budget exhausted`,
    body: ({ v, program, ref }) =>
      `您的${program}申请 ${ref} 已通过审批，但本年度预算已用完，帮扶中心将与您联系。原因：${zhReason(v)}`,
    sms: ({ program, ref }) =>
      `【帮扶审批】您的${program}申请${ref}已通过审批，但本年度预算已用完，帮扶中心将与您联系。`,
  },
  objection_lodged: {
    subject: ({ program, ref }) => `[公示异议] ${program} 申请 ${ref} / Objection to review`,
    body: ({ v, program, ref }) =>
      `${program}申请 ${ref}（金额 ${v.amountYuan} 元）在公示期间收到异议，已暂停拨付，请登录系统复核：维持异议（不予拨付）或驳回异议（继续拨付）。`,
    sms: ({ program, ref }) => `【帮扶审批】${program}申请${ref}公示期间收到异议，请登录系统复核。`,
  },
};

const enLevel = (v: TemplateVars): string => (v.level === undefined ? '' : ` at level ${v.level}`);
const enReason = (v: TemplateVars): string => v.reason ?? '-';

const EN: Record<NotificationEvent, Template> = {
  received: {
    subject: ({ ref }) => `[Received] Your application ${ref}`,
    body: ({ v, program, ref }) =>
      `Your application ${ref} (${program}, ${v.amountYuan} CNY) passed the eligibility check and is now with the approvers; we will tell you the outcome.`,
    sms: ({ v, program, ref }) =>
      `aidflow: your application ${ref} (${program}, ${v.amountYuan} CNY) was received and is with the approvers.`,
  },
  task_assigned: {
    subject: ({ ref }) => `[Approval needed] Application ${ref}`,
    body: ({ v, program, ref }) =>
      `Application ${ref} (${program}, ${v.amountYuan} CNY) is waiting for your decision${enLevel(v)}.`,
    sms: ({ v, program, ref }) =>
      `aidflow: application ${ref} (${program}, ${v.amountYuan} CNY) is waiting for your decision${enLevel(v)}.`,
  },
  urged: {
    subject: ({ ref }) => `[Reminder] Application ${ref} is waiting for you`,
    body: ({ v, program, ref }) =>
      `Application ${ref} (${program}, ${v.amountYuan} CNY)${enLevel(v)} is waiting for you; someone asked to speed it up.`,
    sms: ({ v, ref }) => `aidflow: application ${ref}${enLevel(v)} is waiting for your decision; please act soon.`,
  },
  deadline_reminder: {
    subject: ({ ref }) => `[Deadline approaching] Application ${ref}`,
    body: ({ v, program, ref }) =>
      `The decision${enLevel(v)} on application ${ref} (${program}) is due soon${v.reason ? ` (${v.reason})` : ''}.`,
    sms: ({ v, ref }) => `aidflow: the decision${enLevel(v)} on application ${ref} is due soon.`,
  },
  copied: {
    subject: ({ ref }) => `[For your information] Application ${ref}`,
    body: ({ v, program, ref }) =>
      `Application ${ref} (${program}, ${v.amountYuan} CNY) was copied to you for information; no decision is needed.`,
    sms: ({ ref }) => `aidflow: application ${ref} was copied to you for information; no decision is needed.`,
  },
  returned: {
    subject: ({ ref }) => `[Returned] Your application ${ref}`,
    body: ({ v, program, ref }) => `Your application ${ref} (${program}) was returned. Note: ${enReason(v)}`,
    sms: ({ ref }) => `aidflow: your application ${ref} was returned; log in to read the note.`,
  },
  withdrawn: {
    subject: ({ ref }) => `[Withdrawn] Application ${ref}`,
    body: ({ program, ref }) =>
      `Application ${ref} (${program}) was withdrawn by the applicant; its open tasks are closed.`,
    sms: ({ ref }) => `aidflow: application ${ref} was withdrawn by the applicant; its open tasks are closed.`,
  },
  approved: {
    subject: ({ ref }) => `[Approved] Your application ${ref}`,
    body: ({ v, program, ref }) =>
      `Your application ${ref} (${program}) was approved for ${v.amountYuan} CNY; finance will pay it.`,
    sms: ({ v, ref }) => `aidflow: your application ${ref} was approved for ${v.amountYuan} CNY; finance will pay it.`,
  },
  rejected: {
    subject: ({ ref }) => `[Rejected] Your application ${ref}`,
    body: ({ v, program, ref }) => `Your application ${ref} (${program}) was rejected. Reason: ${enReason(v)}`,
    sms: ({ ref }) => `aidflow: your application ${ref} was rejected; log in to read the reason.`,
  },
  refused: {
    subject: ({ ref }) => `[Not eligible] Your application ${ref}`,
    body: ({ v, program, ref }) => `Your application ${ref} (${program}) is not eligible. Reason: ${enReason(v)}`,
    sms: ({ ref }) => `aidflow: your application ${ref} is not eligible for aid; log in to read the reason.`,
  },
  budget_exhausted: {
    subject: ({ ref }) => `[Budget exhausted] Your application ${ref}`,
    body: ({ v, program, ref }) =>
      `Your application ${ref} (${program}) was approved, but this year's budget is exhausted; the aid office will contact you. Reason: ${enReason(v)}`,
    sms: ({ ref }) =>
      `aidflow: your application ${ref} was approved but this year's budget is exhausted; the aid office will contact you.`,
  },
  objection_lodged: {
    subject: ({ ref }) => `[Objection to review] Application ${ref}`,
    body: ({ v, program, ref }) =>
      `Someone objected to application ${ref} (${program}, ${v.amountYuan} CNY) during its public notice; payment is on hold until you review it: uphold the objection (no payment) or dismiss it (payment goes ahead).`,
    sms: ({ ref }) =>
      `aidflow: an objection to application ${ref} was lodged during its public notice; please review it.`,
  },
};

const LOCALE_TEMPLATES: Record<Locale, { templates: Record<NotificationEvent, Template>; wrap: Wrap }> = {
  'zh-CN': {
    templates: ZH,
    wrap: (v, body) => `${v.recipientName}，您好：\n${body}\n\n查看详情：${v.link}\n-- aidflow 帮扶审批`,
  },
  en: {
    templates: EN,
    wrap: (v, body) => `Dear ${v.recipientName},\n${body}\n\nDetails: ${v.link}\n-- aidflow aid approvals`,
  },
};

type Wrap = (v: TemplateVars, body: string) => string;

const length = (s: string): number => Array.from(s).length;

/** Cuts to `max` characters, ending in "…" when something had to go. */
function truncate(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, Math.max(max - 1, 0)).join('')}…`;
}

/** The SMS line; a program name too long for one segment is shortened first, then the line itself. */
function fitSms(template: Template, ctx: Ctx, max: number): string {
  const full = template.sms(ctx);
  if (length(full) <= max) return full;
  const over = length(full) - max;
  const program = truncate(ctx.program, Math.max(length(ctx.program) - over, 2));
  return truncate(template.sms({ ...ctx, program }), max);
}

/** Renders one notice in the recipient's language: Chinese unless the locale is 'en'. */
export function renderNotification(
  event: NotificationEvent,
  v: TemplateVars,
  locale: Locale = DEFAULT_LOCALE,
): RenderedNotification {
  const { templates, wrap } = LOCALE_TEMPLATES[locale] ?? LOCALE_TEMPLATES[DEFAULT_LOCALE];
  const template = templates[event];
  const ctx: Ctx = {
    v,
    ref: v.applicationId.slice(0, 8),
    program: locale === 'en' ? (v.programNameEn ?? v.programName) : v.programName,
  };
  return {
    subject: template.subject(ctx),
    text: wrap(v, template.body(ctx)),
    sms: fitSms(template, ctx, SMS_MAX_LENGTH[locale] ?? SMS_MAX_LENGTH[DEFAULT_LOCALE]),
  };
}
