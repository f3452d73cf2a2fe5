import { ToneTag } from '../common/tone-tag';
import { useT } from '../i18n';

/** The level's deadline in working days (the API counts them on the business calendar): 剩 2 个工作日 / 已超期 1 个工作日. */
export function DeadlineTag({ workingDaysLeft, overdue }: { workingDaysLeft: number | null; overdue: boolean }) {
  const { t } = useT();
  if (workingDaysLeft === null && !overdue) return null;
  const left = workingDaysLeft ?? 0;
  const [tone, text] = overdue
    ? ['error', left < 0 ? t('inbox.overdueDays', { count: -left }) : t('inbox.overdueToday')]
    : left === 0
      ? ['warning', t('inbox.dueToday')]
      : [left === 1 ? 'warning' : 'default', t('inbox.daysLeft', { count: left })];
  return (
    <ToneTag tone={tone} data-testid="deadline">
      {text}
    </ToneTag>
  );
}
