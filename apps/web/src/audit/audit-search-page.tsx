import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Flex, InputNumber, List, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import type { Schemas } from '../api/client';
import { usePrograms } from '../applicant/programs';
import { dateTime, money, statusColour } from '../common/format';
import { QueryState } from '../common/query-state';
import { ToneTag } from '../common/tone-tag';
import { useT } from '../i18n';
import { download, errorText } from './audit-api';

type Status = NonNullable<Schemas['ApplicationSummaryResponse']['status']>;
const STATUSES: Status[] = [
  'submitted',
  'refused',
  'pending_approval',
  'returned',
  'in_notice',
  'under_review',
  'approved',
  'rejected',
  'withdrawn',
  'budget_exhausted',
];
const PAGE_SIZE = 20;

interface Search {
  status?: Status;
  program?: string;
  /** An org unit: cases filed in it or any unit below it. */
  branch?: string;
  from?: string;
  to?: string;
  minAmount?: number;
  maxAmount?: number;
  page: number;
}

const num = (raw: string | null): number | undefined => {
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};
const day = (raw: string | null): string | undefined => (raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined);

function parse(params: URLSearchParams): Search {
  const status = params.get('status');
  const page = Number(params.get('page'));
  const s: Search = { page: Number.isInteger(page) && page > 0 ? page : 1 };
  if ((STATUSES as string[]).includes(status ?? '')) s.status = status as Status;
  if (params.get('program')) s.program = params.get('program')!;
  if (/^[0-9a-f-]{36}$/.test(params.get('branch') ?? '')) s.branch = params.get('branch')!;
  s.from = day(params.get('from'));
  s.to = day(params.get('to'));
  s.minAmount = num(params.get('min'));
  s.maxAmount = num(params.get('max'));
  return s;
}

/** The search kept in the URL, so that a reload, a link or the back button shows the same cases. */
function useSearch(): [Search, (change: Partial<Search>) => void] {
  const [params, setParams] = useSearchParams();
  const update = (change: Partial<Search>) => {
    const next = { ...parse(new URLSearchParams(window.location.search)), ...change };
    if (!('page' in change)) next.page = 1;
    const q = new URLSearchParams();
    if (next.status) q.set('status', next.status);
    if (next.program) q.set('program', next.program);
    if (next.branch) q.set('branch', next.branch);
    if (next.from) q.set('from', next.from);
    if (next.to) q.set('to', next.to);
    if (next.minAmount !== undefined) q.set('min', String(next.minAmount));
    if (next.maxAmount !== undefined) q.set('max', String(next.maxAmount));
    if (next.page > 1) q.set('page', String(next.page));
    setParams(q, { replace: true });
  };
  return [parse(params), update];
}

/** The submission dates are calendar days in China Standard Time; `to` includes its whole day. */
const dayStart = (d: string) => `${d}T00:00:00+08:00`;
const dayAfter = (d: string) => `${dayjs(d).add(1, 'day').format('YYYY-MM-DD')}T00:00:00+08:00`;

function Amount(props: { label: string; value?: number; onApply: (v: number | undefined) => void }) {
  const [draft, setDraft] = useState<number | null>(props.value ?? null);
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setDraft(props.value ?? null);
  }
  const apply = () => {
    const v = draft ?? undefined;
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
      onChange={setDraft}
      onBlur={apply}
      onPressEnter={apply}
      style={{ width: 130 }}
    />
  );
}

/** 案件查询: every case, by status, program, submission date and amount; the masked exports of the same filters. */
export default function AuditSearchPage() {
  const { t, tr, language } = useT();
  const { message } = App.useApp();
  const [search, update] = useSearch();
  const programs = usePrograms();
  const units = useQuery({
    queryKey: ['org-units'],
    queryFn: () => call(api.GET('/org-units')),
    staleTime: 10 * 60_000,
  });
  const [busy, setBusy] = useState<string | null>(null);
  const query = {
    ...(search.status ? { status: search.status } : {}),
    ...(search.program ? { program: search.program } : {}),
    ...(search.branch ? { branch: search.branch } : {}),
    ...(search.from ? { from: dayStart(search.from) } : {}),
    ...(search.to ? { to: dayAfter(search.to) } : {}),
    ...(search.minAmount !== undefined ? { minAmount: search.minAmount } : {}),
    ...(search.maxAmount !== undefined ? { maxAmount: search.maxAmount } : {}),
  };
  const list = useQuery({
    queryKey: ['audit', 'cases', query, search.page],
    queryFn: () =>
      call(api.GET('/applications', { params: { query: { ...query, page: search.page, pageSize: PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
  const programName = (code: string) => {
    const p = programs.data?.find((x) => x.code === code);
    return p ? (language === 'en' ? p.nameEn : p.name) : code;
  };
  const exportFile = async (kind: 'cases' | 'ledger', format: 'csv' | 'json') => {
    const q = new URLSearchParams({ kind, format });
    if (search.program) q.set('program', search.program);
    if (search.status) q.set('outcome', search.status);
    if (search.from) q.set('from', dayStart(search.from));
    if (search.to) q.set('to', dayAfter(search.to));
    setBusy(`${kind}-${format}`);
    try {
      await download(`/audit/export?${q.toString()}`, `aidflow-${kind}.${format}`);
    } catch (err) {
      void message.error(t('audit.exportFailed', { reason: errorText(err, t('common.error')) }));
    } finally {
      setBusy(null);
    }
  };
  const any =
    search.status ||
    search.program ||
    search.branch ||
    search.from ||
    search.to ||
    search.minAmount !== undefined ||
    search.maxAmount !== undefined;
  return (
    <section>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('audit.searchTitle')}
      </Typography.Title>
      <Flex wrap gap={8} align="center" role="search" aria-label={t('audit.filters')} style={{ marginBottom: 12 }}>
        <Select<string>
          aria-label={t('audit.status')}
          value={search.status ?? ''}
          style={{ minWidth: 130 }}
          popupMatchSelectWidth={false}
          onChange={(v) => update({ status: (v || undefined) as Status | undefined })}
          options={[
            { value: '', label: t('audit.allStatuses') },
            ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <Select<string>
          aria-label={t('audit.program')}
          value={search.program ?? ''}
          style={{ minWidth: 150 }}
          popupMatchSelectWidth={false}
          onChange={(v) => update({ program: v || undefined })}
          options={[
            { value: '', label: t('audit.allPrograms') },
            ...(programs.data ?? [])
              .filter((p) => p.runAs === 'applications')
              .map((p) => ({ value: p.code, label: language === 'en' ? p.nameEn : p.name })),
          ]}
        />
        <Select<string>
          aria-label={t('audit.branch')}
          value={search.branch ?? ''}
          style={{ minWidth: 150 }}
          popupMatchSelectWidth={false}
          showSearch
          optionFilterProp="label"
          onChange={(v) => update({ branch: v || undefined })}
          options={[
            { value: '', label: t('audit.allBranches') },
            ...(units.data ?? []).map((u) => ({
              value: u.id,
              label: `${u.kind === 'grassroots' ? '\u00a0\u00a0' : ''}${u.name}`,
            })),
          ]}
        />
        <DatePicker.RangePicker
          aria-label={t('audit.submitted')}
          placeholder={[t('audit.from'), t('audit.to')]}
          value={[search.from ? dayjs(search.from) : null, search.to ? dayjs(search.to) : null]}
          allowEmpty={[true, true]}
          onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          style={{ maxWidth: '100%' }}
        />
        <Flex gap={4} align="center">
          <Amount label={t('audit.minAmount')} value={search.minAmount} onApply={(v) => update({ minAmount: v })} />
          <span aria-hidden>–</span>
          <Amount label={t('audit.maxAmount')} value={search.maxAmount} onApply={(v) => update({ maxAmount: v })} />
        </Flex>
        {any && (
          <Button
            size="small"
            type="link"
            onClick={() =>
              update({
                status: undefined,
                program: undefined,
                branch: undefined,
                from: undefined,
                to: undefined,
                minAmount: undefined,
                maxAmount: undefined,
              })
            }
          >
            {t('audit.clearFilters')}
          </Button>
        )}
      </Flex>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8} align="center">
          <Typography.Text strong>{t('audit.export')}</Typography.Text>
          {(['cases', 'ledger'] as const).flatMap((kind) =>
            (['csv', 'json'] as const).map((format) => (
              <Button
                key={`${kind}-${format}`}
                size="small"
                loading={busy === `${kind}-${format}`}
                disabled={busy !== null && busy !== `${kind}-${format}`}
                onClick={() => void exportFile(kind, format)}
              >
                {t(`audit.export_${kind}`)} {format.toUpperCase()}
              </Button>
            )),
          )}
          <Typography.Text type="secondary">{t('audit.exportNote')}</Typography.Text>
        </Flex>
      </Card>
      <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
        {() => (
          <List
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('audit.noCases') }}
            pagination={{
              current: search.page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              onChange: (page) => update({ page }),
              showTotal: (count) => t('common.total', { count }),
              showSizeChanger: false,
              size: 'small',
            }}
            renderItem={(a) => (
              <List.Item>
                <Link
                  to={`/app/audit/cases/${a.id}`}
                  style={{ width: '100%' }}
                  aria-label={`${tr('category', a.category)} ${money(a.requestedAmount, language)} ${t(`status.${a.status}`)}`}
                >
                  <Card size="small" hoverable data-testid="audit-case">
                    <Flex justify="space-between" align="center" gap={8} wrap>
                      <Typography.Text strong>
                        {programName(a.program)} · {tr('category', a.category)} · {money(a.requestedAmount, language)}{' '}
                        {t('common.yuan')}
                      </Typography.Text>
                      <ToneTag tone={statusColour(a.status)}>{t(`status.${a.status}`)}</ToneTag>
                    </Flex>
                    <Typography.Text type="secondary">
                      {t('audit.submittedAt', { date: dateTime(a.createdAt, language) })} · {a.id.slice(0, 8)}
                    </Typography.Text>
                  </Card>
                </Link>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </section>
  );
}
