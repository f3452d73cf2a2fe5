import { ApplicationFailure } from '@temporalio/common';
import type { RouteLevel } from '../policy';
import type { ApplicationWorkflowInput, DecisionRecord } from '../types';
import { DecisionRefusal } from './refusals';
import type { CaseState, LevelState } from './state';
import { newCase } from './state';
import * as v from './validators';

const APPLICANT = 'applicant-1';
const route: RouteLevel[] = [1, 2, 3].map((level) => ({
  level,
  name: `level${level}`,
  title: `Level ${level}`,
  orgUnitId: `org-${level}`,
  orgUnitName: `Union ${level}`,
  approverIds: [`approver-${level}`],
}));

/** The fields the validators read; the policy parts of the input play no role in them. */
function caseAt(levelNo: number | null, patch: Partial<CaseState> = {}): CaseState {
  const input = {
    applicationId: 'app-1',
    programCode: 'hardship',
    applicantUserId: APPLICANT,
    orgUnitId: 'org-1',
    category: 'living',
    requestedAmountFen: 100_000,
    route,
    budgetYear: 2026,
    submittedAt: '2026-12-07T08:00:00.000Z',
    notice: { window: { workingDays: 5 }, reviewerIds: ['reviewer-1'] },
  } as unknown as ApplicationWorkflowInput;
  const c = newCase(input);
  if (levelNo !== null) {
    const def = route[levelNo - 1];
    const level: LevelState = {
      def,
      round: 1,
      groups: [{ ids: [...def.approverIds], mode: 'any', approvedBy: [] }],
      active: 0,
    };
    c.current = level;
    c.index = levelNo - 1;
    c.status = 'pending_approval';
  }
  return Object.assign(c, patch);
}

const actor = (actorId: string) => ({ actorId, actorName: actorId });

/** The refusal code a validator throws, or null when it accepts. */
function codeOf(run: () => void): string | null {
  try {
    run();
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).nonRetryable).toBe(true);
    return (err as ApplicationFailure).type ?? 'untyped';
  }
}

describe('decide', () => {
  it('accepts the approver of the current level, with or without naming the level', () => {
    const c = caseAt(2);
    expect(codeOf(() => v.validateDecide(c, { ...actor('approver-2'), decision: 'approve' }))).toBeNull();
    expect(codeOf(() => v.validateDecide(c, { ...actor('approver-2'), decision: 'reject', level: 2 }))).toBeNull();
  });

  it('refuses a closed case, a case with nobody deciding, and a level that is past or not yet open', () => {
    expect(
      codeOf(() => v.validateDecide(caseAt(null, { status: 'approved' }), { ...actor('a'), decision: 'approve' })),
    ).toBe(DecisionRefusal.closed);
    expect(
      codeOf(() => v.validateDecide(caseAt(null, { status: 'returned' }), { ...actor('a'), decision: 'approve' })),
    ).toBe(DecisionRefusal.notActive);
    const c = caseAt(2);
    expect(codeOf(() => v.validateDecide(c, { ...actor('approver-2'), decision: 'approve', level: 1 }))).toBe(
      DecisionRefusal.alreadyDecided,
    );
    expect(codeOf(() => v.validateDecide(c, { ...actor('approver-2'), decision: 'approve', level: 3 }))).toBe(
      DecisionRefusal.notActive,
    );
  });

  it('refuses a second decision while the first is queued or its effects are still being written', () => {
    const queued = caseAt(1);
    queued.inbox.push({ kind: 'withdraw', seq: 1, actor: actor(APPLICANT), comment: null });
    expect(codeOf(() => v.validateDecide(queued, { ...actor('approver-1'), decision: 'approve' }))).toBe(
      DecisionRefusal.inProgress,
    );
    const unsettled = caseAt(1, { processed: 3, settled: 2 });
    expect(codeOf(() => v.validateDecide(unsettled, { ...actor('approver-1'), decision: 'approve' }))).toBe(
      DecisionRefusal.inProgress,
    );
  });

  it('tells an approver of an earlier level that they decided already, and a stranger that they are not an approver', () => {
    const earlier: DecisionRecord = {
      level: 1,
      levelName: 'level1',
      orgUnitId: 'org-1',
      actorId: 'approver-1',
      actorName: 'approver-1',
      decision: 'approve',
      comment: null,
      decidedAt: '2026-12-07T09:00:00.000Z',
    };
    const c = caseAt(2, { decisions: [earlier] });
    expect(codeOf(() => v.validateDecide(c, { ...actor('approver-1'), decision: 'approve' }))).toBe(
      DecisionRefusal.alreadyDecided,
    );
    expect(codeOf(() => v.validateDecide(c, { ...actor('someone'), decision: 'approve' }))).toBe(
      DecisionRefusal.notApprover,
    );
    // The other approver of an any-of level 1, deciding after approver-1 did: already decided, by whom.
    const both = caseAt(2, { decisions: [earlier] });
    Object.assign(both, {
      input: {
        ...both.input,
        route: route.map((l) => (l.level === 1 ? { ...l, approverIds: ['approver-1', 'approver-1b'] } : l)),
      },
    });
    let message = '';
    try {
      v.validateDecide(both, { ...actor('approver-1b'), decision: 'approve' });
    } catch (err) {
      message = err instanceof ApplicationFailure ? `${err.type}: ${err.message}` : String(err);
    }
    expect(message).toBe(
      'LEVEL_ALREADY_DECIDED: Level 1 was already decided by approver-1; the case is now at level 2 (Level 2)',
    );
  });

  it('refuses an all-of approver who already approved their group', () => {
    const c = caseAt(1);
    c.current!.groups = [{ ids: ['approver-1', 'x'], mode: 'all', approvedBy: ['approver-1'] }];
    expect(codeOf(() => v.validateDecide(c, { ...actor('approver-1'), decision: 'approve' }))).toBe(
      DecisionRefusal.alreadyDecided,
    );
    expect(codeOf(() => v.validateDecide(c, { ...actor('x'), decision: 'approve' }))).toBeNull();
  });
});

describe('return', () => {
  it('needs a comment and goes to the applicant (0) or an earlier level of the route', () => {
    const c = caseAt(3);
    expect(
      codeOf(() => v.validateReturn(c, { ...actor('approver-3'), comment: 'need the certificate', toLevel: 1 })),
    ).toBeNull();
    expect(codeOf(() => v.validateReturn(c, { ...actor('approver-3'), comment: 'need it' }))).toBeNull();
    expect(codeOf(() => v.validateReturn(c, { ...actor('approver-3'), comment: '   ' }))).toBe(DecisionRefusal.invalid);
    expect(codeOf(() => v.validateReturn(c, { ...actor('approver-3'), comment: 'x', toLevel: 3 }))).toBe(
      DecisionRefusal.invalid,
    );
    expect(codeOf(() => v.validateReturn(c, { ...actor('approver-3'), comment: 'x', toLevel: 9 }))).toBe(
      DecisionRefusal.invalid,
    );
  });
});

describe('applicant actions', () => {
  it('resubmits only a returned case, only by the applicant', () => {
    const returned = caseAt(null, { status: 'returned' });
    const request = { ...actor(APPLICANT), facts: {}, category: 'living', requestedAmountFen: 1 } as never;
    expect(codeOf(() => v.validateResubmit(returned, request))).toBeNull();
    expect(codeOf(() => v.validateResubmit(returned, { ...(request as object), actorId: 'other' } as never))).toBe(
      DecisionRefusal.notApplicant,
    );
    expect(codeOf(() => v.validateResubmit(caseAt(1), request))).toBe(DecisionRefusal.notReturned);
  });

  it('withdraws while a level is open, while returned and during the notice, never after approval', () => {
    expect(codeOf(() => v.validateWithdraw(caseAt(1), actor(APPLICANT)))).toBeNull();
    expect(codeOf(() => v.validateWithdraw(caseAt(null, { status: 'returned' }), actor(APPLICANT)))).toBeNull();
    const notice = { openedAt: 'a', closesAt: 'b', objections: [] };
    expect(
      codeOf(() => v.validateWithdraw(caseAt(null, { status: 'in_notice', notice }), actor(APPLICANT))),
    ).toBeNull();
    expect(
      codeOf(() =>
        v.validateWithdraw(caseAt(null, { status: 'in_notice', notice, noticeClosing: true }), actor(APPLICANT)),
      ),
    ).toBe(DecisionRefusal.closed);
    expect(codeOf(() => v.validateWithdraw(caseAt(null, { status: 'submitted' }), actor(APPLICANT)))).toBe(
      DecisionRefusal.closed,
    );
    expect(codeOf(() => v.validateWithdraw(caseAt(1), actor('approver-1')))).toBe(DecisionRefusal.notApplicant);
    // A decision taken from the inbox and still being written: the withdrawal waits for it (F-7, one of two wins).
    expect(codeOf(() => v.validateWithdraw(caseAt(1, { processed: 1, settled: 0 }), actor(APPLICANT)))).toBe(
      DecisionRefusal.inProgress,
    );
  });
});

describe('task verbs', () => {
  it('transfers to anyone but the applicant or a current holder', () => {
    const c = caseAt(1);
    const to = (toUserId: string) => ({ ...actor('approver-1'), toUserId, toUserName: toUserId });
    expect(codeOf(() => v.validateTransfer(c, to('deputy')))).toBeNull();
    expect(codeOf(() => v.validateTransfer(c, to(APPLICANT)))).toBe(DecisionRefusal.invalid);
    expect(codeOf(() => v.validateTransfer(c, to('approver-1')))).toBe(DecisionRefusal.invalid);
  });

  it('adds an approver (加签) who is neither the applicant nor already at the level', () => {
    const c = caseAt(1);
    const add = (userId: string) => ({ ...actor('approver-1'), userId, userName: userId, position: 'after' as const });
    expect(codeOf(() => v.validateAddApprover(c, add('expert')))).toBeNull();
    expect(codeOf(() => v.validateAddApprover(c, add(APPLICANT)))).toBe(DecisionRefusal.invalid);
    expect(codeOf(() => v.validateAddApprover(c, add('approver-1')))).toBe(DecisionRefusal.invalid);
  });

  it('copies to at least one user, on an open case', () => {
    expect(codeOf(() => v.validateCopy(caseAt(1), { ...actor('approver-1'), userIds: ['w'] }))).toBeNull();
    expect(codeOf(() => v.validateCopy(caseAt(1), { ...actor('approver-1'), userIds: [] }))).toBe(
      DecisionRefusal.invalid,
    );
    expect(codeOf(() => v.validateCopy(caseAt(null, { status: 'rejected' }), { ...actor('a'), userIds: ['w'] }))).toBe(
      DecisionRefusal.closed,
    );
  });

  it('urges someone else, at most once an hour on the workflow clock', () => {
    const t = Date.parse('2026-12-07T10:00:00.000Z');
    expect(codeOf(() => v.validateUrge(caseAt(1), actor(APPLICANT), t))).toBeNull();
    expect(codeOf(() => v.validateUrge(caseAt(1), actor('approver-1'), t))).toBe(DecisionRefusal.invalid);
    expect(codeOf(() => v.validateUrge(caseAt(null, { status: 'returned' }), actor(APPLICANT), t))).toBe(
      DecisionRefusal.notActive,
    );
    const urged = caseAt(1, { lastUrgedAt: t - v.URGE_INTERVAL_MS + 1 });
    expect(codeOf(() => v.validateUrge(urged, actor(APPLICANT), t))).toBe(DecisionRefusal.tooSoon);
    expect(codeOf(() => v.validateUrge(urged, actor(APPLICANT), t + 1))).toBeNull();
  });

  it('comments with text and attaches a reference with a hex SHA-256 and a positive size', () => {
    expect(codeOf(() => v.validateComment(caseAt(1), { ...actor('a'), comment: '请补充材料' }))).toBeNull();
    expect(codeOf(() => v.validateComment(caseAt(1), { ...actor('a'), comment: ' ' }))).toBe(DecisionRefusal.invalid);
    const attach = {
      ...actor(APPLICANT),
      attachmentId: 'att-1',
      name: 'proof.pdf',
      contentType: 'application/pdf',
      sizeBytes: 10,
      sha256: 'a'.repeat(64),
    };
    expect(codeOf(() => v.validateAttach(caseAt(1), attach))).toBeNull();
    expect(codeOf(() => v.validateAttach(caseAt(1), { ...attach, sha256: 'XYZ' }))).toBe(DecisionRefusal.invalid);
    expect(codeOf(() => v.validateAttach(caseAt(1), { ...attach, sizeBytes: 0 }))).toBe(DecisionRefusal.invalid);
    expect(codeOf(() => v.validateAttach(caseAt(1), { ...attach, sizeBytes: 1.5 }))).toBe(DecisionRefusal.invalid);
  });
});

describe('public notice', () => {
  const open = () => caseAt(null, { status: 'in_notice', notice: { openedAt: 'a', closesAt: 'b', objections: [] } });

  it('takes one objection per person, 5 to 2000 characters, never from the applicant, only during the notice', () => {
    const reason = '家庭收入与实际不符';
    expect(codeOf(() => v.validateObjection(open(), { ...actor('member'), reason }))).toBeNull();
    expect(codeOf(() => v.validateObjection(open(), { ...actor('member'), reason: 'abc' }))).toBe(
      DecisionRefusal.invalid,
    );
    expect(codeOf(() => v.validateObjection(open(), { ...actor(APPLICANT), reason }))).toBe(DecisionRefusal.invalid);
    expect(codeOf(() => v.validateObjection(caseAt(1), { ...actor('member'), reason }))).toBe(
      DecisionRefusal.notInNotice,
    );
    const lodged = open();
    lodged.notice!.objections.push({ objectorId: 'member', status: 'open', lodgedAt: 'now' } as never);
    expect(codeOf(() => v.validateObjection(lodged, { ...actor('member'), reason }))).toBe(
      DecisionRefusal.alreadyObjected,
    );
  });

  it('lets a reviewer (or an administrator) who did not object uphold or dismiss with reasons', () => {
    const review = () => {
      const c = open();
      c.status = 'under_review';
      c.notice!.objections.push({ objectorId: 'member', status: 'open', lodgedAt: 'now' } as never);
      return c;
    };
    const request = { ...actor('reviewer-1'), outcome: 'dismiss' as const, comment: '核实无误' };
    expect(codeOf(() => v.validateReview(review(), request))).toBeNull();
    expect(codeOf(() => v.validateReview(review(), { ...request, actorId: 'admin', administrator: true }))).toBeNull();
    expect(codeOf(() => v.validateReview(review(), { ...request, actorId: 'other' }))).toBe(
      DecisionRefusal.notReviewer,
    );
    expect(codeOf(() => v.validateReview(review(), { ...request, actorId: 'member', administrator: true }))).toBe(
      DecisionRefusal.invalid,
    );
    expect(codeOf(() => v.validateReview(review(), { ...request, comment: '' }))).toBe(DecisionRefusal.invalid);
    expect(codeOf(() => v.validateReview(review(), { ...request, outcome: 'maybe' as never }))).toBe(
      DecisionRefusal.invalid,
    );
    expect(codeOf(() => v.validateReview(open(), request))).toBe(DecisionRefusal.noOpenObjection);
  });
});
