import { buildRoute, HARDSHIP_LEVELS } from './routing';
import type { OrgChainEntry } from './routing';

const chain: OrgChainEntry[] = [
  { id: 'g1', name: 'Machinery Works Union', kind: 'grassroots' },
  { id: 'd1', name: 'East District Union', kind: 'district' },
  { id: 'c', name: 'City Federation', kind: 'city' },
];

const approvers: Record<string, string[]> = { 'g1:1': ['u-g1'], 'd1:2': ['u-d1'], 'c:3': ['u-c', 'u-c2'] };
const lookup = (unit: string, level: number): string[] => approvers[`${unit}:${level}`] ?? [];

describe('buildRoute', () => {
  it('walks up the org tree: grassroots -> district -> city', () => {
    const { route, problems } = buildRoute(HARDSHIP_LEVELS, chain, lookup, 'applicant');
    expect(problems).toEqual([]);
    expect(route.map((l) => [l.level, l.orgUnitId, l.approverIds])).toEqual([
      [1, 'g1', ['u-g1']],
      [2, 'd1', ['u-d1']],
      [3, 'c', ['u-c', 'u-c2']],
    ]);
  });

  it('never routes a case to its own applicant', () => {
    const { route } = buildRoute(HARDSHIP_LEVELS, chain, lookup, 'u-c');
    expect(route[2].approverIds).toEqual(['u-c2']);
  });

  it('reports a level without approvers instead of routing around it', () => {
    const { route, problems } = buildRoute(
      HARDSHIP_LEVELS,
      chain,
      (u, l) => (l === 2 ? [] : lookup(u, l)),
      'applicant',
    );
    expect(route.map((l) => l.level)).toEqual([1, 3]);
    expect(problems).toEqual([expect.objectContaining({ kind: 'no-approver', orgUnitName: 'East District Union' })]);
  });

  it('reports a missing org level', () => {
    const { problems } = buildRoute(HARDSHIP_LEVELS, [chain[0], chain[2]], lookup, 'applicant');
    expect(problems).toEqual([expect.objectContaining({ kind: 'missing-org' })]);
  });
});
