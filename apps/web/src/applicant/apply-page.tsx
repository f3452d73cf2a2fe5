import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Typography,
  Upload,
} from 'antd';
import type { UploadFile } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, call, newKey, upload } from '../api/client';
import { QueryState } from '../common/query-state';
import { money } from '../common/format';
import { ToneTag } from '../common/tone-tag';
import { useT } from '../i18n';
import { documentName } from './catalogue-page';
import { FactInput, factRules, factsToSend } from './fact-fields';
import type { Program } from './programs';
import { useProgram } from './programs';

/** The API's limits (libs/attachments: PDF, JPEG, PNG; ATTACHMENT_MAX_BYTES default 5 MiB). */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

interface FormValues {
  category: string;
  requestedAmount: number | null;
  nationalId?: string;
  facts: Record<string, unknown>;
}

const draftKey = (code: string) => `aidflow.draft.${code}`;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function ApplyForm({ program }: { program: Program }) {
  const { t, tr, language } = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  // One key for this form: a double click, or a retry after a 503, is the same application.
  const [idempotencyKey] = useState(newKey);
  // A second click before React re-renders the button as loading must not upload the files twice.
  const inFlight = useRef(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const initial = useMemo<FormValues>(() => {
    const saved = sessionStorage.getItem(draftKey(program.code));
    if (saved) return JSON.parse(saved) as FormValues;
    const facts: Record<string, unknown> = {};
    for (const f of program.facts) if (f.default !== undefined) facts[f.name] = f.default;
    return { category: program.categories[0] ?? '', requestedAmount: null, facts };
  }, [program]);
  const values = Form.useWatch([], form) as FormValues | undefined;
  const watched = useDebounced(values, 400);

  // Nothing typed is lost: the draft stays in this tab until the case is submitted (never the national id, which
  // is personal data: it stays in the form only).
  useEffect(() => {
    if (!values) return;
    sessionStorage.setItem(draftKey(program.code), JSON.stringify({ ...values, nationalId: undefined }));
  }, [values, program.code]);

  const previewBody =
    watched && watched.category && typeof watched.requestedAmount === 'number' && watched.requestedAmount > 0
      ? {
          category: watched.category,
          requestedAmount: watched.requestedAmount,
          facts: factsToSend(program, watched.facts),
        }
      : null;
  const preview = useQuery({
    queryKey: ['preview', program.code, previewBody],
    enabled: previewBody !== null,
    queryFn: () =>
      call(api.POST('/programs/{code}/preview', { params: { path: { code: program.code } }, body: previewBody! })),
    retry: false,
  });

  const submit = useMutation({
    mutationFn: async (v: FormValues) => {
      const created = await call(
        api.POST('/applications', {
          params: { header: { 'Idempotency-Key': idempotencyKey } },
          body: {
            program: program.code,
            category: v.category,
            requestedAmount: v.requestedAmount ?? 0,
            facts: factsToSend(program, v.facts),
            ...(v.nationalId ? { nationalId: v.nationalId } : {}),
          },
        }),
      );
      const failed: string[] = [];
      for (const f of files) {
        if (!f.originFileObj) continue;
        await upload(`/applications/${created.id}/attachments`, f.originFileObj, {
          'x-file-name': encodeURIComponent(f.name),
        }).catch((err: unknown) =>
          failed.push(t('apply.uploadFailed', { name: f.name, message: err instanceof Error ? err.message : '' })),
        );
      }
      return { created, failed };
    },
    onSuccess: ({ created, failed }) => {
      sessionStorage.removeItem(draftKey(program.code));
      void message.success(t('apply.submitted'));
      failed.forEach((f) => void message.error(f));
      void navigate(`/app/applications/${created.id}`);
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return;
      // The API's field errors next to the field: `facts.<name> ...` or the body field named first.
      const match = /^(facts\.)?([A-Za-z]+)\b/.exec(err.message);
      if (err.status === 400 && match) {
        const name = match[1] ? ['facts', match[2]] : [match[2]];
        form.setFields([{ name, errors: [err.message] }]);
      }
    },
  });

  const beforeUpload = (file: File) => {
    if (!ATTACHMENT_TYPES.includes(file.type)) setFileError(t('apply.badType', { name: file.name }));
    else if (file.size > ATTACHMENT_MAX_BYTES) setFileError(t('apply.tooLarge', { name: file.name }));
    else {
      setFileError(null);
      setFiles((list) => [
        ...list,
        {
          uid: `${Date.now()}-${file.name}`,
          name: file.name,
          status: 'done',
          originFileObj: file as UploadFile['originFileObj'],
        },
      ]);
    }
    return Upload.LIST_IGNORE;
  };

  const submitError = submit.error instanceof ApiError && submit.error.status !== 503 ? submit.error : null;
  const name = language === 'en' ? program.nameEn : program.name;
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => {
        if (inFlight.current) return;
        inFlight.current = true;
        submit.mutate(v, { onSettled: () => (inFlight.current = false) });
      }}
      scrollToFirstError
    >
      <Typography.Title level={1} style={{ fontSize: 20 }}>
        {t('apply.title', { program: name })}
      </Typography.Title>
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Card title={t('apply.facts')} size="small" style={{ marginBottom: 12 }}>
            <Form.Item
              label={t('apply.category')}
              name="category"
              rules={[{ required: true, message: t('apply.required', { field: t('apply.category') }) }]}
            >
              <Select options={program.categories.map((c) => ({ value: c, label: tr('category', c) }))} />
            </Form.Item>
            {program.facts.map((field) => {
              const label = tr('fact', field.name, field.description);
              return (
                <Form.Item
                  key={field.name}
                  label={label}
                  name={['facts', field.name]}
                  rules={factRules(field, label, t)}
                  tooltip={language === 'en' ? field.description : undefined}
                >
                  <FactInput field={field} />
                </Form.Item>
              );
            })}
            <Form.Item
              label={t('apply.requestedAmount')}
              name="requestedAmount"
              rules={[
                { required: true, message: t('apply.required', { field: t('apply.requestedAmount') }) },
                {
                  type: 'number',
                  min: 0.01,
                  max: 1_000_000,
                  message: t('apply.range', { field: t('apply.requestedAmount'), min: 0.01, max: 1_000_000 }),
                },
              ]}
            >
              <InputNumber
                min={0.01}
                max={1_000_000}
                precision={2}
                style={{ width: '100%' }}
                suffix={t('common.yuan')}
                inputMode="decimal"
              />
            </Form.Item>
            <Form.Item
              label={t('apply.nationalId')}
              name="nationalId"
              rules={[{ pattern: /^\d{17}[\dX]$/, message: t('apply.nationalIdInvalid') }]}
            >
              <Input autoComplete="off" maxLength={18} />
            </Form.Item>
          </Card>
          <Card title={t('apply.attachments')} size="small" style={{ marginBottom: 12 }}>
            {program.documentsRequired.length > 0 && (
              <Typography.Paragraph type="secondary">
                {program.documentsRequired.map((d) => documentName(d, language)).join('；')}
              </Typography.Paragraph>
            )}
            <Upload
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              multiple
              beforeUpload={beforeUpload}
              fileList={files}
              onRemove={(f) => setFiles((list) => list.filter((x) => x.uid !== f.uid))}
            >
              <Button>{t('apply.attachButton')}</Button>
            </Upload>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('apply.attachHint')}
            </Typography.Paragraph>
            {fileError && <Alert type="error" showIcon title={fileError} style={{ marginTop: 8 }} role="alert" />}
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card
            title={t('apply.preview')}
            size="small"
            style={{ marginBottom: 12 }}
            aria-live="polite"
            data-testid="preview"
          >
            {!previewBody && <Typography.Text type="secondary">{t('apply.previewHint')}</Typography.Text>}
            {preview.error instanceof ApiError && <Alert type="warning" showIcon title={preview.error.message} />}
            {preview.data && (
              <>
                <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }}>
                  <ToneTag tone={preview.data.eligible ? 'success' : 'error'}>
                    {preview.data.eligible ? t('apply.eligible') : t('apply.ineligible')}
                  </ToneTag>
                  {preview.data.tier && <ToneTag>{tr('tier', preview.data.tier)}</ToneTag>}
                </Flex>
                {preview.data.eligible && (
                  <Typography.Paragraph strong>
                    {t('apply.granted', {
                      amount: money(preview.data.grantedAmount, language),
                      cap: money(preview.data.cap, language),
                    })}
                  </Typography.Paragraph>
                )}
                {preview.data.blockedBy && (
                  <Alert
                    type="warning"
                    showIcon
                    title={t('apply.blocked', { message: preview.data.blockedBy.message })}
                    style={{ marginBottom: 8 }}
                  />
                )}
                <List
                  size="small"
                  dataSource={preview.data.rules}
                  renderItem={(r) => (
                    <List.Item>
                      <Flex vertical>
                        <span>
                          <ToneTag tone={r.passed ? 'success' : 'error'}>{r.passed ? '✓' : '✗'}</ToneTag>
                          <strong>{tr('rule', r.rule)}</strong>
                        </span>
                        <Typography.Text type="secondary">{r.detail}</Typography.Text>
                      </Flex>
                    </List.Item>
                  )}
                />
              </>
            )}
          </Card>
        </Col>
      </Row>
      {submitError && (
        <Alert
          type="error"
          showIcon
          title={submitError.message || submitError.code}
          style={{ marginBottom: 12 }}
          role="alert"
        />
      )}
      <Button
        type="primary"
        htmlType="submit"
        size="large"
        block
        loading={submit.isPending}
        disabled={submit.isPending}
      >
        {t('apply.submit')}
      </Button>
    </Form>
  );
}

export default function ApplyPage() {
  const { code = '' } = useParams();
  const program = useProgram(code);
  return (
    <QueryState loading={program.isLoading} error={program.error} retry={() => void program.refetch()}>
      {() => <ApplyForm program={program.data!} />}
    </QueryState>
  );
}
