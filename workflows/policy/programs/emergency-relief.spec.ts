import type { PinnedStandard, ProgramFacts } from '../program-policy';
import { emergencyReliefPolicy } from './emergency-relief';
import { EXAMPLE_STANDARDS } from './index';

// Example standard: capped band 20,000 CNY; the event at most 180 days before submission.
const standard: PinnedStandard = {
  standardId: 'std-emergency-2026',
  policyVersion: 'emergency-relief/2026.1',
  validFrom: '2026-01-01',
  ...EXAMPLE_STANDARDS['emergency-relief'],
};

const facts = (overrides: Partial<ProgramFacts> = {}): ProgramFacts => ({
  eventDate: '2026-05-01',
  selfPaidCostsFen: 1_200_000,
  submittedOn: '2026-05-20',
  verified: {},
  ...overrides,
});

describe('one-time emergency relief (一次性临时救助)', () => {
  it('pays the requested amount within the self-paid costs', () => {
    const a = emergencyReliefPolicy.assess(facts(), 'serious_illness', 1_000_000, standard);
    expect(a).toMatchObject({ eligible: true, tier: null, capFen: 1_200_000, grantedAmountFen: 1_000_000 });
    expect(a.reasons.join('\n')).toContain('event on 2026-05-01 is 19 days before submission on 2026-05-20');
  });

  it('caps emergency relief at 20,000 CNY', () => {
    const a = emergencyReliefPolicy.assess(facts({ selfPaidCostsFen: 6_000_000 }), 'accident', 6_000_000, standard);
    expect(a).toMatchObject({ eligible: true, capFen: 2_000_000, grantedAmountFen: 2_000_000 });
  });

  it('accepts an event exactly 180 days before submission', () => {
    const a = emergencyReliefPolicy.assess(facts({ eventDate: '2025-11-21' }), 'accident', 100_000, standard);
    expect(a.eligible).toBe(true);
  });

  it('refuses an event 181 days before submission', () => {
    const a = emergencyReliefPolicy.assess(facts({ eventDate: '2025-11-20' }), 'accident', 100_000, standard);
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain(
      'event on 2025-11-20 is 181 days before submission on 2026-05-20; the window is 180 days',
    );
  });

  it('refuses an event after the submission date', () => {
    const a = emergencyReliefPolicy.assess(facts({ eventDate: '2026-05-21' }), 'accident', 100_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('event on 2026-05-21 is after submission on 2026-05-20');
  });

  it('refuses a missing event date', () => {
    const a = emergencyReliefPolicy.assess(facts({ eventDate: undefined }), 'accident', 100_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('the event date is missing');
  });

  it('refuses without self-paid costs', () => {
    const a = emergencyReliefPolicy.assess(facts({ selfPaidCostsFen: 0 }), 'serious_illness', 100_000, standard);
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain('needs self-paid costs above zero');
  });

  it('refuses an unknown category', () => {
    const a = emergencyReliefPolicy.assess(facts(), 'flood', 100_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('category "flood" is not one of serious_illness, accident');
  });

  it('counts the business key once per event', () => {
    expect(emergencyReliefPolicy.period(facts(), 2026, 'accident')).toBe('2026');
  });

  it('produces a JSON-serialisable assessment', () => {
    const a = emergencyReliefPolicy.assess(facts(), 'accident', 100_000, standard);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
