import { useState } from 'react';
import type { ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Collapse,
  DatePicker,
  Descriptions,
  Flex,
  Grid,
  List,
  Row,
  Spin,
  Switch,
  Table,
  Tabs,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { useCase } from '../cases/case-page';
import { CaseFacts, CaseHeader, CaseSteps, CaseTimeline } from '../cases/case-view';
import { dateTime, money, statusColour } from '../common/format';
import { QueryState } from '../common/query-state';
import { ToneTag } from '../common/tone-tag';
import { useT } from '../i18n';
import type { CaseAsOf, LedgerEntryView, RederivationReport } from './audit-api';
import { errorText, rederive, replay, shortHash, useCaseAsOf, useHistory, useLedger, verifyLedger } from './audit-api';
import { lineDiff } from './line-diff';

const json = (value: unknown) => JSON.stringify(value, null, 2) ?? 'null';
const PRE = { margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

/** The projection now, or the case as it stood at `asOf` (folded from the ledger). */
function Projection({ id, asOf }: { id: string; asOf?: string }) {
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

function AsOfView({ view }: { view: CaseAsOf }) {
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

function Ledger({ id, unmasked, onAsOf }: { id: string; unmasked: boolean; onAsOf: (iso: string) => void }) {
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

function History({ id, unmasked }: { id: string; unmasked: boolean }) {
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
function Rederivation({ report }: { report: RederivationReport }) {
  const { t } = useT();
  return (
    <Flex vertical gap={8} data-testid="rederivation">
      <Alert
        type={report.matches ? 'success' : 'error'}
        showIcon
        title={t(report.matches ? 'audit.rederiveMatches' : 'audit.rederiveDiffers')}
        description={t('audit.rederivePolicy', { version: report.policyVersion ?? '—' })}
      />
      {report.problems.map((p) => (
        <Alert key={p} type="warning" showIcon title={p} />
      ))}
      <Table
        size="small"
        rowKey="subject"
        pagination={false}
        scroll={{ x: true }}
        dataSource={report.checks}
        onRow={(c) => (c.matches ? {} : { style: { background: '#fff1f0' } })}
        columns={[
          { title: t('audit.check'), dataIndex: 'subject', key: 'subject' },
          {
            title: t('audit.expected'),
            key: 'recomputed',
            render: (_: unknown, c) => <pre style={PRE}>{json(c.recomputed)}</pre>,
          },
          {
            title: t('audit.recorded'),
            key: 'recorded',
            render: (_: unknown, c) =>
              c.matches ? <pre style={PRE}>{json(c.recorded)}</pre> : <Diff before={c.recomputed} after={c.recorded} />,
          },
          {
            title: t('audit.result'),
            key: 'matches',
            render: (_: unknown, c) => (
              <ToneTag tone={c.matches ? 'success' : 'error'}>
                {t(c.matches ? 'audit.same' : 'audit.different')}
              </ToneTag>
            ),
          },
        ]}
      />
    </Flex>
  );
}

function Diff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useT();
  return (
    <pre style={PRE} aria-label={t('audit.diff')} data-testid="diff">
      {lineDiff(json(before), json(after)).map((line, i) => (
        <div
          key={i}
          style={
            line.op === '-'
              ? { background: '#ffebe9', color: '#82071e' }
              : line.op === '+'
                ? { background: '#dafbe1', color: '#116329' }
                : {}
          }
        >
          {line.op === ' ' ? '  ' : `${line.op} `}
          {line.text}
        </div>
      ))}
    </pre>
  );
}

function ResultCard(props: { title: string; children: ReactNode; onClose: () => void }) {
  const { t } = useT();
  return (
    <Card
      size="small"
      title={props.title}
      extra={
        <Button size="small" type="text" onClick={props.onClose}>
          {t('audit.close')}
        </Button>
      }
    >
      {props.children}
    </Card>
  );
}

/**
 * The auditor's case page: the projection, the ledger and the Temporal history side by side (tabs on a phone); the
 * chain verified, the workflow replayed, the computations re-derived; the case as it stood at any time.
 */
export default function AuditCasePage() {
  const { id = '' } = useParams();
  const { t, language } = useT();
  const auditor = useSession()?.user.role === 'auditor';
  const [params, setParams] = useSearchParams();
  const asOfRaw = params.get('asOf');
  const asOf = asOfRaw && !Number.isNaN(Date.parse(asOfRaw)) ? asOfRaw : undefined;
  const setAsOf = (iso: string | undefined) => {
    const next = new URLSearchParams(params);
    if (iso) next.set('asOf', iso);
    else next.delete('asOf');
    setParams(next, { replace: true });
  };
  const [unmasked, setUnmasked] = useState(false);
  const screens = Grid.useBreakpoint();
  const verify = useMutation({ mutationFn: verifyLedger });
  const replayRun = useMutation({ mutationFn: () => replay(id) });
  const rederivation = useMutation({ mutationFn: () => rederive(id) });

  const panes = [
    {
      key: 'projection',
      label: asOf ? t('audit.projectionAsOf') : t('audit.projection'),
      children: <Projection id={id} asOf={asOf} />,
    },
    { key: 'ledger', label: t('audit.ledger'), children: <Ledger id={id} unmasked={unmasked} onAsOf={setAsOf} /> },
    { key: 'history', label: t('audit.history'), children: <History id={id} unmasked={unmasked} /> },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('audit.caseTitle')}{' '}
          <Typography.Text type="secondary" style={{ fontSize: 14 }}>
            {id.slice(0, 8)}
          </Typography.Text>
        </Typography.Title>
        <Link to="/app/audit">{t('audit.backToSearch')}</Link>
      </Flex>
      <Card size="small">
        <Flex vertical gap={10}>
          <Flex wrap gap={8} align="center">
            <Typography.Text>
              <label htmlFor="audit-as-of">{t('audit.asOf')}</label>
            </Typography.Text>
            <DatePicker
              id="audit-as-of"
              showTime={{ format: 'HH:mm:ss' }}
              format="YYYY-MM-DD HH:mm:ss"
              placeholder={t('audit.asOfNow')}
              value={asOf ? dayjs(asOf) : null}
              onChange={(d) => setAsOf(d ? d.toISOString() : undefined)}
              style={{ width: 210 }}
            />
            {asOf && (
              <Button size="small" onClick={() => setAsOf(undefined)}>
                {t('audit.backToNow')}
              </Button>
            )}
          </Flex>
          <Flex wrap gap={8} align="center">
            <Switch id="audit-unmask" size="small" checked={unmasked} disabled={!auditor} onChange={setUnmasked} />
            <Typography.Text>
              <label htmlFor="audit-unmask">{t('audit.unmask')}</label>
            </Typography.Text>
            <Typography.Text type="secondary" data-testid="unmask-note">
              {t(auditor ? 'audit.unmaskLogged' : 'audit.unmaskAuditorsOnly')}
            </Typography.Text>
          </Flex>
          <Flex wrap gap={8}>
            <Button onClick={() => verify.mutate()} loading={verify.isPending}>
              {t('audit.verify')}
            </Button>
            <Button onClick={() => replayRun.mutate()} loading={replayRun.isPending}>
              {t('audit.replay')}
            </Button>
            <Button onClick={() => rederivation.mutate()} loading={rederivation.isPending}>
              {t('audit.rederive')}
            </Button>
          </Flex>
        </Flex>
      </Card>

      {verify.isPending && (
        <Card size="small">
          <Spin tip={t('audit.verifying')}>
            <div style={{ height: 32 }} />
          </Spin>
        </Card>
      )}
      {(verify.data || verify.error) && (
        <ResultCard title={t('audit.verifyTitle')} onClose={() => verify.reset()}>
          {verify.data ? (
            <Alert
              data-testid="verify-result"
              type={verify.data.ok ? 'success' : 'error'}
              showIcon
              title={t(verify.data.ok ? 'audit.verifyOk' : 'audit.verifyBroken', { checked: verify.data.checked })}
              description={
                verify.data.firstBroken &&
                t('audit.firstBroken', {
                  seq: verify.data.firstBroken.seq,
                  chain: t(`audit.chain_${verify.data.firstBroken.chain}`),
                  app: verify.data.firstBroken.applicationId,
                  problem: verify.data.firstBroken.problem,
                })
              }
            />
          ) : (
            <Alert type="error" showIcon title={errorText(verify.error, t('common.error'))} />
          )}
        </ResultCard>
      )}
      {(replayRun.data || replayRun.error) && (
        <ResultCard title={t('audit.replayTitle')} onClose={() => replayRun.reset()}>
          {replayRun.data ? (
            <Alert
              data-testid="replay-result"
              type={replayRun.data.outcome === 'identical' ? 'success' : 'error'}
              showIcon
              title={t(`audit.replay_${replayRun.data.outcome}`)}
              description={
                replayRun.data.outcome !== 'identical' && (
                  <Flex vertical>
                    {replayRun.data.firstDivergingEventId !== null && (
                      <span>{t('audit.firstDiverging', { id: replayRun.data.firstDivergingEventId })}</span>
                    )}
                    {replayRun.data.error && <pre style={PRE}>{replayRun.data.error}</pre>}
                  </Flex>
                )
              }
            />
          ) : replayRun.error instanceof ApiError && replayRun.error.status === 404 ? (
            <Alert data-testid="replay-result" type="info" showIcon title={t('audit.notArchived')} />
          ) : (
            <Alert type="error" showIcon title={errorText(replayRun.error, t('common.error'))} />
          )}
        </ResultCard>
      )}
      {(rederivation.data || rederivation.error) && (
        <ResultCard title={t('audit.rederiveTitle')} onClose={() => rederivation.reset()}>
          {rederivation.data ? (
            <Rederivation report={rederivation.data} />
          ) : (
            <Alert type="error" showIcon title={errorText(rederivation.error, t('common.error'))} />
          )}
        </ResultCard>
      )}

      {asOf && <Alert type="info" showIcon title={t('audit.showingAsOf', { time: dateTime(asOf, language) })} />}
      {screens.lg ? (
        <Row gutter={12}>
          {panes.map((p) => (
            <Col span={8} key={p.key}>
              <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{p.label}</h2>}>
                {/* Each view scrolls on its own, so the three stay side by side however long the history. */}
                <div
                  role="region"
                  aria-label={p.label}
                  tabIndex={0}
                  style={{ maxHeight: '75vh', overflowY: 'auto', paddingRight: 4 }}
                >
                  {p.children}
                </div>
              </Card>
            </Col>
          ))}
        </Row>
      ) : (
        <Tabs items={panes} />
      )}
    </Flex>
  );
}
