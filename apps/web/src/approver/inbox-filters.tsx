import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, InputNumber, Select, Switch, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { usePrograms } from '../applicant/programs';
import { useT } from '../i18n';

export const TABS = ['todo', 'decided', 'copied', 'mine'] as const;
export type InboxTab = (typeof TABS)[number];

/** The inbox's state, kept in the URL query so that a reload, a link or the back button shows the same list. */
export interface InboxFilters {
  tab: InboxTab;
  program?: string;
  branch?: string;
  overdue: boolean;
  minAmount?: number;
  maxAmount?: number;
  page: number;
}

const amount = (raw: string | null): number | undefined => {
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};

function parse(params: URLSearchParams): InboxFilters {
  const tab = params.get('tab');
  const page = Number(params.get('page'));
  const min = amount(params.get('min'));
  const max = amount(params.get('max'));
  return {
    tab: (TABS as readonly string[]).includes(tab ?? '') ? (tab as InboxTab) : 'todo',
    ...(params.get('program') ? { program: params.get('program')! } : {}),
    ...(params.get('branch') ? { branch: params.get('branch')! } : {}),
    overdue: params.get('overdue') === 'true',
    ...(min !== undefined ? { minAmount: min } : {}),
    ...(max !== undefined ? { maxAmount: max } : {}),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function useInboxFilters(): [InboxFilters, (change: Partial<InboxFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = parse(params);
  const update = (change: Partial<InboxFilters>) => {
    // From the address as it is now, not as this render saw it: two quick changes (both amount bounds) both stay.
    const next = { ...parse(new URLSearchParams(window.location.search)), ...change };
    // Any change but the page itself starts again from the first page.
    if (!('page' in change)) next.page = 1;
    const query = new URLSearchParams();
    if (next.tab !== 'todo') query.set('tab', next.tab);
    if (next.program) query.set('program', next.program);
    if (next.branch) query.set('branch', next.branch);
    if (next.overdue) query.set('overdue', 'true');
    if (next.minAmount !== undefined) query.set('min', String(next.minAmount));
    if (next.maxAmount !== undefined) query.set('max', String(next.maxAmount));
    if (next.page > 1) query.set('page', String(next.page));
    setParams(query, { replace: true });
  };
  return [filters, update];
}

/** The API's query of the filters that every inbox list shares. */
export function filterQuery(f: InboxFilters) {
  return {
    ...(f.program ? { program: f.program } : {}),
    ...(f.branch ? { branch: f.branch } : {}),
    ...(f.minAmount !== undefined ? { minAmount: f.minAmount } : {}),
    ...(f.maxAmount !== undefined ? { maxAmount: f.maxAmount } : {}),
  };
}

export function useBranches() {
  return useQuery({
    queryKey: ['tasks', 'branches'],
    queryFn: () => call(api.GET('/tasks/branches')),
    staleTime: 10 * 60_000,
  });
}

/** An amount bound, applied to the URL when the field is left or Enter is pressed (not on every key). */
function AmountInput(props: { label: string; value?: number; onApply: (v: number | undefined) => void }) {
  const [draft, setDraft] = useState<number | null>(props.value ?? null);
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    // The URL changed under the field (cleared, back button): follow it.
    setShown(props.value);
    setDraft(props.value ?? null);
  }
  const apply = () => {
    const v = draft === null ? undefined : draft;
    if (v !== props.value) props.onApply(v);
  };
  return (
    <InputNumber<number>
      aria-label={props.label}
      placeholder={props.label}
      min={0}
      max={100_000_000}
      precision={2}
      value={draft}
      onChange={(v) => setDraft(v)}
      onBlur={apply}
      onPressEnter={apply}
      style={{ width: 130 }}
    />
  );
}

export function InboxFilterBar({
  filters,
  update,
}: {
  filters: InboxFilters;
  update: (c: Partial<InboxFilters>) => void;
}) {
  const { t, language } = useT();
  const programs = usePrograms();
  const branches = useBranches();
  // 我发起的 (GET /applications?mine=true) filters by program only.
  const full = filters.tab !== 'mine';
  const any =
    filters.program ||
    (full && (filters.branch || filters.overdue || filters.minAmount !== undefined || filters.maxAmount !== undefined));
  return (
    <Flex wrap gap={8} align="center" role="search" aria-label={t('inbox.filters')} style={{ marginBottom: 12 }}>
      <Select<string>
        aria-label={t('inbox.program')}
        value={filters.program ?? ''}
        style={{ minWidth: 150 }}
        popupMatchSelectWidth={false}
        onChange={(v) => update({ program: v || undefined })}
        options={[
          { value: '', label: t('inbox.allPrograms') },
          ...(programs.data ?? [])
            .filter((p) => p.runAs === 'applications')
            .map((p) => ({ value: p.code, label: language === 'en' ? p.nameEn : p.name })),
        ]}
      />
      {full && (
        <>
          <Select<string>
            aria-label={t('inbox.branch')}
            value={filters.branch ?? ''}
            style={{ minWidth: 150, maxWidth: '100%' }}
            popupMatchSelectWidth={false}
            onChange={(v) => update({ branch: v || undefined })}
            options={[
              { value: '', label: t('inbox.allBranches') },
              ...(branches.data ?? []).map((b) => ({ value: b.id, label: b.name })),
            ]}
          />
          <Flex gap={4} align="center">
            <AmountInput
              label={t('inbox.minAmount')}
              value={filters.minAmount}
              onApply={(v) => update({ minAmount: v })}
            />
            <span aria-hidden>–</span>
            <AmountInput
              label={t('inbox.maxAmount')}
              value={filters.maxAmount}
              onApply={(v) => update({ maxAmount: v })}
            />
          </Flex>
        </>
      )}
      {filters.tab === 'todo' && (
        <Flex gap={6} align="center">
          <Switch
            id="inbox-overdue"
            size="small"
            checked={filters.overdue}
            onChange={(checked) => update({ overdue: checked })}
          />
          <Typography.Text>
            <label htmlFor="inbox-overdue">{t('inbox.overdueOnly')}</label>
          </Typography.Text>
        </Flex>
      )}
      {any && (
        <Button
          size="small"
          type="link"
          onClick={() =>
            update({
              program: undefined,
              branch: undefined,
              overdue: false,
              minAmount: undefined,
              maxAmount: undefined,
            })
          }
        >
          {t('inbox.clearFilters')}
        </Button>
      )}
    </Flex>
  );
}
