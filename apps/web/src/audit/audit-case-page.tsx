import { useState } from 'react';
import type { ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Flex, Grid, Row, Spin, Switch, Table, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { dateTime } from '../common/format';
import { ToneTag } from '../common/tone-tag';
import { useT } from '../i18n';
import type { RederivationReport } from './audit-api';
import { errorText, rederive, replay, verifyLedger } from './audit-api';
import { lineDiff } from './line-diff';
import { Projection, Ledger, History, json, PRE } from './audit-record-views';

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
