import { Inject, Injectable, Logger } from '@nestjs/common';
import { NotificationsService } from '@aidflow/notifications';
import type { RenderedNotification } from '@aidflow/notifications';
import { OrgRepository, UserRepository } from '@aidflow/org';
import type { Locale } from '@aidflow/org';
import { CalendarService } from './calendar.service';
import type { CalendarStatus } from './calendar.service';

/** The days before the official calendar ends at which administrators are told again (and once it has ended). */
export const CALENDAR_ALERT_STAGES = [60, 14] as const;

export interface CalendarAlertResult {
  status: CalendarStatus;
  /** The notice's key (`calendar_expiring:<year>:<stage>`), null while nothing needs saying. */
  eventKey: string | null;
  /** Administrators the notice went out to on this call (not those who had it already). */
  notified: number;
}

/** Which stage `daysLeft` is in: '60d', '14d', 'ended' (null: no warning yet). */
export function alertStage(daysLeft: number | null): string | null {
  if (daysLeft === null || daysLeft < 0) return 'ended';
  const stage = [...CALENDAR_ALERT_STAGES].sort((a, b) => a - b).find((days) => daysLeft <= days);
  return stage === undefined ? null : `${stage}d`;
}

function render(status: CalendarStatus, locale: Locale): RenderedNotification {
  const next = (status.lastOfficialYear ?? Number(new Date().getUTCFullYear()) - 1) + 1;
  const until = status.officialUntil ?? '-';
  const ended = status.health === 'expired';
  if (locale === 'en') {
    return {
      subject: `[Action needed] Business calendar ${ended ? 'ended' : 'ends'} ${until}: load ${next}`,
      text:
        `${status.warning ?? ''}\n\nUntil then every deadline and public-notice window reaching into ${next} is ` +
        `computed on a provisional schedule (weekends and the statutory holidays, no make-up working days) and flagged ` +
        `"provisional" on the case.`,
      sms: `aidflow: business calendar ${ended ? 'ended' : 'ends'} ${until}; load the ${next} holiday notice.`,
    };
  }
  return {
    subject: `[待处理] 工作日历${ended ? '已于' : '将于'} ${until} 到期：请导入 ${next} 年节假日安排 / Calendar`,
    text:
      `${status.warning ?? ''}\n\n在导入国务院办公厅 ${next} 年节假日安排之前，跨入 ${next} 年的审批时限和公示期按法定节假日` +
      `（含周末补假、不含调休）临时计算，并在案件记录中标注“临时日历”。`,
    sms: `【帮扶审批】工作日历${ended ? '已' : '将'}于${until}到期，请导入${next}年节假日安排。`,
  };
}

/**
 * Tells every administrator, once per stage, that the official business calendar runs out: 60 and 14 days before
 * the last official year ends, and once it has ended. In-app always, email and SMS as each administrator has them;
 * the notice's key makes it once per (stage, administrator, channel) however often the check runs.
 */
@Injectable()
export class CalendarAlertsService {
  private readonly logger = new Logger(CalendarAlertsService.name);

  constructor(
    @Inject(CalendarService) private readonly calendar: CalendarService,
    @Inject(OrgRepository) private readonly org: OrgRepository,
    @Inject(UserRepository) private readonly users: UserRepository,
    @Inject(NotificationsService) private readonly notifications: NotificationsService,
  ) {}

  async check(now: Date = new Date()): Promise<CalendarAlertResult> {
    const status = await this.calendar.status(now);
    const stage = status.warning === null ? null : alertStage(status.daysLeft);
    if (stage === null) return { status, eventKey: null, notified: 0 };
    const next = (status.lastOfficialYear ?? Number(now.getUTCFullYear()) - 1) + 1;
    const eventKey = `calendar_expiring:${next}:${stage}`;
    const admins = await this.users.findByIds((await this.org.administrators()).map((a) => a.id));
    let notified = 0;
    for (const admin of admins) {
      const result = await this.notifications.sendSystem({
        eventKey,
        recipient: {
          userId: admin.id,
          displayName: admin.displayName,
          email: admin.email || null,
          phone: admin.phone,
          notifySms: admin.notifySms,
          locale: admin.locale,
        },
        rendered: render(status, admin.locale),
      });
      if (result !== 'already-sent') notified += 1;
    }
    if (notified > 0) this.logger.warn(`Told ${notified} administrators: ${status.warning}`);
    return { status, eventKey, notified };
  }
}
