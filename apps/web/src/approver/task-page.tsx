import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Radio, Row } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, call, newKey } from '../api/client';
import { useSession } from '../auth/session';
import { QueryState } from '../common/query-state';
import { useCase } from '../cases/case-page';
import type { CaseView } from '../cases/case-view';
import { CaseAttachments, CaseFacts, CaseHeader, CaseRules, CaseSteps, CaseTimeline } from '../cases/case-view';
import { useT } from '../i18n';

type Verb = 'approve' | 'reject' | 'return';

function DecisionForm({ view }: { view: CaseView }) {
  const { t } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ verb: Verb; comment?: string }>();
  const verb = (Form.useWatch('verb', form) as Verb | undefined) ?? 'approve';
  // One key per decision form: a retry after a 503 is the same decision (the API answers it as the first time).
  const [key] = useState(newKey);
  const decide = useMutation({
    mutationFn: async ({ verb: v, comment }: { verb: Verb; comment?: string }) => {
      const path = { params: { path: { id: view.id } } };
      if (v === 'return')
        return call(api.POST('/applications/{id}/return', { ...path, body: { comment: comment ?? '', toLevel: 0 } }));
      return call(
        api.POST('/applications/{id}/decisions', {
          params: { path: { id: view.id }, header: { 'idempotency-key': key } },
          body: {
            decision: v,
            ...(comment ? { comment } : {}),
            ...(view.currentLevel ? { level: view.currentLevel } : {}),
          },
        }),
      );
    },
    onSuccess: () => {
      void message.success(t('task.done'));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['application', view.id] });
      void navigate('/app/inbox');
    },
  });
  const error = decide.error instanceof ApiError && decide.error.status !== 503 ? decide.error : null;
  const reasonNeeded = verb !== 'approve';
  return (
    <Card size="small" title={t('task.decide')}>
      <Form form={form} layout="vertical" initialValues={{ verb: 'approve' }} onFinish={(v) => decide.mutate(v)}>
        <Form.Item name="verb">
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'approve', label: t('task.approve') },
              { value: 'reject', label: t('task.reject') },
              { value: 'return', label: t('task.return') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={
            verb === 'reject' ? t('task.rejectReason') : verb === 'return' ? t('task.returnReason') : t('task.comment')
          }
          rules={reasonNeeded ? [{ required: true, whitespace: true, message: t('task.reasonRequired') }] : []}
        >
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
        {error && (
          <Alert type="error" showIcon role="alert" title={error.message || error.code} style={{ marginBottom: 12 }} />
        )}
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={decide.isPending}
          danger={verb === 'reject'}
        >
          {verb === 'approve' ? t('task.approve') : verb === 'reject' ? t('task.reject') : t('task.return')}
        </Button>
      </Form>
    </Card>
  );
}

/** A task: the case's facts, rules, trail and documents, and the decision form while the level is the caller's. */
export default function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useT();
  const userId = useSession()?.user.userId;
  const view = useCase(id);
  return (
    <QueryState loading={view.isLoading} error={view.error} retry={() => void view.refetch()}>
      {() => {
        const data = view.data!;
        const mine = data.tasks.some(
          (task) => task.status === 'open' && userId !== undefined && task.assigneeIds.includes(userId),
        );
        return (
          <Flex vertical gap={12}>
            <CaseHeader view={data} />
            <Row gutter={[12, 12]}>
              <Col xs={24} md={12}>
                <Flex vertical gap={12}>
                  <CaseFacts view={data} />
                  <CaseRules view={data} />
                  <CaseAttachments view={data} />
                </Flex>
              </Col>
              <Col xs={24} md={12}>
                <Flex vertical gap={12}>
                  {mine ? <DecisionForm view={data} /> : <Alert type="info" showIcon title={t('task.notYours')} />}
                  <Card size="small" title={t('case.steps')}>
                    <CaseSteps view={data} />
                  </Card>
                  <Card size="small" title={t('case.trail')}>
                    <CaseTimeline view={data} />
                  </Card>
                </Flex>
              </Col>
            </Row>
          </Flex>
        );
      }}
    </QueryState>
  );
}
