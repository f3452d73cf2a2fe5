import { Alert, Card, Descriptions, Flex, List, Steps, Timeline, Typography } from 'antd';
import type { Schemas } from '../api/client';
import { dateTime, money, statusColour } from '../common/format';
import { ToneTag } from '../common/tone-tag';
import { useT } from '../i18n';

export type CaseView = Schemas['ApplicationResponse'];

const FINAL_OK = new Set(['in_notice', 'under_review', 'approved']);
const FINAL_BAD = new Set(['rejected', 'refused', 'withdrawn', 'budget_exhausted']);

/** The levels as steps: submitted, each level opened so far (with its decision), then the outcome. */
export function CaseSteps({ view }: { view: CaseView }) {
  const { t, tr } = useT();
  const levels = new Map<number, string>();
  for (const task of view.tasks) levels.set(task.level, task.levelName);
  for (const d of view.decisions) levels.set(d.level, d.levelName);
  const ordered = [...levels.entries()].sort((a, b) => a[0] - b[0]);
  const items = [
    { title: t('case.submitted'), status: 'finish' as const },
    ...ordered.map(([level, name]) => {
      const decisions = view.decisions.filter((d) => d.level === level);
      const last = decisions[decisions.length - 1];
      const open = view.tasks.some((task) => task.level === level && task.status === 'open');
      return {
        title: tr('level', name),
        description: open ? t('case.waiting') : last ? t(`verb.${last.decision}`) : t('case.level', { level }),
        status: open
          ? ('process' as const)
          : last?.decision === 'reject'
            ? ('error' as const)
            : last
              ? ('finish' as const)
              : ('wait' as const),
      };
    }),
    {
      title: t('case.result'),
      description: t(`status.${view.status}`),
      status: FINAL_OK.has(view.status)
        ? ('finish' as const)
        : FINAL_BAD.has(view.status)
          ? ('error' as const)
          : ('wait' as const),
    },
  ];
  return <Steps direction="vertical" size="small" items={items} />;
}

/** Decisions and the other actions of the trail, oldest first. */
export function CaseTimeline({ view }: { view: CaseView }) {
  const { t, tr, language } = useT();
  const entries = [
    {
      at: view.createdAt,
      verb: 'submit',
      actor: '',
      comment: null as string | null,
      level: null as number | null,
      colour: 'blue',
    },
    ...view.decisions.map((d) => ({
      at: d.decidedAt,
      verb: d.decision,
      actor: d.actorName,
      comment: d.comment,
      level: d.level,
      colour: d.decision === 'approve' ? 'green' : 'red',
    })),
    ...view.actions.map((a) => ({
      at: a.occurredAt,
      verb: a.verb,
      actor: a.actorName,
      comment: a.verb === 'attach' ? String((a.details as { name?: string }).name ?? '') : a.comment,
      level: a.level,
      colour: 'gray',
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      items={entries.map((e, i) => ({
        key: i,
        color: e.colour,
        content: (
          <Flex vertical>
            <span>
              <strong>{tr('verb', e.verb)}</strong>
              {e.level !== null && ` · ${t('case.level', { level: e.level })}`}
              {e.actor && ` · ${e.actor}`}
            </span>
            {e.comment && <Typography.Text>{e.comment}</Typography.Text>}
            <Typography.Text type="secondary">{dateTime(e.at, language)}</Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}

export function CaseHeader({ view }: { view: CaseView }) {
  const { t, tr, language } = useT();
  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {tr('category', view.category)}
        </Typography.Title>
        <ToneTag tone={statusColour(view.status)} data-testid="case-status">
          {t(`status.${view.status}`)}
        </ToneTag>
      </Flex>
      <Typography.Paragraph style={{ margin: '8px 0 0' }}>
        {t('case.amount', { requested: money(view.requestedAmount, language) })}
        {view.grantedAmount !== null &&
          ` · ${t('case.grantedAmount', { granted: money(view.grantedAmount, language) })}`}
        {view.tier && ` · ${tr('tier', view.tier)}`}
      </Typography.Paragraph>
      {view.status === 'in_notice' && <Alert type="info" showIcon title={t('case.notice')} style={{ marginTop: 8 }} />}
      {view.outcomeReason && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('case.outcome')}: {view.outcomeReason}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

export function CaseRules({ view }: { view: CaseView }) {
  const { t, tr } = useT();
  if (!view.eligibility) return null;
  return (
    <Card size="small" title={t('case.rules')}>
      <List
        size="small"
        dataSource={view.eligibility.rules}
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
    </Card>
  );
}

export function CaseFacts({ view }: { view: CaseView }) {
  const { t, tr, language } = useT();
  const facts = Object.entries(view.facts ?? {});
  const show = (v: unknown) =>
    typeof v === 'boolean'
      ? t(v ? 'common.yes' : 'common.no')
      : typeof v === 'number'
        ? v.toLocaleString(language)
        : tr('enumValue', String(v));
  return (
    <Card size="small" title={t('case.facts')} data-testid="facts">
      <Descriptions
        size="small"
        column={1}
        items={[
          ...facts.map(([name, value]) => ({ key: name, label: tr('fact', name), children: show(value) })),
          ...(view.nationalId ? [{ key: 'nationalId', label: t('case.nationalId'), children: view.nationalId }] : []),
        ]}
      />
    </Card>
  );
}

export function CaseAttachments({ view }: { view: CaseView }) {
  const { t } = useT();
  const files = view.actions.filter((a) => a.verb === 'attach');
  if (files.length === 0) return null;
  return (
    <Card size="small" title={t('case.attachments')} data-testid="attachments">
      <List
        size="small"
        dataSource={files}
        renderItem={(a) => {
          const d = a.details as { name?: string; sizeBytes?: number; contentType?: string };
          return (
            <List.Item>
              {d.name} <Typography.Text type="secondary">({Math.ceil((d.sizeBytes ?? 0) / 1024)} KB)</Typography.Text>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
