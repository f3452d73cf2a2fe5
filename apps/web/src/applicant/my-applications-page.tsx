import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, List, Select, Typography } from 'antd';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import type { Schemas } from '../api/client';
import { dateTime, money, statusColour } from '../common/format';
import { QueryState } from '../common/query-state';
import { ToneTag } from '../common/tone-tag';
import { useT } from '../i18n';

type Status = NonNullable<Schemas['ApplicationSummaryResponse']['status']>;
const STATUSES: Status[] = [
  'pending_approval',
  'returned',
  'in_notice',
  'approved',
  'rejected',
  'refused',
  'withdrawn',
];
const PAGE_SIZE = 10;

/** 我的申请: the cases the user filed, newest first, by status, a page at a time. */
export default function MyApplicationsPage() {
  const { t, tr, language } = useT();
  const [status, setStatus] = useState<Status | undefined>();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['applications', 'mine', status, page],
    queryFn: () =>
      call(
        api.GET('/applications', {
          params: { query: { mine: true, page, pageSize: PAGE_SIZE, ...(status ? { status } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <section>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 20 }}>
          {t('mine.title')}
        </Typography.Title>
        <Select<Status | 'all'>
          aria-label={t('mine.status')}
          value={status ?? 'all'}
          style={{ minWidth: 140 }}
          onChange={(v) => {
            setStatus(v === 'all' ? undefined : v);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('common.all') },
            ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
      </Flex>
      <QueryState loading={list.isLoading} error={list.error} retry={() => void list.refetch()}>
        {() => (
          <List
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('mine.empty') }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              onChange: setPage,
              showTotal: (count) => t('common.total', { count }),
              size: 'small',
            }}
            renderItem={(a) => (
              <List.Item>
                <Link
                  to={`/app/applications/${a.id}`}
                  style={{ width: '100%' }}
                  aria-label={`${tr('category', a.category)} ${t(`status.${a.status}`)}`}
                >
                  <Card size="small" hoverable data-testid="my-application">
                    <Flex justify="space-between" align="center" gap={8} wrap>
                      <Typography.Text strong>
                        {tr('category', a.category)} · {money(a.requestedAmount, language)} {t('common.yuan')}
                      </Typography.Text>
                      <ToneTag tone={statusColour(a.status)}>{t(`status.${a.status}`)}</ToneTag>
                    </Flex>
                    <Typography.Text type="secondary">
                      {t('mine.submittedAt', { date: dateTime(a.createdAt, language) })}
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
