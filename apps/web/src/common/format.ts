import type { Language } from '../i18n';

export const money = (amount: number | null | undefined, language: Language): string =>
  amount === null || amount === undefined
    ? '—'
    : amount.toLocaleString(language, { minimumFractionDigits: 0, maximumFractionDigits: 2 });

export const dateTime = (iso: string | null | undefined, language: Language): string =>
  iso ? new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

const STATUS_COLOURS: Record<string, string> = {
  submitted: 'default',
  pending_approval: 'processing',
  returned: 'warning',
  in_notice: 'cyan',
  under_review: 'orange',
  approved: 'success',
  rejected: 'error',
  refused: 'error',
  withdrawn: 'default',
  budget_exhausted: 'error',
};
export const statusColour = (status: string): string => STATUS_COLOURS[status] ?? 'default';
