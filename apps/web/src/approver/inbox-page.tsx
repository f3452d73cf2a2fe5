import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Flex, List, Tabs, Typography } from 'antd';
import { Link } from 'react-router';
import { api, call } from '../api/client';
import { dateTime, money, statusColour } from '../common/format';
import { QueryState } from '../common/query-state';
import { ToneTag } from '../common/tone-tag';
import { useT } from '../i18n';

/** The approver's first screen (DingTalk style): 待我审批 with its count, oldest first; 我发起的. Polls for new tasks. */
export default function InboxPage() {
  const { t, tr, language } = useT();
  const tasks = useQuery({ queryKey: ['tasks'], queryFn: () => call(api.GET('/tasks')), refetchInterval: 15_000 });
  const mine = useQuery({
    queryKey: ['applications', 'mine', 'inbox'],
    queryFn: () => call(api.GET('/applications', { params: { query: { mine: true, pageSize: 20 } } })),
  });
  const todo = tasks.data ?? [];
  return (
    <section>
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('inbox.title')}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'todo',
            label: (
              <Flex gap={6} align="center">
                {t('inbox.todo')}
                <Badge
                  count={todo.length}
                  showZero
                  color={todo.length ? '#b50e27' : '#8c8c8c'}
                  data-testid="todo-count"
                />
              </Flex>
            ),
            children: (
              <QueryState loading={tasks.isLoading} error={tasks.error} retry={() => void tasks.refetch()}>
                {() => (
                  <List
                    dataSource={todo}
                    locale={{ emptyText: t('inbox.empty') }}
                    renderItem={(task) => (
                      <List.Item>
                        <Link
                          to={`/app/tasks/${task.applicationId}`}
                          style={{ width: '100%' }}
                          aria-label={`${task.applicant ?? ''} ${tr('category', task.category)} ${money(task.requestedAmount, language)}`}
                        >
                          <Card size="small" hoverable data-testid="task-card">
                            <Flex justify="space-between" gap={8} wrap>
                              <Typography.Text strong>
                                {task.applicant} · {tr('category', task.category)}
                              </Typography.Text>
                              <Typography.Text strong>
                                {money(task.requestedAmount, language)} {t('common.yuan')}
                              </Typography.Text>
                            </Flex>
                            <Flex justify="space-between" gap={8} wrap>
                              <span>
                                <ToneTag>{tr('level', task.levelName)}</ToneTag>
                                {task.tier && <ToneTag tone="gold">{tr('tier', task.tier)}</ToneTag>}
                              </span>
                              <Typography.Text type="secondary">
                                {t('inbox.openedAt', { date: dateTime(task.openedAt, language) })}
                              </Typography.Text>
                            </Flex>
                          </Card>
                        </Link>
                      </List.Item>
                    )}
                  />
                )}
              </QueryState>
            ),
          },
          {
            key: 'mine',
            label: t('inbox.mine'),
            children: (
              <QueryState loading={mine.isLoading} error={mine.error} retry={() => void mine.refetch()}>
                {() => (
                  <List
                    dataSource={mine.data?.items ?? []}
                    locale={{ emptyText: t('mine.empty') }}
                    renderItem={(a) => (
                      <List.Item>
                        <Link to={`/app/applications/${a.id}`}>
                          {tr('category', a.category)} · {money(a.requestedAmount, language)} {t('common.yuan')}
                        </Link>
                        <ToneTag tone={statusColour(a.status)}>{t(`status.${a.status}`)}</ToneTag>
                      </List.Item>
                    )}
                  />
                )}
              </QueryState>
            ),
          },
        ]}
      />
    </section>
  );
}
