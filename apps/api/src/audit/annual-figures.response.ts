import { ApiProperty } from '@nestjs/swagger';
import { fenToYuan } from '@aidflow/common';
import type { AnnualFigures } from '@aidflow/audit-review';

class AnnualTotals {
  @ApiProperty({ description: 'Cases paid in the year' }) cases: number;
  @ApiProperty({ description: 'Households helped: one per applicant paid' }) households: number;
  @ApiProperty({ description: 'People in those households (their size as filed; 1 where a program asks none)' })
  people: number;
  @ApiProperty({ description: 'CNY paid to cases' }) amount: number;
  @ApiProperty({ description: 'Campaign visits paid (送温暖)' }) campaignVisits: number;
  @ApiProperty({ description: 'Distinct campaign recipients paid' }) campaignRecipients: number;
  @ApiProperty({ description: 'CNY paid to campaign visits' }) campaignAmount: number;
}

class AnnualByProgram {
  @ApiProperty({ example: 'hardship-aid' }) program: string;
  @ApiProperty({ example: '困难职工帮扶' }) name: string;
  @ApiProperty() cases: number;
  @ApiProperty() households: number;
  @ApiProperty({ description: 'CNY' }) amount: number;
}

class AnnualByDistrict {
  @ApiProperty({ format: 'uuid', description: 'The district union (or the city federation for its own cases)' })
  orgUnitId: string;
  @ApiProperty({ example: '东城区总工会' }) name: string;
  @ApiProperty() cases: number;
  @ApiProperty() households: number;
  @ApiProperty({ description: 'CNY paid to cases' }) amount: number;
  @ApiProperty() campaignVisits: number;
  @ApiProperty({ description: 'CNY paid to campaign visits' }) campaignAmount: number;
}

class AnnualByMonth {
  @ApiProperty({ minimum: 1, maximum: 12 }) month: number;
  @ApiProperty() cases: number;
  @ApiProperty({ description: 'CNY' }) amount: number;
  @ApiProperty() campaignVisits: number;
  @ApiProperty({ description: 'CNY' }) campaignAmount: number;
}

class AnnualByCampaign {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ example: '2026年春节送温暖' }) name: string;
  @ApiProperty() visits: number;
  @ApiProperty() recipients: number;
  @ApiProperty({ description: 'CNY' }) amount: number;
}

/** 年度数据: what the annual report prints, rebuilt from the ledgers for one year. */
export class AnnualFiguresResponse {
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({
    example: 'payment_recorded ledger entries and campaign visit_paid events dated in the year (Asia/Shanghai)',
  })
  basis: string;
  @ApiProperty({ type: AnnualTotals }) totals: AnnualTotals;
  @ApiProperty({ type: [AnnualByProgram], description: 'Largest amount first' }) byProgram: AnnualByProgram[];
  @ApiProperty({ type: [AnnualByDistrict], description: 'Largest amount first' }) byDistrict: AnnualByDistrict[];
  @ApiProperty({ type: [AnnualByMonth], description: 'January to December, every month listed' })
  byMonth: AnnualByMonth[];
  @ApiProperty({ type: [AnnualByCampaign], description: 'Largest amount first' }) campaigns: AnnualByCampaign[];
}

export function toAnnualFiguresResponse(f: AnnualFigures): AnnualFiguresResponse {
  return {
    year: f.year,
    basis: 'payment_recorded ledger entries and campaign visit_paid events dated in the year (Asia/Shanghai)',
    totals: {
      cases: f.totals.cases,
      households: f.totals.households,
      people: f.totals.people,
      amount: fenToYuan(f.totals.amountFen),
      campaignVisits: f.totals.campaignVisits,
      campaignRecipients: f.totals.campaignRecipients,
      campaignAmount: fenToYuan(f.totals.campaignAmountFen),
    },
    byProgram: f.byProgram.map((p) => ({
      program: p.programCode,
      name: p.name,
      cases: p.cases,
      households: p.households,
      amount: fenToYuan(p.amountFen),
    })),
    byDistrict: f.byDistrict.map((d) => ({
      orgUnitId: d.orgUnitId,
      name: d.name,
      cases: d.cases,
      households: d.households,
      amount: fenToYuan(d.amountFen),
      campaignVisits: d.campaignVisits,
      campaignAmount: fenToYuan(d.campaignAmountFen),
    })),
    byMonth: f.byMonth.map((m) => ({
      month: m.month,
      cases: m.cases,
      amount: fenToYuan(m.amountFen),
      campaignVisits: m.campaignVisits,
      campaignAmount: fenToYuan(m.campaignAmountFen),
    })),
    campaigns: f.campaigns.map((c) => ({
      campaignId: c.campaignId,
      name: c.name,
      visits: c.visits,
      recipients: c.recipients,
      amount: fenToYuan(c.amountFen),
    })),
  };
}
