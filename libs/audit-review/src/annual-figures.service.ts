import { Inject, Injectable } from '@nestjs/common';
import { ApplicationException, ErrorCode, formatYuan } from '@aidflow/common';
import { buildAnnualFigures } from './annual-figures';
import type { AnnualFigures } from './annual-figures';
import { AnnualFiguresRepository } from './annual-figures.repository';
import { csvCell } from './audit-export.service';

export const ANNUAL_FIGURES_FIRST_YEAR = 2000;
export const ANNUAL_FIGURES_LAST_YEAR = 2100;

/** The CSV's columns: one table of sections (totals, program, district, month, campaign); money in CNY. */
const CSV_HEADER = [
  'section',
  'key',
  'name',
  'cases',
  'households',
  'people',
  'amount_cny',
  'campaign_visits',
  'campaign_recipients',
  'campaign_amount_cny',
];

/** 年度数据: the annual report's figures for any year, rebuilt from the ledgers (see annual-figures.ts). */
@Injectable()
export class AnnualFiguresService {
  constructor(@Inject(AnnualFiguresRepository) private readonly rows: AnnualFiguresRepository) {}

  async figures(year: number): Promise<AnnualFigures> {
    if (!Number.isInteger(year) || year < ANNUAL_FIGURES_FIRST_YEAR || year > ANNUAL_FIGURES_LAST_YEAR) {
      throw new ApplicationException(
        ErrorCode.ValidationFailed,
        `year must be a whole year from ${ANNUAL_FIGURES_FIRST_YEAR} to ${ANNUAL_FIGURES_LAST_YEAR}, got ${year}`,
      );
    }
    // The federation's year runs in China Standard Time.
    const from = new Date(`${year}-01-01T00:00:00+08:00`);
    const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
    const [cases, visits, orgUnits, programNames] = await Promise.all([
      this.rows.paidCases(from, to),
      this.rows.paidVisits(from, to),
      this.rows.orgUnits(),
      this.rows.programNames(),
    ]);
    return buildAnnualFigures({ year, cases, visits, orgUnits, programNames });
  }

  /** The same figures as one CSV table, a section per row group. */
  async csv(year: number): Promise<string> {
    const f = await this.figures(year);
    const yuan = (fen: number) => formatYuan(fen);
    const lines: unknown[][] = [
      CSV_HEADER,
      [
        'total',
        String(year),
        'all programs and campaigns',
        f.totals.cases,
        f.totals.households,
        f.totals.people,
        yuan(f.totals.amountFen),
        f.totals.campaignVisits,
        f.totals.campaignRecipients,
        yuan(f.totals.campaignAmountFen),
      ],
      ...f.byProgram.map((p) => [
        'program',
        p.programCode,
        p.name,
        p.cases,
        p.households,
        '',
        yuan(p.amountFen),
        '',
        '',
        '',
      ]),
      ...f.byDistrict.map((d) => [
        'district',
        d.orgUnitId,
        d.name,
        d.cases,
        d.households,
        '',
        yuan(d.amountFen),
        d.campaignVisits,
        '',
        yuan(d.campaignAmountFen),
      ]),
      ...f.byMonth.map((m) => [
        'month',
        `${year}-${String(m.month).padStart(2, '0')}`,
        '',
        m.cases,
        '',
        '',
        yuan(m.amountFen),
        m.campaignVisits,
        '',
        yuan(m.campaignAmountFen),
      ]),
      ...f.campaigns.map((c) => [
        'campaign',
        c.campaignId,
        c.name,
        '',
        '',
        '',
        '',
        c.visits,
        c.recipients,
        yuan(c.amountFen),
      ]),
    ];
    return lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }
}
