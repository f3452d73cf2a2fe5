import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import type { Schemas } from '../api/client';
import { usePrograms } from '../applicant/programs';
import { money } from '../common/format';
import { QueryState } from '../common/query-state';
import { useT } from '../i18n';
import type { Language } from '../i18n';
import { download, errorText } from './audit-api';

type Figures = Schemas['AnnualFiguresResponse'];
const FIRST_YEAR = 2000;

const monthName = (month: number, language: Language) =>
  new Date(Date.UTC(2000, month - 1, 15)).toLocaleString(language, { month: 'short', timeZone: 'UTC' });

/** Amount paid to cases by month, as plain bars (no chart library in the bundle). */
function MonthBars({ figures }: { figures: Figures }) {
  const { t, language } = useT();
  const max = Math.max(1, ...figures.byMonth.map((m) => m.amount));
  const summary = figures.byMonth
    .map((m) => `${monthName(m.month, language)} ${money(m.amount, language)} ${t('common.yuan')}`)
    .join(', ');
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>
        <Typography.Text strong>{t('annual.chartTitle')}</Typography.Text>
      </figcaption>
      <div
        role="img"
        aria-label={`${t('annual.chartTitle')}: ${summary}`}
        data-testid="month-bars"
        style={{ display: 'flex', alignItems: 'flex-end', gap: 4, height: 180, paddingTop: 8 }}
      >
        {figures.byMonth.map((m) => (
          <div
            key={m.month}
            title={`${monthName(m.month, language)}: ${money(m.amount, language)} ${t('common.yuan')}`}
            style={{
              flex: 1,
              minWidth: 0,
              display: 'flex',
              flexDirection: 'column',
              justifyContent: 'flex-end',
              height: '100%',
            }}
          >
            <div
              style={{
                height: `${(m.amount / max) * 100}%`,
                minHeight: m.amount > 0 ? 2 : 0,
                background: '#b50e27',
                borderRadius: '3px 3px 0 0',
              }}
            />
          </div>
        ))}
      </div>
      <div aria-hidden style={{ display: 'flex', gap: 4, borderTop: '1px solid #8c8c8c' }}>
        {figures.byMonth.map((m) => (
          <div key={m.month} style={{ flex: 1, minWidth: 0, textAlign: 'center', fontSize: 11, color: '#595959' }}>
            {m.month}
          </div>
        ))}
      </div>
    </figure>
  );
}

/** 年度数据: the annual report's figures for a year, rebuilt from the ledgers, and their CSV. */
export default function AnnualFiguresPage() {
  const { t, language } = useT();
  const { message } = App.useApp();
  const thisYear = new Date().getFullYear();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= 2100 ? asked : thisYear;
  const [busy, setBusy] = useState(false);
  const programs = usePrograms();
  const figures = useQuery({
    queryKey: ['audit', 'annual', year],
    queryFn: () => call(api.GET('/audit/annual-figures', { params: { query: { year } } })),
  });
  const yuan = (v: number) => money(v, language);
  const csv = async () => {
    setBusy(true);
    try {
      await download(`/audit/annual-figures?year=${year}&format=csv`, `aidflow-annual-figures-${year}.csv`);
    } catch (err) {
      void message.error(t('audit.exportFailed', { reason: errorText(err, t('common.error')) }));
    } finally {
      setBusy(false);
    }
  };
  const years = Array.from({ length: Math.max(1, thisYear + 1 - FIRST_YEAR) }, (_, i) => thisYear - i).filter(
    (y) => y >= FIRST_YEAR,
  );
  return (
    <section>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('annual.title', { year })}
        </Typography.Title>
        <Flex gap={8} align="center">
          <Select<number>
            aria-label={t('annual.year')}
            value={year}
            onChange={(y) => setParams(y === thisYear ? {} : { year: String(y) }, { replace: true })}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            style={{ width: 100 }}
          />
          <Button onClick={() => void csv()} loading={busy}>
            {t('annual.csv')}
          </Button>
        </Flex>
      </Flex>
      <QueryState loading={figures.isLoading} error={figures.error} retry={() => void figures.refetch()}>
        {() => {
          const f = figures.data!;
          const totals = [
            { key: 'cases', title: t('annual.cases'), value: f.totals.cases.toLocaleString(language) },
            { key: 'households', title: t('annual.households'), value: f.totals.households.toLocaleString(language) },
            { key: 'people', title: t('annual.people'), value: f.totals.people.toLocaleString(language) },
            { key: 'amount', title: t('annual.amount'), value: `${yuan(f.totals.amount)} ${t('common.yuan')}` },
            {
              key: 'campaign',
              title: t('annual.campaignReach'),
              value: t('annual.reach', {
                visits: f.totals.campaignVisits,
                recipients: f.totals.campaignRecipients,
              }),
            },
            {
              key: 'campaignAmount',
              title: t('annual.campaignAmount'),
              value: `${yuan(f.totals.campaignAmount)} ${t('common.yuan')}`,
            },
          ];
          const amountColumn = (key: string, title = t('annual.amount')) => ({
            title,
            dataIndex: key,
            key,
            align: 'right' as const,
            render: (v: number) => yuan(v),
          });
          const count = (key: string, title: string) => ({ title, dataIndex: key, key, align: 'right' as const });
          return (
            <Flex vertical gap={12}>
              <Row gutter={[12, 12]} data-testid="annual-totals">
                {totals.map((s) => (
                  <Col xs={12} md={8} key={s.key}>
                    <Card size="small">
                      <Statistic title={s.title} value={s.value} styles={{ content: { fontSize: 20 } }} />
                    </Card>
                  </Col>
                ))}
              </Row>
              <Card size="small">
                <MonthBars figures={f} />
              </Card>
              <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('annual.byProgram')}</h2>}>
                {f.byProgram.length === 0 ? (
                  <Typography.Paragraph>{t('annual.none')}</Typography.Paragraph>
                ) : (
                  <Table
                    size="small"
                    rowKey="program"
                    pagination={false}
                    scroll={{ x: true }}
                    dataSource={f.byProgram}
                    columns={[
                      {
                        title: t('annual.program'),
                        dataIndex: 'name',
                        key: 'name',
                        render: (name: string, row) =>
                          language === 'en'
                            ? (programs.data?.find((p) => p.code === row.program)?.nameEn ?? row.program)
                            : name,
                      },
                      count('cases', t('annual.cases')),
                      count('households', t('annual.households')),
                      amountColumn('amount'),
                    ]}
                  />
                )}
              </Card>
              <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('annual.byDistrict')}</h2>}>
                {f.byDistrict.length === 0 ? (
                  <Typography.Paragraph>{t('annual.none')}</Typography.Paragraph>
                ) : (
                  <Table
                    size="small"
                    rowKey="orgUnitId"
                    pagination={false}
                    scroll={{ x: true }}
                    dataSource={f.byDistrict}
                    columns={[
                      { title: t('annual.district'), dataIndex: 'name', key: 'name' },
                      count('cases', t('annual.cases')),
                      count('households', t('annual.households')),
                      amountColumn('amount'),
                      count('campaignVisits', t('annual.visits')),
                      amountColumn('campaignAmount', t('annual.campaignAmount')),
                    ]}
                  />
                )}
              </Card>
              <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('annual.byMonth')}</h2>}>
                <Table
                  size="small"
                  rowKey="month"
                  pagination={false}
                  scroll={{ x: true }}
                  dataSource={f.byMonth}
                  columns={[
                    {
                      title: t('annual.month'),
                      dataIndex: 'month',
                      key: 'month',
                      render: (m: number) => monthName(m, language),
                    },
                    count('cases', t('annual.cases')),
                    amountColumn('amount'),
                    count('campaignVisits', t('annual.visits')),
                    amountColumn('campaignAmount', t('annual.campaignAmount')),
                  ]}
                />
              </Card>
              <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('annual.campaigns')}</h2>}>
                {f.campaigns.length === 0 ? (
                  <Typography.Paragraph>{t('annual.none')}</Typography.Paragraph>
                ) : (
                  <Table
                    size="small"
                    rowKey="campaignId"
                    pagination={false}
                    scroll={{ x: true }}
                    dataSource={f.campaigns}
                    columns={[
                      { title: t('annual.campaign'), dataIndex: 'name', key: 'name' },
                      count('visits', t('annual.visits')),
                      count('recipients', t('annual.recipients')),
                      amountColumn('amount'),
                    ]}
                  />
                )}
              </Card>
              <Typography.Text type="secondary">{t('annual.basis')}</Typography.Text>
            </Flex>
          );
        }}
      </QueryState>
    </section>
  );
}
