import { buildAnnualFigures } from './annual-figures';
import type { OrgUnitRow, PaidCaseRow, PaidVisitRow } from './annual-figures';

const units: OrgUnitRow[] = [
  { id: 'city', name: '市总工会', kind: 'city', parentId: null },
  { id: 'east', name: '东城区总工会', kind: 'district', parentId: 'city' },
  { id: 'west', name: '西城区总工会', kind: 'district', parentId: 'city' },
  { id: 'east-1', name: '东城机械厂工会', kind: 'grassroots', parentId: 'east' },
  { id: 'west-1', name: '西城公交工会', kind: 'grassroots', parentId: 'west' },
];

const paid = (p: Partial<PaidCaseRow>): PaidCaseRow => ({
  applicationId: 'a',
  applicantId: 'u1',
  programCode: 'hardship-aid',
  orgUnitId: 'east-1',
  householdSize: 3,
  amountFen: 500_000,
  month: 3,
  ...p,
});

const visit = (v: Partial<PaidVisitRow>): PaidVisitRow => ({
  campaignId: 'c1',
  campaignName: '春节送温暖',
  recipientKey: 'frontline:r1',
  orgUnitId: 'west-1',
  amountFen: 4_800,
  month: 1,
  ...v,
});

describe('buildAnnualFigures', () => {
  const figures = buildAnnualFigures({
    year: 2026,
    cases: [
      paid({ applicationId: 'a1' }),
      // The same household paid twice (two programs): one household, its largest size.
      paid({ applicationId: 'a2', programCode: 'tuition-grant', householdSize: 4, amountFen: 300_000, month: 9 }),
      paid({ applicationId: 'a3', applicantId: 'u2', orgUnitId: 'west-1', householdSize: null, amountFen: 100_050 }),
      // A case filed at the city federation itself stands as its own "district".
      paid({ applicationId: 'a4', applicantId: 'u3', orgUnitId: 'city', householdSize: 2, amountFen: 1, month: 12 }),
    ],
    visits: [visit({}), visit({ recipientKey: 'frontline:r2' }), visit({ campaignId: 'c2', campaignName: '夏送清凉' })],
    orgUnits: units,
    programNames: new Map([['hardship-aid', '困难职工帮扶']]),
  });

  it('counts cases, households once per applicant and the people in them', () => {
    expect(figures.totals).toEqual({
      cases: 4,
      households: 3,
      people: 4 + 1 + 2,
      amountFen: 500_000 + 300_000 + 100_050 + 1,
      campaignVisits: 3,
      campaignRecipients: 2,
      campaignAmountFen: 3 * 4_800,
    });
  });

  it('groups by program (named where known), largest amount first', () => {
    expect(figures.byProgram).toEqual([
      { programCode: 'hardship-aid', name: '困难职工帮扶', cases: 3, households: 3, amountFen: 600_051 },
      { programCode: 'tuition-grant', name: 'tuition-grant', cases: 1, households: 1, amountFen: 300_000 },
    ]);
  });

  it('groups grassroots units under their district, campaign visits included', () => {
    expect(figures.byDistrict.map((d) => [d.name, d.cases, d.households, d.amountFen, d.campaignVisits])).toEqual([
      ['东城区总工会', 2, 1, 800_000, 0],
      ['西城区总工会', 1, 1, 100_050, 3],
      ['市总工会', 1, 1, 1, 0],
    ]);
  });

  it('lists every month, with cases and campaign visits in the month they were paid', () => {
    expect(figures.byMonth).toHaveLength(12);
    expect(figures.byMonth[0]).toEqual({
      month: 1,
      cases: 0,
      amountFen: 0,
      campaignVisits: 3,
      campaignAmountFen: 14_400,
    });
    expect(figures.byMonth[2]).toMatchObject({ month: 3, cases: 2, amountFen: 600_050 });
    expect(figures.byMonth[8]).toMatchObject({ month: 9, cases: 1, amountFen: 300_000 });
    expect(figures.byMonth[11]).toMatchObject({ month: 12, cases: 1, amountFen: 1 });
  });

  it('gives each campaign its visits and distinct recipients', () => {
    expect(figures.campaigns).toEqual([
      { campaignId: 'c1', name: '春节送温暖', visits: 2, recipients: 2, amountFen: 9_600 },
      { campaignId: 'c2', name: '夏送清凉', visits: 1, recipients: 1, amountFen: 4_800 },
    ]);
  });

  it('answers a year with no payments with zeros, not an error', () => {
    const empty = buildAnnualFigures({ year: 2001, cases: [], visits: [], orgUnits: units, programNames: new Map() });
    expect(empty.totals).toEqual({
      cases: 0,
      households: 0,
      people: 0,
      amountFen: 0,
      campaignVisits: 0,
      campaignRecipients: 0,
      campaignAmountFen: 0,
    });
    expect(empty.byMonth.every((m) => m.cases === 0)).toBe(true);
    expect(empty.byProgram).toEqual([]);
  });
});
