import { DEFAULT_ROUTING, HARDSHIP_LEVELS, routeCase } from './routing';
import type { ApproverRef, OrgChainEntry, RoutingContext, RoutingRules } from './routing';

const chain: OrgChainEntry[] = [
  { id: 'g1', name: 'Machinery Works Union', kind: 'grassroots', code: 'G-EAST-1' },
  { id: 'd1', name: 'East District Union', kind: 'district', code: 'D-EAST' },
  { id: 'c', name: 'City Federation', kind: 'city', code: 'CITY' },
];

const person = (id: string): ApproverRef => ({ id, name: id.toUpperCase() });
const byLevel: Record<string, ApproverRef[]> = {
  'g1:1': [person('u-g1')],
  'd1:2': [person('u-d1')],
  'c:3': [person('u-c'), person('u-c2')],
  'c:4': [person('u-leader')],
};

function ctx(overrides: Partial<RoutingContext> = {}): RoutingContext {
  return {
    chain,
    approversOf: (unit, level) => byLevel[`${unit}:${level}`] ?? [],
    anyApproversOf: (unit) =>
      Object.entries(byLevel)
        .filter(([key]) => key.startsWith(`${unit}:`))
        .flatMap(([, list]) => list),
    administrators: [person('admin')],
    applicantUserId: 'applicant',
    relativeIds: [],
    grantedAmountFen: 500_000,
    category: 'living',
    ...overrides,
  };
}

const withLeader: RoutingRules = {
  levels: [
    ...HARDSHIP_LEVELS,
    { level: 4, name: 'leader', title: '分管领导 leader sign-off', orgKind: 'city', when: { minAmountFen: 800_000 } },
  ],
  sameApproverConsecutive: 'decide_again',
};

describe('routeCase', () => {
  it('walks up the org tree: grassroots -> district -> city, saying why each task sits where it does', () => {
    const { route, notes, problems } = routeCase(DEFAULT_ROUTING, ctx());
    expect(problems).toEqual([]);
    expect(notes).toEqual([]);
    expect(route.map((l) => [l.level, l.orgUnitId, l.approverIds])).toEqual([
      [1, 'g1', ['u-g1']],
      [2, 'd1', ['u-d1']],
      [3, 'c', ['u-c', 'u-c2']],
    ]);
    expect(route[0].assignment).toEqual(['Routing: 基层工会 grassroots union of Machinery Works Union']);
  });

  it('adds a level only inside its amount band, and records the skip otherwise', () => {
    const small = routeCase(withLeader, ctx({ grantedAmountFen: 500_000 }));
    expect(small.route.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(small.notes).toEqual([
      {
        level: 4,
        rule: 'condition',
        text: 'Level 4 (分管领导 leader sign-off) skipped: applies from 8000.00 CNY; this case is 5000.00 CNY',
      },
    ]);
    const large = routeCase(withLeader, ctx({ grantedAmountFen: 900_000 }));
    expect(large.route.map((l) => [l.level, l.approverIds])).toEqual([
      [1, ['u-g1']],
      [2, ['u-d1']],
      [3, ['u-c', 'u-c2']],
      [4, ['u-leader']],
    ]);
  });

  it('applies a level only to its categories and org units', () => {
    const rules: RoutingRules = {
      levels: [
        ...HARDSHIP_LEVELS,
        { level: 4, name: 'medical', title: 'medical review', orgKind: 'city', when: { categories: ['medical'] } },
        { level: 5, name: 'west', title: 'west review', orgKind: 'city', when: { orgUnitCodes: ['D-WEST'] } },
      ],
      sameApproverConsecutive: 'decide_again',
    };
    byLevel['c:5'] = [person('u-west')];
    const living = routeCase(rules, ctx());
    expect(living.route.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(living.notes.map((n) => n.text)).toEqual([
      'Level 4 (medical review) skipped: applies to medical; this case is living',
      'Level 5 (west review) skipped: applies to cases from D-WEST',
    ]);
    expect(routeCase(rules, ctx({ category: 'medical' })).route.map((l) => l.level)).toEqual([1, 2, 3, 4]);
    delete byLevel['c:5'];
  });

  it('gives a level without approvers to the administrators, recorded', () => {
    const { route, notes } = routeCase(
      DEFAULT_ROUTING,
      ctx({ approversOf: (u, l) => (l === 2 ? [] : (byLevel[`${u}:${l}`] ?? [])) }),
    );
    expect(route[1]).toMatchObject({ level: 2, orgUnitId: 'd1', approverIds: ['admin'] });
    expect(notes).toEqual([
      {
        level: 2,
        rule: 'no-approver',
        text: 'No approver is configured for level 2 at East District Union; assigned to the administrators: ADMIN',
      },
    ]);
    expect(route[1].assignment).toEqual([notes[0].text]);
  });

  it('never lets the applicant approve: the other approver of the level takes it', () => {
    const { route, notes } = routeCase(DEFAULT_ROUTING, ctx({ applicantUserId: 'u-c' }));
    expect(route[2].approverIds).toEqual(['u-c2']);
    expect(notes).toEqual([{ level: 3, rule: 'four-eyes', text: 'U-C may not approve (the applicant or a relative)' }]);
  });

  it("passes a relative's level up to the next eligible approver (four-eyes)", () => {
    const { route, notes } = routeCase(DEFAULT_ROUTING, ctx({ relativeIds: ['u-g1'] }));
    expect(route[0]).toMatchObject({ level: 1, orgUnitId: 'g1', approverIds: ['u-d1'] });
    expect(notes[0].text).toBe(
      'U-G1 may not approve (the applicant or a relative); passed up to East District Union: U-D1',
    );
  });

  it('passes the later of two consecutive levels with the same single approver when configured, else decides again', () => {
    const same = ctx({ relativeIds: ['u-g1'] }); // level 1 goes to u-d1, who is also level 2
    expect(routeCase(DEFAULT_ROUTING, same).route.map((l) => l.level)).toEqual([1, 2, 3]);
    const pass = routeCase({ ...DEFAULT_ROUTING, sameApproverConsecutive: 'pass' }, same);
    expect(pass.route.map((l) => l.level)).toEqual([1, 3]);
    expect(pass.notes.map((n) => n.rule)).toEqual(['four-eyes', 'same-approver-pass']);
    expect(pass.notes[1].text).toBe(
      'Level 2 (区/行业工会 district or industry union) passed: U-D1 already approves level 1',
    );
  });

  it('resolves escalation targets up the tree for an escalating SLA, and keeps modes', () => {
    const rules: RoutingRules = {
      levels: HARDSHIP_LEVELS.map((l) =>
        l.level === 1
          ? { ...l, mode: 'all' as const, sla: { due: { workingDays: 3 }, onDue: 'escalate' as const } }
          : l,
      ),
      sameApproverConsecutive: 'decide_again',
    };
    const { route } = routeCase(rules, ctx());
    expect(route[0]).toMatchObject({
      mode: 'all',
      sla: { due: { workingDays: 3 }, onDue: 'escalate', escalateToIds: ['u-d1'] },
    });
  });

  it('reports a missing org level and a level nobody can take', () => {
    expect(routeCase(DEFAULT_ROUTING, ctx({ chain: [chain[0], chain[2]] })).problems).toEqual([
      expect.objectContaining({ kind: 'missing-org' }),
    ]);
    const nobody = routeCase(
      DEFAULT_ROUTING,
      ctx({ administrators: [], approversOf: (u, l) => (l === 2 ? [] : (byLevel[`${u}:${l}`] ?? [])) }),
    );
    expect(nobody.problems).toEqual([
      expect.objectContaining({ kind: 'no-approver', orgUnitName: 'East District Union' }),
    ]);
  });
});
