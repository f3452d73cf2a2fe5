import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select } from 'antd';
import { api, ApiError, call } from '../api/client';
import { FactInput, factRules, factsToSend } from '../applicant/fact-fields';
import type { Program } from '../applicant/programs';
import { useProgram } from '../applicant/programs';
import { QueryState } from '../common/query-state';
import { useT } from '../i18n';
import type { CaseView } from './case-view';

interface Values {
  category: string;
  requestedAmount: number | null;
  facts: Record<string, unknown>;
  comment?: string;
}

/** Reference numbers come back masked (…No, …Ref): the applicant types them again rather than resending the mask. */
const masked = (name: string) => /(No|Ref)$/.test(name);

function Resubmit({ view, program }: { view: CaseView; program: Program }) {
  const { t, tr } = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const facts: Record<string, unknown> = {};
  for (const f of program.facts) {
    const value = view.facts[f.name];
    if (value !== undefined && !masked(f.name)) facts[f.name] = value;
  }
  const returned = [...view.actions].reverse().find((a) => a.verb === 'return');
  const send = useMutation({
    mutationFn: (v: Values) =>
      call(
        api.POST('/applications/{id}/resubmit', {
          params: { path: { id: view.id } },
          body: {
            category: v.category,
            requestedAmount: v.requestedAmount ?? 0,
            facts: factsToSend(program, v.facts),
            ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
          },
        }),
      ),
    onSuccess: () => {
      void message.success(t('case.resubmitted'));
      void queryClient.invalidateQueries({ queryKey: ['application', view.id] });
      void queryClient.invalidateQueries({ queryKey: ['applications'] });
    },
    onError: (err) => {
      if (!(err instanceof ApiError) || err.status !== 400) return;
      // The API's field error next to the field: `facts.<name> ...` or the body field named first.
      const match = /^(facts\.)?([A-Za-z]+)\b/.exec(err.message);
      if (match) form.setFields([{ name: match[1] ? ['facts', match[2]] : [match[2]], errors: [err.message] }]);
    },
  });
  const error = send.error instanceof ApiError && send.error.status !== 503 ? send.error : null;
  return (
    <Card size="small" title={t('case.resubmitTitle')} data-testid="resubmit-form">
      {returned?.comment && (
        <Alert
          type="warning"
          showIcon
          title={t('case.returnedBecause', { reason: returned.comment })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ category: view.category, requestedAmount: view.requestedAmount, facts }}
        onFinish={(v) => send.mutate(v)}
      >
        <Form.Item label={t('apply.category')} name="category" rules={[{ required: true }]}>
          <Select options={program.categories.map((c) => ({ value: c, label: tr('category', c) }))} />
        </Form.Item>
        {program.facts.map((field) => {
          const label = tr('fact', field.name, field.description);
          return (
            <Form.Item key={field.name} label={label} name={['facts', field.name]} rules={factRules(field, label, t)}>
              <FactInput field={field} />
            </Form.Item>
          );
        })}
        <Form.Item
          label={t('apply.requestedAmount')}
          name="requestedAmount"
          rules={[{ required: true, message: t('apply.required', { field: t('apply.requestedAmount') }) }]}
        >
          <InputNumber min={0.01} max={1_000_000} precision={2} style={{ width: '100%' }} suffix={t('common.yuan')} />
        </Form.Item>
        <Form.Item label={t('case.resubmitComment')} name="comment">
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
        {error && (
          <Alert type="error" showIcon role="alert" title={error.message || error.code} style={{ marginBottom: 12 }} />
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={send.isPending}>
          {t('case.resubmit')}
        </Button>
      </Form>
    </Card>
  );
}

/** 重新提交: a returned case goes back with changed facts (or the same, explained); every level decides again. */
export function ResubmitForm({ view }: { view: CaseView }) {
  const program = useProgram(view.program);
  return (
    <QueryState loading={program.isLoading} error={program.error} retry={() => void program.refetch()}>
      {() => <Resubmit view={view} program={program.data!} />}
    </QueryState>
  );
}
