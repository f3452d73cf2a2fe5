import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Flex, Form, Input, List, Modal, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { api, ApiError, call } from '../api/client';
import type { Schemas } from '../api/client';
import { dateTime, money } from '../common/format';
import { QueryState } from '../common/query-state';
import { ToneTag } from '../common/tone-tag';
import { useT } from '../i18n';
import { DeadlineTag } from './deadline-tag';

export type TaskRow = Schemas['TaskListItemResponse'];
type BulkResult = Schemas['BulkDecisionResult'];
const PAGE_SIZE = 50;

function useCaseName() {
  const { t, tr, language } = useT();
  return (row: { applicant: string | null; category: string; requestedAmount: number }) =>
    `${row.applicant ?? ''} · ${tr('category', row.category)} · ${money(row.requestedAmount, language)} ${t('common.yuan')}`;
}

function TaskCard({ task }: { task: TaskRow }) {
  const { t, tr, language } = useT();
  const name = useCaseName()(task);
  return (
    <Link to={`/app/tasks/${task.applicationId}`} style={{ flex: 1, minWidth: 0 }} aria-label={name}>
      <Card size="small" hoverable data-testid="task-card">
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong>
            {task.applicant} · {tr('category', task.category)}
          </Typography.Text>
          <Typography.Text strong>
            {money(task.requestedAmount, language)} {t('common.yuan')}
          </Typography.Text>
        </Flex>
        <Flex justify="space-between" gap={8} wrap align="center" style={{ marginTop: 4 }}>
          <span>
            <ToneTag>{tr('level', task.levelName)}</ToneTag>
            {task.round > 1 && <ToneTag tone="orange">{t('inbox.round', { round: task.round })}</ToneTag>}
            {task.tier && <ToneTag tone="gold">{tr('tier', task.tier)}</ToneTag>}
            <DeadlineTag workingDaysLeft={task.workingDaysLeft} overdue={task.overdue} />
          </span>
          <Typography.Text type="secondary">
            {t('inbox.openedAt', { date: dateTime(task.openedAt, language) })}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary">{task.orgUnitName}</Typography.Text>
      </Card>
    </Link>
  );
}

/**
 * The per-item answer of a bulk approval: approved, or refused with the code and message it would have got alone;
 * the refused first.
 */
function BulkResults(props: { results: BulkResult[]; rows: Map<string, TaskRow>; onClose: () => void }) {
  const { t } = useT();
  const name = useCaseName();
  const succeeded = props.results.filter((r) => r.ok).length;
  return (
    <Card
      size="small"
      title={t('inbox.bulkResult')}
      data-testid="bulk-results"
      style={{ marginBottom: 12 }}
      extra={
        <Button size="small" onClick={props.onClose}>
          {t('inbox.close')}
        </Button>
      }
    >
      <Typography.Paragraph data-testid="bulk-summary">
        {t('inbox.bulkSummary', { succeeded, failed: props.results.length - succeeded })}
      </Typography.Paragraph>
      <Table<BulkResult>
        size="small"
        rowKey="applicationId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={[...props.results].sort((a, b) => Number(a.ok) - Number(b.ok))}
        onRow={(r) => ({ 'data-testid': r.ok ? 'bulk-approved' : 'bulk-refused' }) as object}
        columns={[
          {
            key: 'case',
            title: t('inbox.resultCase'),
            render: (_, r) => {
              const row = props.rows.get(r.applicationId);
              return <Link to={`/app/tasks/${r.applicationId}`}>{row ? name(row) : r.applicationId}</Link>;
            },
          },
          {
            key: 'outcome',
            title: t('inbox.resultOutcome'),
            render: (_, r) => (
              <ToneTag tone={r.ok ? 'success' : 'error'}>{r.ok ? t('inbox.approved') : t('inbox.refused')}</ToneTag>
            ),
          },
          {
            key: 'reason',
            title: t('inbox.resultReason'),
            render: (_, r) =>
              r.ok ? (
                t(`status.${r.status ?? ''}`, { defaultValue: r.status ?? '' })
              ) : (
                <Flex vertical>
                  <Typography.Text code>{r.code}</Typography.Text>
                  <Typography.Text>{r.message}</Typography.Text>
                </Flex>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** 待我审批: the open tasks as the API sorts them (soonest deadline first), with multi-select and 批量同意. */
export function TodoTab(props: { tasks: UseQueryResult<TaskRow[]>; page: number; setPage: (page: number) => void }) {
  const { t } = useT();
  const queryClient = useQueryClient();
  const name = useCaseName();
  const [selected, setSelected] = useState<Map<string, TaskRow>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const [comment, setComment] = useState('');
  const [outcome, setOutcome] = useState<{ results: BulkResult[]; rows: Map<string, TaskRow> } | null>(null);
  const bulk = useMutation({
    mutationFn: (rows: Map<string, TaskRow>) =>
      call(
        api.POST('/tasks/bulk-decisions', {
          body: {
            items: [...rows.keys()].map((applicationId) => ({
              applicationId,
              decision: 'approve' as const,
              ...(comment.trim() ? { comment: comment.trim() } : {}),
            })),
          },
        }),
      ),
    onSuccess: (answer, rows) => {
      setOutcome({ results: answer.results, rows });
      setConfirming(false);
      setComment('');
      // Refused items stay selected: the approver may look at them and retry.
      setSelected(
        new Map(
          answer.results
            .filter((r) => !r.ok && rows.has(r.applicationId))
            .map((r) => [r.applicationId, rows.get(r.applicationId)!]),
        ),
      );
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['application'] });
    },
  });
  const all = props.tasks.data ?? [];
  const visible = all.slice((props.page - 1) * PAGE_SIZE, props.page * PAGE_SIZE);
  const allChecked = visible.length > 0 && visible.every((r) => selected.has(r.applicationId));
  const someChecked = visible.some((r) => selected.has(r.applicationId));
  const toggle = (row: TaskRow, on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(row.applicationId, row);
      else next.delete(row.applicationId);
      return next;
    });
  const error = bulk.error instanceof ApiError && bulk.error.status !== 503 ? bulk.error : null;
  return (
    <>
      {outcome && <BulkResults results={outcome.results} rows={outcome.rows} onClose={() => setOutcome(null)} />}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Checkbox
          checked={allChecked}
          indeterminate={someChecked && !allChecked}
          disabled={visible.length === 0}
          onChange={(e) => visible.forEach((r) => toggle(r, e.target.checked))}
        >
          {t('inbox.selectAll')}
        </Checkbox>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary" data-testid="selected-count">
            {t('inbox.selected', { count: selected.size })}
          </Typography.Text>
          <Button type="primary" disabled={selected.size === 0} onClick={() => setConfirming(true)}>
            {t('inbox.bulkApprove')}
          </Button>
        </Flex>
      </Flex>
      <QueryState loading={props.tasks.isLoading} error={props.tasks.error} retry={() => void props.tasks.refetch()}>
        {() => (
          <List
            dataSource={visible}
            locale={{ emptyText: <Typography.Text type="secondary">{t('inbox.empty')}</Typography.Text> }}
            pagination={
              all.length > PAGE_SIZE
                ? {
                    current: props.page,
                    pageSize: PAGE_SIZE,
                    total: all.length,
                    onChange: props.setPage,
                    showTotal: (count) => t('common.total', { count }),
                    size: 'small',
                  }
                : false
            }
            renderItem={(task) => (
              <List.Item>
                <Flex gap={8} align="center" style={{ width: '100%' }}>
                  <Checkbox
                    aria-label={t('inbox.select', { name: name(task) })}
                    checked={selected.has(task.applicationId)}
                    onChange={(e) => toggle(task, e.target.checked)}
                  />
                  <TaskCard task={task} />
                </Flex>
              </List.Item>
            )}
          />
        )}
      </QueryState>
      <Modal
        open={confirming}
        title={t('inbox.bulkConfirmTitle', { count: selected.size })}
        okText={t('inbox.bulkConfirm')}
        cancelText={t('common.cancel')}
        confirmLoading={bulk.isPending}
        onOk={() => bulk.mutate(new Map(selected))}
        onCancel={() => setConfirming(false)}
      >
        <Form layout="vertical">
          <Form.Item label={t('inbox.bulkComment')} htmlFor="bulk-comment">
            <Input.TextArea
              id="bulk-comment"
              maxLength={2000}
              autoSize={{ minRows: 2 }}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon role="alert" title={error.message || error.code} />}
      </Modal>
    </>
  );
}
