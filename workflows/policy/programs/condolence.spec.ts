import type { PinnedStandard, ProgramFacts } from '../program-policy';
import { condolencePolicy } from './condolence';
import { EXAMPLE_STANDARDS } from './index';

// Example standard: killed on duty 2,000 CNY, disabled on duty 1,000 CNY.
const standard: PinnedStandard = {
  standardId: 'std-condolence-2026',
  policyVersion: 'condolence/2026.1',
  validFrom: '2026-01-01',
  ...EXAMPLE_STANDARDS.condolence,
};

const facts = (overrides: Partial<ProgramFacts> = {}): ProgramFacts => ({
  dutyCertificateNo: 'GA-2026-0815',
  eventDate: '2026-02-14',
  occupation: 'police',
  submittedOn: '2026-03-01',
  verified: {},
  ...overrides,
});

describe('condolence payments (慰问金)', () => {
  it('pays 2,000 CNY to the family of a police officer killed on duty', () => {
    const a = condolencePolicy.assess(facts(), 'killed_on_duty', 200_000, standard);
    expect(a).toMatchObject({ eligible: true, tier: null, capFen: 200_000, grantedAmountFen: 200_000 });
    expect(a.reasons.join('\n')).toContain('the condolence payment for killed on duty is 2000.00 CNY');
  });

  it('pays 1,000 CNY to a firefighter disabled on duty, even when more is requested', () => {
    const a = condolencePolicy.assess(facts({ occupation: 'firefighter' }), 'disabled_on_duty', 200_000, standard);
    expect(a).toMatchObject({ eligible: true, capFen: 100_000, grantedAmountFen: 100_000 });
  });

  it('refuses without a duty certificate', () => {
    const a = condolencePolicy.assess(facts({ dutyCertificateNo: '  ' }), 'killed_on_duty', 200_000, standard);
    expect(a).toMatchObject({ eligible: false, grantedAmountFen: 0 });
    expect(a.reasons[a.reasons.length - 1]).toContain('the duty certificate number "" has 0 characters');
  });

  it('refuses a certificate number shorter than 6 characters', () => {
    const a = condolencePolicy.assess(facts({ dutyCertificateNo: 'A123' }), 'killed_on_duty', 200_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('has 4 characters; at least 6 are needed');
  });

  it('refuses an event after the submission date', () => {
    const a = condolencePolicy.assess(facts({ eventDate: '2026-03-02' }), 'killed_on_duty', 200_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('event on 2026-03-02 is after submission on 2026-03-01');
  });

  it('accepts an event on the submission date', () => {
    const a = condolencePolicy.assess(facts({ eventDate: '2026-03-01' }), 'killed_on_duty', 200_000, standard);
    expect(a.eligible).toBe(true);
  });

  it('refuses an unknown occupation', () => {
    const a = condolencePolicy.assess(facts({ occupation: 'pilot' }), 'killed_on_duty', 200_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('occupation "pilot" is not one of police, firefighter, other');
  });

  it('refuses an unknown category', () => {
    const a = condolencePolicy.assess(facts(), 'injured', 100_000, standard);
    expect(a.eligible).toBe(false);
    expect(a.reasons[a.reasons.length - 1]).toContain('category "injured" is not one of');
  });

  it('counts the business key once per certificate', () => {
    expect(condolencePolicy.period(facts({ dutyCertificateNo: ' GA-2026-0815 ' }), 2026, 'killed_on_duty')).toBe(
      'GA-2026-0815',
    );
  });

  it('produces a JSON-serialisable assessment', () => {
    const a = condolencePolicy.assess(facts(), 'killed_on_duty', 200_000, standard);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
