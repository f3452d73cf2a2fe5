import type { ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Card, Flex, List, theme, Typography } from 'antd';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import type { Schemas } from '../api/client';
import { dateTime, money, statusColour } from '../common/format';
import { QueryState } from '../common/query-state';
import { ToneTag } from '../common/tone-tag';
import { useT } from '../i18n';
import { filterQuery, InboxFilterBar, useInboxFilters } from './inbox-filters';
import type { InboxFilters, InboxTab } from './inbox-filters';
import { TodoTab } from './todo-tab';

const PAGE_SIZE = 20;
/** New tasks appear without a reload (DingTalk's inbox does the same). */
const POLL_MS = 15_000;

type CaseRow = Pick<
  Schemas['DecidedCaseResponse'],
  'applicationId' | 'category' | 'status' | 'requestedAmount' | 'applicant' | 'orgUnitName' | 'tier'
>;

function CaseCard(props: { row: CaseRow; to: string; when: string; testId: string }) {
  const { t, tr, language } = useT();
  const { row } = props;
  const name = `${row.applicant ?? ''} ${tr('category', row.category)} ${money(row.requestedAmount, language)}`;
  return (
    <Link to={props.to} style={{ width: '100%' }} aria-label={name}>
      <Card size="small" hoverable data-testid={props.testId}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong>
            {row.applicant ? `${row.applicant} · ` : ''}
            {tr('category', row.category)}
          </Typography.Text>
          <Typography.Text strong>
            {money(row.requestedAmount, language)} {t('common.yuan')}
          </Typography.Text>
        </Flex>
        <Flex justify="space-between" gap={8} wrap align="center" style={{ marginTop: 4 }}>
          <span>
            <ToneTag tone={statusColour(row.status)}>{t(`status.${row.status}`)}</ToneTag>
            {row.tier && <ToneTag tone="gold">{tr('tier', row.tier)}</ToneTag>}
          </span>
          <Typography.Text type="secondary">{props.when}</Typography.Text>
        </Flex>
        {row.orgUnitName && <Typography.Text type="secondary">{row.orgUnitName}</Typography.Text>}
      </Card>
    </Link>
  );
}

function PagedList<T extends { applicationId: string }>(props: {
  query: { isLoading: boolean; error: unknown; refetch: () => unknown; data?: { items: T[]; total: number } };
  page: number;
  setPage: (page: number) => void;
  empty: string;
  render: (item: T) => ReactNode;
}) {
  const { t } = useT();
  const { query } = props;
  return (
    <QueryState loading={query.isLoading} error={query.error} retry={() => void query.refetch()}>
      {() => (
        <List
          dataSource={query.data?.items ?? []}
          rowKey="applicationId"
          locale={{ emptyText: <Typography.Text type="secondary">{props.empty}</Typography.Text> }}
          pagination={{
            current: props.page,
            pageSize: PAGE_SIZE,
            total: query.data?.total ?? 0,
            onChange: props.setPage,
            showTotal: (count) => t('common.total', { count }),
            size: 'small',
            hideOnSinglePage: true,
          }}
          renderItem={(item) => <List.Item>{props.render(item)}</List.Item>}
        />
      )}
    </QueryState>
  );
}

function useInboxQueries(f: InboxFilters) {
  const filters = filterQuery(f);
  const paging = { page: f.page, pageSize: PAGE_SIZE };
  const counts = useQuery({
    queryKey: ['tasks', 'counts'],
    queryFn: () => call(api.GET('/tasks/counts')),
    refetchInterval: POLL_MS,
  });
  const todo = useQuery({
    queryKey: ['tasks', 'todo', filters, f.overdue],
    queryFn: () =>
      call(api.GET('/tasks', { params: { query: { ...filters, ...(f.overdue ? { overdue: true } : {}) } } })),
    refetchInterval: POLL_MS,
    placeholderData: keepPreviousData,
    enabled: f.tab === 'todo',
  });
  const decided = useQuery({
    queryKey: ['tasks', 'decided', filters, f.page],
    queryFn: () => call(api.GET('/tasks/decided', { params: { query: { ...filters, ...paging } } })),
    placeholderData: keepPreviousData,
    enabled: f.tab === 'decided',
  });
  const copied = useQuery({
    queryKey: ['tasks', 'copied', filters, f.page],
    queryFn: () => call(api.GET('/tasks/copied', { params: { query: { ...filters, ...paging } } })),
    placeholderData: keepPreviousData,
    enabled: f.tab === 'copied',
  });
  const mine = useQuery({
    queryKey: ['applications', 'mine', 'inbox', f.program, f.page],
    queryFn: () =>
      call(
        api.GET('/applications', {
          params: { query: { mine: true, ...paging, ...(f.program ? { program: f.program } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled: f.tab === 'mine',
  });
  return { counts, todo, decided, copied, mine };
}

/**
 * The four tabs as a tab list that wraps on a narrow phone (Ant Design's Tabs folds overflowing tabs into a "more"
 * menu, which leaves the tab list with a child that is not a tab). Arrow keys move between the tabs.
 */
function InboxTabs(props: {
  active: InboxTab;
  items: Array<{ key: InboxTab; label: string; count: number | undefined }>;
  onChange: (tab: InboxTab) => void;
}) {
  const { t } = useT();
  const { token } = theme.useToken();
  const move = (from: number, by: number) => {
    const next = props.items[(from + by + props.items.length) % props.items.length];
    props.onChange(next.key);
    document.getElementById(`inbox-tab-${next.key}`)?.focus();
  };
  return (
    <Flex
      role="tablist"
      aria-label={t('inbox.title')}
      wrap
      gap={4}
      style={{ borderBottom: `1px solid ${token.colorBorderSecondary}`, marginBottom: 12 }}
    >
      {props.items.map((item, i) => {
        const active = item.key === props.active;
        return (
          <button
            key={item.key}
            id={`inbox-tab-${item.key}`}
            type="button"
            role="tab"
            aria-selected={active}
            aria-controls="inbox-panel"
            tabIndex={active ? 0 : -1}
            onClick={() => props.onChange(item.key)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(i, 1);
              if (e.key === 'ArrowLeft') move(i, -1);
            }}
            style={{
              background: 'none',
              border: 'none',
              borderBottom: `2px solid ${active ? token.colorPrimary : 'transparent'}`,
              color: active ? token.colorPrimary : token.colorText,
              padding: '8px 6px',
              marginRight: 8,
              cursor: 'pointer',
              font: 'inherit',
            }}
          >
            <Flex gap={6} align="center">
              {item.label}
              <Badge
                count={item.count ?? 0}
                showZero
                overflowCount={999}
                color={item.count ? '#b50e27' : '#595959'}
                data-testid={`${item.key}-count`}
              />
            </Flex>
          </button>
        );
      })}
    </Flex>
  );
}

/**
 * The approver's first screen (DingTalk / Feishu style): 待我审批, 我已审批, 抄送我 and 我发起的, each with its count;
 * filters and the tab in the URL; the counts and the open tasks are polled so new tasks appear without a reload.
 */
export default function InboxPage() {
  const { t, tr, language } = useT();
  const [filters, update] = useInboxFilters();
  const q = useInboxQueries(filters);
  const counts = q.counts.data;
  const setPage = (page: number) => update({ page });
  return (
    <section>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('inbox.title')}
      </Typography.Title>
      <InboxTabs
        active={filters.tab}
        onChange={(tab) => update({ tab })}
        items={[
          { key: 'todo', label: t('inbox.todo'), count: counts?.todo },
          { key: 'decided', label: t('inbox.decided'), count: counts?.decided },
          { key: 'copied', label: t('inbox.copied'), count: counts?.copied },
          { key: 'mine', label: t('inbox.mine'), count: counts?.mine },
        ]}
      />
      <div role="tabpanel" id="inbox-panel" aria-labelledby={`inbox-tab-${filters.tab}`}>
        <InboxFilterBar filters={filters} update={update} />
        {filters.tab === 'todo' && <TodoTab tasks={q.todo} page={filters.page} setPage={setPage} />}
        {filters.tab === 'decided' && (
          <PagedList
            query={q.decided}
            page={filters.page}
            setPage={setPage}
            empty={t('inbox.emptyDecided')}
            render={(row) => (
              <CaseCard
                row={row}
                to={`/app/tasks/${row.applicationId}`}
                testId="decided-card"
                when={t('inbox.actedAt', { verb: tr('verb', row.verb), date: dateTime(row.actedAt, language) })}
              />
            )}
          />
        )}
        {filters.tab === 'copied' && (
          <PagedList
            query={q.copied}
            page={filters.page}
            setPage={setPage}
            empty={t('inbox.emptyCopied')}
            render={(row) => (
              <CaseCard
                row={row}
                to={`/app/tasks/${row.applicationId}`}
                testId="copied-card"
                when={t('inbox.copiedAt', { date: dateTime(row.copiedAt, language) })}
              />
            )}
          />
        )}
        {filters.tab === 'mine' && (
          <PagedList
            query={{
              ...q.mine,
              data: q.mine.data && {
                total: q.mine.data.total,
                items: q.mine.data.items.map((a) => ({ ...a, applicationId: a.id })),
              },
            }}
            page={filters.page}
            setPage={setPage}
            empty={t('mine.empty')}
            render={(row) => (
              <CaseCard
                row={{ ...row, applicant: null, orgUnitName: '', tier: row.tier ?? null }}
                to={`/app/applications/${row.applicationId}`}
                testId="mine-card"
                when={t('mine.submittedAt', { date: dateTime(row.createdAt, language) })}
              />
            )}
          />
        )}
      </div>
    </section>
  );
}
