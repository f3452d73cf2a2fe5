import { Alert, Button, Card, Collapse, Descriptions, Flex, List, Typography } from 'antd';
import { useCase } from '../cases/case-page';
import { CaseFacts, CaseHeader, CaseSteps, CaseTimeline } from '../cases/case-view';
import { dateTime, money, statusColour } from '../common/format';
import { QueryState } from '../common/query-state';
import { ToneTag } from '../common/tone-tag';
import { useT } from '../i18n';
import type { CaseAsOf, LedgerEntryView } from './audit-api';
import { shortHash, useCaseAsOf, useHistory, useLedger } from './audit-api';

/* The audit case page's record views: the projection (or the case as of a moment), the ledger and the history. */

export const json = (value: unknown) => JSON.stringify(value, null, 2) ?? 'null';
export const PRE = { margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

/** The projection now, or the case as it stood at `asOf` (folded from the ledger). */
export function Projection({ id, asOf }: { id: string; asOf?: string }) {
  const { t } = useT();
  const now = useCase(id);
  const then = useCaseAsOf(id, asOf);
  if (asOf) {
    return (
      <QueryState loading={then.isLoading} error={then.error} retry={() => void then.refetch()}>
        {() => <AsOfView view={then.data!} />}
      </QueryState>
    );
  }
  return (
    <QueryState loading={now.isLoading} error={now.error} retry={() => void now.refetch()}>
      {() => (
        <Flex vertical gap={12}>
          <CaseHeader view={now.data!} />
          <Card size="small" title={t('case.steps')}>
            <CaseSteps view={now.data!} />
          </Card>
          <Card size="small" title={t('case.trail')}>
            <CaseTimeline view={now.data!} />
          </Card>
          <CaseFacts view={now.data!} />
        </Flex>
      )}
    </QueryState>
  );
}

export function AsOfView({ view }: { view: CaseAsOf }) {
  const { t, tr, language } = useT();
  if (!view.existed) {
    return <Alert type="info" showIcon title={t('audit.notYet', { time: dateTime(view.asOf, language) })} />;
  }
  return (
    <Card size="small" data-testid="as-of-view">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>{tr('category', view.category)}</Typography.Text>
        {view.status && (
          <ToneTag tone={statusColour(view.status)} data-testid="as-of-status">
            {t(`status.${view.status}`)}
          </ToneTag>
        )}
      </Flex>
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        items={[
          { key: 'asOf', label: t('audit.asOf'), children: dateTime(view.asOf, language) },
          {
            key: 'amount',
            label: t('audit.requested'),
            children: `${money(view.requestedAmountFen === null ? null : view.requestedAmountFen / 100, language)} ${t('common.yuan')}`,
          },
          { key: 'level', label: t('audit.currentLevel'), children: view.currentLevel ?? '—' },
          { key: 'policy', label: t('audit.policyVersion'), children: view.policyVersion ?? '—' },
          { key: 'entries', label: t('audit.entriesSoFar'), children: view.ledgerEntries },
        ]}
      />
      <Typography.Text strong>{t('audit.decisionsSoFar', { count: view.decisions.length })}</Typography.Text>
      {view.decisions.length === 0 && <Typography.Paragraph>{t('audit.noDecisions')}</Typography.Paragraph>}
      <List
        size="small"
        dataSource={view.decisions}
        style={view.decisions.length === 0 ? { display: 'none' } : undefined}
        renderItem={(d) => (
          <List.Item>
            {t('case.level', { level: d.level })} · {tr('verb', d.decision)} · {d.actorName} ·{' '}
            {dateTime(d.decidedAt, language)}
          </List.Item>
        )}
      />
    </Card>
  );
}

export function Ledger({ id, unmasked, onAsOf }: { id: string; unmasked: boolean; onAsOf: (iso: string) => void }) {
  const { t, language } = useT();
  const ledger = useLedger(id, unmasked);
  return (
    <QueryState loading={ledger.isLoading} error={ledger.error} retry={() => void ledger.refetch()}>
      {() => (
        <List
          size="small"
          data-testid="ledger"
          dataSource={ledger.data!.entries}
          locale={{ emptyText: t('audit.noEntries') }}
          renderItem={(e: LedgerEntryView) => (
            <List.Item data-testid="ledger-entry">
              <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
                <Flex justify="space-between" wrap gap={4}>
                  <Typography.Text strong>
                    #{e.caseSeq} {t(`ledgerKind.${e.kind}`, { defaultValue: e.kind })}
                  </Typography.Text>
                  <Typography.Text type="secondary">{dateTime(e.occurredAt, language)}</Typography.Text>
                </Flex>
                <Typography.Text style={{ fontSize: 12 }}>
                  <span title={e.caseHash}>
                    {t('audit.caseHash')} <code>{shortHash(e.caseHash)}</code>
                  </span>{' '}
                  ·{' '}
                  <span title={e.globalHash ?? undefined}>
                    {t('audit.globalHash')} <code>{e.globalHash ? shortHash(e.globalHash) : t('audit.unsealed')}</code>
                  </span>
                </Typography.Text>
                <Collapse
                  size="small"
                  ghost
                  items={[
                    {
                      key: 'payload',
                      label: t('audit.payload'),
                      children: <pre style={PRE}>{json(e.payload)}</pre>,
                    },
                  ]}
                />
                <Button
                  size="small"
                  type="link"
                  style={{ alignSelf: 'start', padding: 0 }}
                  onClick={() => onAsOf(e.occurredAt)}
                >
                  {t('audit.asOfEntry')}
                </Button>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </QueryState>
  );
}

export function History({ id, unmasked }: { id: string; unmasked: boolean }) {
  const { t, language } = useT();
  const history = useHistory(id, unmasked);
  return (
    <QueryState loading={history.isLoading} error={history.error} retry={() => void history.refetch()}>
      {() => (
        <Flex vertical gap={8} data-testid="history">
          <Typography.Text type="secondary">
            {t(history.data!.source === 'archive' ? 'audit.fromArchive' : 'audit.fromServer')}
          </Typography.Text>
          {history.data!.runs.map((run) => (
            <div key={run.runId}>
              <Typography.Text style={{ fontSize: 12, wordBreak: 'break-all' }}>
                {t('audit.run', { run: run.runId, count: run.events.length })}
              </Typography.Text>
              <Collapse
                size="small"
                items={run.events.map((e) => ({
                  key: String(e.eventId),
                  label: (
                    <span data-testid="history-event" style={{ wordBreak: 'break-all' }}>
                      {e.eventId} · {e.eventType}
                      <Typography.Text type="secondary"> · {dateTime(e.eventTime, language)}</Typography.Text>
                    </span>
                  ),
                  children: <pre style={PRE}>{json(e.attributes)}</pre>,
                }))}
              />
            </div>
          ))}
        </Flex>
      )}
    </QueryState>
  );
}

/** Recorded against recomputed, each check a row; a mismatch shows the two values as a line diff. */
