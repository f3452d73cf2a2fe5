/**
 * Annual figures (年度帮扶数据), rebuilt from the ledgers the way the federation's annual report prints them: cases
 * and households helped, people in those households, amounts by program, by district and by month, and the reach of
 * the campaigns (送温暖). Money is what was paid in the year: each case's `payment_recorded` ledger entry and each
 * campaign visit's `visit_paid` event dated in it (Asia/Shanghai), never a projection. Pure: the repository reads the
 * rows, this file adds them up.
 */

/** One case paid in the year, from its `payment_recorded` entry and its `submitted` entry. */
export interface PaidCaseRow {
  applicationId: string;
  /** Who filed it: one household per applicant. */
  applicantId: string;
  programCode: string;
  orgUnitId: string;
  /** The household's size as filed (facts.householdSize), or null for programs that do not ask it. */
  householdSize: number | null;
  amountFen: number;
  /** 1-12, in Asia/Shanghai. */
  month: number;
}

/** One campaign visit paid in the year, from its `visit_paid` event. */
export interface PaidVisitRow {
  campaignId: string;
  campaignName: string;
  recipientKey: string;
  orgUnitId: string;
  amountFen: number;
  month: number;
}

export interface OrgUnitRow {
  id: string;
  name: string;
  kind: string;
  parentId: string | null;
}

export interface AnnualFiguresInput {
  year: number;
  cases: readonly PaidCaseRow[];
  visits: readonly PaidVisitRow[];
  orgUnits: readonly OrgUnitRow[];
  programNames: ReadonlyMap<string, string>;
}

export interface AnnualFigures {
  year: number;
  totals: {
    cases: number;
    households: number;
    people: number;
    amountFen: number;
    campaignVisits: number;
    campaignRecipients: number;
    campaignAmountFen: number;
  };
  byProgram: Array<{ programCode: string; name: string; cases: number; households: number; amountFen: number }>;
  byDistrict: Array<{
    orgUnitId: string;
    name: string;
    cases: number;
    households: number;
    amountFen: number;
    campaignVisits: number;
    campaignAmountFen: number;
  }>;
  byMonth: Array<{
    month: number;
    cases: number;
    amountFen: number;
    campaignVisits: number;
    campaignAmountFen: number;
  }>;
  campaigns: Array<{ campaignId: string; name: string; visits: number; recipients: number; amountFen: number }>;
}

/** The district a unit belongs to: its nearest ancestor (or itself) of kind district; city-level units stand alone. */
function districtOf(units: ReadonlyMap<string, OrgUnitRow>, unitId: string): OrgUnitRow | null {
  let unit = units.get(unitId) ?? null;
  const start = unit;
  for (let depth = 0; unit && depth < 32; depth++) {
    if (unit.kind === 'district') return unit;
    unit = unit.parentId ? (units.get(unit.parentId) ?? null) : null;
  }
  return start;
}

function bucket<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

export function buildAnnualFigures(input: AnnualFiguresInput): AnnualFigures {
  const units = new Map(input.orgUnits.map((u) => [u.id, u]));
  // One household per applicant; its size is the largest it filed in the year.
  const households = new Map<string, number>();
  const programs = new Map<string, { cases: number; households: Set<string>; amountFen: number }>();
  const districts = new Map<
    string,
    { name: string; cases: number; households: Set<string>; amountFen: number; visits: number; visitFen: number }
  >();
  const months = Array.from({ length: 12 }, (_, i) => ({
    month: i + 1,
    cases: 0,
    amountFen: 0,
    campaignVisits: 0,
    campaignAmountFen: 0,
  }));
  const district = (unitId: string) => {
    const d = districtOf(units, unitId);
    const key = d?.id ?? unitId;
    return bucket(districts, key, () => ({
      name: d?.name ?? '(unknown unit)',
      cases: 0,
      households: new Set<string>(),
      amountFen: 0,
      visits: 0,
      visitFen: 0,
    }));
  };
  let amountFen = 0;
  for (const c of input.cases) {
    amountFen += c.amountFen;
    households.set(c.applicantId, Math.max(households.get(c.applicantId) ?? 1, c.householdSize ?? 1));
    const p = bucket(programs, c.programCode, () => ({ cases: 0, households: new Set<string>(), amountFen: 0 }));
    p.cases++;
    p.households.add(c.applicantId);
    p.amountFen += c.amountFen;
    const d = district(c.orgUnitId);
    d.cases++;
    d.households.add(c.applicantId);
    d.amountFen += c.amountFen;
    months[c.month - 1].cases++;
    months[c.month - 1].amountFen += c.amountFen;
  }
  const campaigns = new Map<string, { name: string; visits: number; recipients: Set<string>; amountFen: number }>();
  const recipients = new Set<string>();
  let campaignAmountFen = 0;
  for (const v of input.visits) {
    campaignAmountFen += v.amountFen;
    recipients.add(v.recipientKey);
    const c = bucket(campaigns, v.campaignId, () => ({
      name: v.campaignName,
      visits: 0,
      recipients: new Set<string>(),
      amountFen: 0,
    }));
    c.visits++;
    c.recipients.add(v.recipientKey);
    c.amountFen += v.amountFen;
    const d = district(v.orgUnitId);
    d.visits++;
    d.visitFen += v.amountFen;
    months[v.month - 1].campaignVisits++;
    months[v.month - 1].campaignAmountFen += v.amountFen;
  }
  const byAmount = (a: { amountFen: number }, b: { amountFen: number }) => b.amountFen - a.amountFen;
  return {
    year: input.year,
    totals: {
      cases: input.cases.length,
      households: households.size,
      people: [...households.values()].reduce((sum, n) => sum + n, 0),
      amountFen,
      campaignVisits: input.visits.length,
      campaignRecipients: recipients.size,
      campaignAmountFen,
    },
    byProgram: [...programs.entries()]
      .map(([programCode, p]) => ({
        programCode,
        name: input.programNames.get(programCode) ?? programCode,
        cases: p.cases,
        households: p.households.size,
        amountFen: p.amountFen,
      }))
      .sort((a, b) => byAmount(a, b) || a.programCode.localeCompare(b.programCode)),
    byDistrict: [...districts.entries()]
      .map(([orgUnitId, d]) => ({
        orgUnitId,
        name: d.name,
        cases: d.cases,
        households: d.households.size,
        amountFen: d.amountFen,
        campaignVisits: d.visits,
        campaignAmountFen: d.visitFen,
      }))
      .sort(
        (a, b) =>
          b.amountFen + b.campaignAmountFen - (a.amountFen + a.campaignAmountFen) || a.name.localeCompare(b.name),
      ),
    byMonth: months,
    campaigns: [...campaigns.entries()]
      .map(([campaignId, c]) => ({
        campaignId,
        name: c.name,
        visits: c.visits,
        recipients: c.recipients.size,
        amountFen: c.amountFen,
      }))
      .sort((a, b) => byAmount(a, b) || a.name.localeCompare(b.name)),
  };
}
