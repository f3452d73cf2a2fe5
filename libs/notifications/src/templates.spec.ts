import type { Locale } from '@aidflow/org';
import type { NotificationEvent } from '@aidflow/workflows/types';
import { renderNotification, SMS_MAX_LENGTH } from './templates';
import type { TemplateVars } from './templates';

/** Every NotificationEvent: the Record type makes this list fail to compile when an event is added or removed. */
const EVENTS_RECORD: Record<NotificationEvent, true> = {
  received: true,
  task_assigned: true,
  urged: true,
  deadline_reminder: true,
  copied: true,
  returned: true,
  withdrawn: true,
  refused: true,
  rejected: true,
  approved: true,
  budget_exhausted: true,
  objection_lodged: true,
};
const EVENTS = Object.keys(EVENTS_RECORD) as NotificationEvent[];
const LOCALES: Locale[] = ['zh-CN', 'en'];

const vars: TemplateVars = {
  applicationId: '3f2a9c1e-0000-4000-8000-000000000001',
  programName: '困难职工帮扶',
  programNameEn: 'Hardship aid for registered needy workers',
  recipientName: '王建国',
  amountYuan: '5000.00',
  level: 2,
  reason: 'Rejected at level 2: 收入证明不全',
  link: 'http://127.0.0.1:3000/applications/3f2a9c1e-0000-4000-8000-000000000001',
};

const chars = (s: string): number => Array.from(s).length;
const HAN = /\p{Script=Han}/u;

describe('renderNotification', () => {
  it.each(EVENTS.flatMap((event) => LOCALES.map((locale) => [event, locale] as const)))(
    'renders %s in %s with the case reference, the link and a one-segment SMS',
    (event, locale) => {
      const r = renderNotification(event, vars, locale);

      expect(r.subject).toContain('3f2a9c1e');
      expect(r.text).toContain('3f2a9c1e');
      expect(r.text).toContain(vars.link);
      expect(r.text).toContain(vars.recipientName);
      expect(r.sms).toContain('3f2a9c1e');
      expect(r.sms).not.toContain('\n');
      expect(r.sms).not.toContain('http');
      expect(chars(r.sms)).toBeLessThanOrEqual(SMS_MAX_LENGTH[locale]);
      expect(r.text).not.toContain('undefined');
      expect(r.sms).not.toContain('undefined');
    },
  );

  it.each(EVENTS)('writes %s in Chinese by default, with the bracketed Chinese tag first', (event) => {
    const r = renderNotification(event, vars);

    expect(r).toEqual(renderNotification(event, vars, 'zh-CN'));
    expect(r.subject).toMatch(/^\[[\p{Script=Han}]+\] /u);
    expect(r.text).toMatch(/^王建国，您好：/);
    expect(r.text).not.toContain('Dear');
    expect(r.sms).toMatch(/^【帮扶审批】/);
  });

  it.each(EVENTS)('writes %s in English for locale en, with the English program name and no Chinese', (event) => {
    const r = renderNotification(event, { ...vars, recipientName: 'Li Xiuying', reason: 'missing proof' }, 'en');

    expect(r.subject).toMatch(/^\[[A-Z][a-z ]+\] /);
    expect(r.text).toMatch(/^Dear Li Xiuying,/);
    for (const part of [r.subject, r.text, r.sms]) expect(part).not.toMatch(HAN);
    expect(r.sms).toMatch(/^[\x20-\x7e]+$/); // the GSM 7-bit alphabet, so 160 characters fit one SMS
  });

  it('keeps the subjects applicants and tests already look for', () => {
    expect(renderNotification('approved', vars).subject).toBe('[已批准] 您的困难职工帮扶申请 3f2a9c1e / Approved');
    expect(renderNotification('received', vars).subject).toBe('[已受理] 您的困难职工帮扶申请 3f2a9c1e / Received');
    expect(renderNotification('task_assigned', vars).subject).toBe(
      '[待审批] 困难职工帮扶 申请 3f2a9c1e / Approval needed',
    );
  });

  it('puts the amount, the level and the reason where the reader needs them', () => {
    expect(renderNotification('approved', vars, 'zh-CN').text).toContain('核定金额 5000.00 元');
    expect(renderNotification('approved', vars, 'en').text).toContain('approved for 5000.00 CNY');
    expect(renderNotification('task_assigned', vars, 'zh-CN').sms).toContain('待您第2级审批');
    expect(renderNotification('task_assigned', vars, 'en').sms).toContain('at level 2');
    expect(renderNotification('rejected', vars, 'zh-CN').text).toContain('原因：Rejected at level 2: 收入证明不全');
    expect(renderNotification('rejected', { ...vars, reason: null }, 'en').text).toContain('Reason: -');
  });

  it('shortens a long program name so the SMS still fits one segment', () => {
    const long = { ...vars, programName: '职工'.repeat(40), programNameEn: 'Very long program '.repeat(12) };
    for (const locale of LOCALES) {
      for (const event of EVENTS) {
        const sms = renderNotification(event, long, locale).sms;
        expect(chars(sms)).toBeLessThanOrEqual(SMS_MAX_LENGTH[locale]);
        expect(sms).toContain('3f2a9c1e');
      }
    }
  });

  it('renders level-less notices without a dangling level', () => {
    const r = renderNotification('task_assigned', { ...vars, level: undefined }, 'zh-CN');
    expect(r.text).toContain('已到达您的审批环节');
    expect(renderNotification('task_assigned', { ...vars, level: undefined }, 'en').sms).not.toContain('level');
  });
});
