import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Radio, Select } from 'antd';
import { useNavigate } from 'react-router';
import { api, ApiError, call, newKey } from '../api/client';
import type { CaseView } from '../cases/case-view';
import { useT } from '../i18n';

/** The verbs of DingTalk / Feishu approvals an approver has on a case (the applicant's own verbs are elsewhere). */
export type Verb = 'approve' | 'reject' | 'return' | 'transfer' | 'add_approver' | 'copy' | 'comment';
/** Verbs that need the open task; copy and comment do not. */
export const TASK_VERBS: Verb[] = ['approve', 'reject', 'return', 'transfer', 'add_approver', 'copy', 'comment'];
export const OPEN_VERBS: Verb[] = ['copy', 'comment'];

interface Values {
  verb: Verb;
  comment?: string;
  toLevel?: number;
  to?: string;
  username?: string;
  position?: 'before' | 'after';
  usernames?: string[];
}
type Field = Exclude<keyof Values, 'verb'>;
const FIELDS: Field[] = ['comment', 'toLevel', 'to', 'username', 'position', 'usernames'];
/** The field an ACTION_INVALID (422) of each verb is about: who was picked, or where to return to. */
const REFUSAL_FIELD: Partial<Record<Verb, Field>> = {
  return: 'toLevel',
  transfer: 'to',
  add_approver: 'username',
  copy: 'usernames',
  comment: 'comment',
};
const PICKER_VERB: Partial<Record<Verb, 'transfer' | 'add_approver' | 'copy'>> = {
  transfer: 'transfer',
  add_approver: 'add_approver',
  copy: 'copy',
};

function useCandidates(id: string, verb: Verb) {
  const pick = PICKER_VERB[verb];
  return useQuery({
    queryKey: ['application', id, 'candidates', pick],
    queryFn: () => call(api.GET('/applications/{id}/candidates', { params: { path: { id }, query: { verb: pick! } } })),
    enabled: pick !== undefined,
    staleTime: 60_000,
  });
}

/** The API's field errors as `[field, message]`: VALIDATION_FAILED names the field first in each message. */
function fieldErrors(err: ApiError, verb: Verb): Array<[Field, string]> {
  if (err.status === 400) {
    const messages = Array.isArray(err.details) ? (err.details as unknown[]).map(String) : [err.message];
    const named = (err.details as { field?: unknown } | undefined)?.field;
    return messages.flatMap((m): Array<[Field, string]> => {
      const field = (typeof named === 'string' ? named : /^([A-Za-z]+)\b/.exec(m)?.[1]) as Field | undefined;
      return field && FIELDS.includes(field) ? [[field, m]] : [];
    });
  }
  const field = REFUSAL_FIELD[verb];
  if (err.status === 422 && err.code === 'ACTION_INVALID' && field) return [[field, err.message]];
  return [];
}

/**
 * One form for every verb: pick the verb, fill what it needs, submit. What was typed stays after a refusal (the API's
 * field errors show next to their field); after a success the case and the inbox lists are fetched again.
 */
export function VerbForm({ view, verbs }: { view: CaseView; verbs: Verb[] }) {
  const { t, tr } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const verb = (Form.useWatch('verb', form) as Verb | undefined) ?? verbs[0];
  const position = Form.useWatch<Values['position']>('position', form) ?? 'before';
  const candidates = useCandidates(view.id, verb);
  // One key per decision of this form: a retry after a 503 is the same decision (the API answers it as the first
  // time); switching between approve and reject is another decision, with a key of its own.
  const [keys] = useState(() => ({ approve: newKey(), reject: newKey() }));
  const [unplaced, setUnplaced] = useState<ApiError | null>(null);

  const send = useMutation({
    mutationFn: async (v: Values) => {
      const path = { path: { id: view.id } };
      const comment = v.comment?.trim() ? v.comment.trim() : undefined;
      const withComment = comment ? { comment } : {};
      switch (v.verb) {
        case 'approve':
        case 'reject':
          return call(
            api.POST('/applications/{id}/decisions', {
              params: { ...path, header: { 'idempotency-key': keys[v.verb] } },
              body: {
                decision: v.verb,
                ...withComment,
                ...(view.currentLevel ? { level: view.currentLevel } : {}),
              },
            }),
          );
        case 'return':
          return call(
            api.POST('/applications/{id}/return', {
              params: path,
              body: { comment: comment ?? '', toLevel: v.toLevel ?? 0 },
            }),
          );
        case 'transfer':
          return call(api.POST('/applications/{id}/transfer', { params: path, body: { to: v.to!, ...withComment } }));
        case 'add_approver':
          return call(
            api.POST('/applications/{id}/approvers', {
              params: path,
              body: { username: v.username!, position: v.position ?? 'before', ...withComment },
            }),
          );
        case 'copy':
          return call(
            api.POST('/applications/{id}/copies', {
              params: path,
              body: { usernames: v.usernames ?? [], ...withComment },
            }),
          );
        case 'comment':
          return call(api.POST('/applications/{id}/comments', { params: path, body: { comment: comment ?? '' } }));
      }
    },
    onMutate: () => setUnplaced(null),
    onSuccess: (_data, v) => {
      void message.success(t('task.done'));
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['application', view.id] });
      // The task left the caller: back to the inbox. Copy, comment and 后加签 keep the case here.
      const gone =
        ['approve', 'reject', 'return', 'transfer'].includes(v.verb) ||
        (v.verb === 'add_approver' && v.position !== 'after');
      if (gone) void navigate('/app/inbox');
      else form.setFieldsValue({ comment: undefined, usernames: undefined, username: undefined });
    },
    onError: (err, v) => {
      if (!(err instanceof ApiError)) return;
      const placed = fieldErrors(err, v.verb);
      if (placed.length > 0) form.setFields(placed.map(([name, text]) => ({ name, errors: [text] })));
      else if (err.status !== 503) setUnplaced(err);
    },
  });

  const commentLabel: Record<Verb, string> = {
    approve: t('task.comment'),
    reject: t('task.rejectReason'),
    return: t('task.returnReason'),
    transfer: t('task.commentOptional'),
    add_approver: t('task.commentOptional'),
    copy: t('task.commentOptional'),
    comment: t('task.commentText'),
  };
  const verbLabel: Record<Verb, string> = {
    approve: t('task.approve'),
    reject: t('task.reject'),
    return: t('task.return'),
    transfer: t('task.transfer'),
    add_approver: t('task.addApprover'),
    copy: t('task.copy'),
    comment: t('task.commentVerb'),
  };
  const required = verb === 'reject' || verb === 'return' || verb === 'comment';
  const earlier = new Map<number, string>();
  for (const task of view.tasks)
    if (view.currentLevel && task.level < view.currentLevel) earlier.set(task.level, task.levelName);
  for (const d of view.decisions)
    if (view.currentLevel && d.level < view.currentLevel) earlier.set(d.level, d.levelName);
  const people = (candidates.data ?? []).map((c) => ({
    value: c.username,
    label: `${c.displayName} · ${c.orgUnitName}`,
  }));
  const picker = {
    options: people,
    showSearch: { optionFilterProp: 'label' as const },
    loading: candidates.isLoading,
    notFoundContent: t('task.noCandidates'),
  };
  const pickRule = [{ required: true, message: t('task.pickRequired') }];

  return (
    <Card size="small" title={t('task.decide')} data-testid="verb-form">
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ verb: verbs[0], toLevel: 0, position: 'before' }}
        onFinish={(v) => send.mutate({ ...form.getFieldsValue(true), ...v } as Values)}
        onValuesChange={(changed: Partial<Values>) => {
          if ('verb' in changed) setUnplaced(null);
        }}
      >
        <Form.Item name="verb">
          <Radio.Group
            aria-label={t('task.verb')}
            optionType="button"
            buttonStyle="solid"
            options={verbs.map((v) => ({ value: v, label: verbLabel[v] }))}
          />
        </Form.Item>
        {verb === 'return' && (
          <Form.Item name="toLevel" label={t('task.returnTo')}>
            <Select<number>
              options={[
                { value: 0, label: t('task.toApplicant') },
                ...[...earlier.entries()]
                  .sort((a, b) => a[0] - b[0])
                  .map(([level, name]) => ({
                    value: level,
                    label: t('task.toLevel', { level, name: tr('level', name) }),
                  })),
              ]}
            />
          </Form.Item>
        )}
        {verb === 'transfer' && (
          <Form.Item name="to" label={t('task.transferTo')} rules={pickRule}>
            <Select<string> {...picker} />
          </Form.Item>
        )}
        {verb === 'add_approver' && (
          <>
            <Form.Item name="position" label={t('task.position')}>
              <Radio.Group
                options={[
                  { value: 'before', label: t('task.before') },
                  { value: 'after', label: t('task.after') },
                ]}
              />
            </Form.Item>
            <Form.Item name="username" label={t('task.addWho')} rules={pickRule}>
              <Select<string> {...picker} />
            </Form.Item>
          </>
        )}
        {verb === 'copy' && (
          <Form.Item name="usernames" label={t('task.copyTo')} rules={pickRule}>
            <Select<string[]> mode="multiple" {...picker} />
          </Form.Item>
        )}
        <Form.Item
          name="comment"
          label={commentLabel[verb]}
          rules={
            required
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: verb === 'comment' ? t('task.commentRequired') : t('task.reasonRequired'),
                  },
                ]
              : []
          }
        >
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2 }} />
        </Form.Item>
        {unplaced && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={unplaced.message || unplaced.code}
            style={{ marginBottom: 12 }}
          />
        )}
        <Button type="primary" htmlType="submit" block size="large" loading={send.isPending} danger={verb === 'reject'}>
          {verb === 'add_approver' ? t(position === 'after' ? 'task.afterShort' : 'task.beforeShort') : verbLabel[verb]}
        </Button>
      </Form>
    </Card>
  );
}
