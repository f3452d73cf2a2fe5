import type { ApplicationView } from '@aidflow/workflows/types';
import { compareWithOutcome, compareWithView } from './invariant-projection-rules';
import { CASE_STATES, classifyCase, decisionFindings } from './invariant-rules';
import type { ExecutionFacts, ProjectionFacts } from './invariant-rules';

const ID = '3f1c2a9e-8b7d-4c6e-9f10-123456789abc';
const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const NOW = new Date('2026-03-02T10:00:00Z');

function projection(overrides: Partial<ProjectionFacts> = {}): ProjectionFacts {
  return {
    applicationId: ID,
    workflowId: `application-${ID}`,
    status: 'pending_approval',
    currentLevel: 1,
    tier: 'deep',
    grantedAmountFen: 500_000,
    outcomeReason: null,
    createdAt: new Date('2026-03-01T08:00:00Z'),
    openTasks: [{ level: 1, round: 1, assigneeIds: [A] }],
    decisions: [],
    notice: null,
    ...overrides,
  };
}

function execution(overrides: Partial<ExecutionFacts> = {}): ExecutionFacts {
  return {
    workflowId: `application-${ID}`,
    runId: 'run-1',
    status: 'RUNNING',
    closeTime: null,
    workflowTaskAttempt: null,
    pendingActivities: [],
    ...overrides,
  };
}

function view(overrides: Partial<ApplicationView> = {}): ApplicationView {
  return {
    applicationId: ID,
    status: 'pending_approval',
    currentLevel: 1,
    currentRound: 1,
    currentApproverIds: [A],
    eligibility: {
      eligible: true,
      tier: 'deep',
      grantedAmountFen: 500_000,
    } as ApplicationView['eligibility'],
    decisions: [],
    outcomeReason: null,
    ...overrides,
  };
}

const classify = (facts: {
  projection?: ProjectionFacts;
  execution?: ExecutionFacts | null;
  archivedStatus?: string | null;
  view?: ApplicationView | null;
}) =>
  classifyCase({
    projection: facts.projection ?? projection(),
    execution: facts.execution === undefined ? execution() : facts.execution,
    archivedStatus: facts.archivedStatus ?? null,
    view: facts.view === undefined ? view() : facts.view,
    now: NOW,
  });

describe('I1: terminal or a documented waiting state', () => {
  it('waits for an approver when the level has its open task', () => {
    expect(classify({})).toEqual({ state: CASE_STATES.approver, violations: [], warnings: [] });
  });

  it('names a case with no workflow execution and no archived history as lost', () => {
    const verdict = classify({ execution: null });
    expect(verdict.state).toBeNull();
    expect(verdict.violations).toEqual([expect.objectContaining({ applicationId: ID, code: 'workflow-missing' })]);
    expect(classify({ execution: null, archivedStatus: 'COMPLETED' }).state).toBe(CASE_STATES.terminalArchived);
  });

  it('names an execution that was terminated, failed or timed out', () => {
    for (const status of ['TERMINATED', 'FAILED', 'TIMED_OUT', 'CANCELLED'] as const) {
      const verdict = classify({ execution: execution({ status, closeTime: NOW.toISOString() }) });
      expect(verdict.violations.map((v) => v.code)).toEqual(['execution-closed-abnormally']);
      expect(verdict.violations[0].message).toContain(status);
    }
  });

  it('calls a completed execution terminal only with a final status', () => {
    expect(classify({ execution: execution({ status: 'COMPLETED' }), view: view({ status: 'approved' }) }).state).toBe(
      CASE_STATES.terminal,
    );
    expect(classify({ execution: execution({ status: 'COMPLETED' }) }).violations[0].code).toBe('completed-not-final');
  });

  it('names a level nobody can act on, unless the task is still being opened', () => {
    const noTask = projection({ openTasks: [] });
    expect(classify({ projection: noTask }).violations.map((v) => v.code)).toEqual(['no-open-task']);
    const opening = execution({ pendingActivities: [{ type: 'openTask', attempt: 1, lastFailure: null }] });
    expect(classify({ projection: noTask, execution: opening }).state).toBe(CASE_STATES.inProgress);
    // A task of another round does not count.
    const otherRound = projection({ openTasks: [{ level: 1, round: 1, assigneeIds: [A] }] });
    expect(classify({ projection: otherRound, view: view({ currentRound: 2 }) }).violations[0].code).toBe(
      'no-open-task',
    );
  });

  it('waits on a payment retry; a money phase with nothing pending is stalled', () => {
    const money = view({ currentLevel: null, currentRound: null, currentApproverIds: [] });
    const retrying = execution({
      pendingActivities: [{ type: 'payDisbursement', attempt: 3, lastFailure: 'bank busy' }],
    });
    expect(classify({ view: money, execution: retrying }).state).toBe(CASE_STATES.paymentRetry);
    expect(classify({ view: money }).violations.map((v) => v.code)).toEqual(['stalled']);
  });

  it('names a workflow task failing again and again', () => {
    const verdict = classify({ execution: execution({ workflowTaskAttempt: 4 }) });
    expect(verdict.violations[0]).toMatchObject({ code: 'workflow-task-failing' });
    expect(verdict.violations[0].message).toContain('attempt 4');
    expect(classify({ execution: execution({ workflowTaskAttempt: 1 }) }).state).toBe(CASE_STATES.approver);
  });

  it('waits in the public notice; warns when its window closed long ago', () => {
    const open = (closesAt: string) =>
      projection({
        status: 'in_notice',
        currentLevel: null,
        openTasks: [],
        notice: { status: 'open', closesAt: new Date(closesAt), objections: [] },
      });
    const noticeView = view({ status: 'in_notice', currentLevel: null, currentApproverIds: [] });
    expect(classify({ projection: open('2026-03-09T10:00:00Z'), view: noticeView })).toMatchObject({
      state: CASE_STATES.notice,
      warnings: [],
    });
    const late = classify({ projection: open('2026-03-02T09:00:00Z'), view: noticeView });
    expect(late.state).toBe(CASE_STATES.notice);
    expect(late.warnings.map((w) => w.code)).toEqual(['notice-overdue']);
  });

  it('pays a case whose objection was dismissed (still under review) and waits on a review task before', () => {
    const reviewing = (noticeStatus: string, openTasks: ProjectionFacts['openTasks']) =>
      projection({
        status: 'under_review',
        currentLevel: null,
        openTasks,
        notice: { status: noticeStatus, closesAt: new Date('2026-03-09T10:00:00Z'), objections: [] },
      });
    const reviewView = view({ status: 'under_review', currentLevel: null, currentApproverIds: [] });
    const review = [{ level: 90, round: 1, assigneeIds: [B] }];
    expect(classify({ projection: reviewing('under_review', review), view: reviewView }).state).toBe(
      CASE_STATES.objection,
    );
    const paying = execution({ pendingActivities: [{ type: 'payDisbursement', attempt: 1, lastFailure: null }] });
    expect(classify({ projection: reviewing('cleared', []), view: reviewView, execution: paying }).state).toBe(
      CASE_STATES.inProgress,
    );
    expect(classify({ projection: reviewing('under_review', []), view: reviewView }).violations[0].code).toBe(
      'no-open-task',
    );
  });

  it('warns of an activity retrying many times, without calling it a violation', () => {
    const verdict = classify({
      execution: execution({ pendingActivities: [{ type: 'sendNotification', attempt: 7, lastFailure: 'smtp 451' }] }),
    });
    expect(verdict.state).toBe(CASE_STATES.approver);
    expect(verdict.warnings).toEqual([
      expect.objectContaining({
        code: 'activity-retrying',
        message: 'activity sendNotification on attempt 7: smtp 451',
      }),
    ]);
  });
});

describe("I4: the projection equals the workflow's Query", () => {
  it('agrees field by field for a case waiting at a level', () => {
    expect(compareWithView(projection(), view())).toEqual([]);
  });

  it('names each field that differs, with both values', () => {
    const found = compareWithView(projection({ status: 'rejected', currentLevel: 2, tier: 'relative' }), view());
    expect(found.map((f) => f.code)).toEqual(['status', 'currentLevel', 'tier']);
    expect(found[0].message).toBe('status: projection "rejected", workflow "pending_approval"');
  });

  it('leaves out the level once every level approved (the projection keeps the last one)', () => {
    const money = view({ currentLevel: null, currentRound: null, currentApproverIds: [] });
    expect(compareWithView(projection({ currentLevel: 3, openTasks: [] }), money)).toEqual([]);
    const final = view({ status: 'approved', currentLevel: null, currentApproverIds: [] });
    expect(compareWithView(projection({ status: 'approved', currentLevel: 3 }), final).map((f) => f.code)).toEqual([
      'currentLevel',
    ]);
  });

  it('compares decisions as sets and the task against the approvers still to decide', () => {
    const decided = { level: 1, levelName: 'grassroots', orgUnitId: 'o', actorId: A, actorName: 'a', comment: null };
    const allOf = view({
      currentApproverIds: [A, B],
      decisions: [{ ...decided, decision: 'approve', decidedAt: NOW.toISOString() }],
    });
    const recorded = projection({
      openTasks: [{ level: 1, round: 1, assigneeIds: [B] }],
      decisions: [{ level: 1, round: 1, actorId: A, decision: 'approve' }],
    });
    expect(compareWithView(recorded, allOf)).toEqual([]);
    const extra = projection({
      openTasks: [{ level: 1, round: 1, assigneeIds: [B] }],
      decisions: [
        { level: 1, round: 1, actorId: A, decision: 'approve' },
        { level: 1, round: 1, actorId: B, decision: 'approve' },
      ],
    });
    const [finding] = compareWithView(extra, allOf);
    expect(finding).toMatchObject({ code: 'decisions' });
    expect(finding.message).toContain(`only in the projection: L1R1 ${B} approve`);
  });

  it('compares the notice row with the case: open while listed, cleared or closed while it is paid', () => {
    const withNotice = (status: string, objections = [{ id: 'o1', status: 'dismissed' }]) =>
      projection({
        status: 'under_review',
        currentLevel: null,
        openTasks: [],
        notice: { status, closesAt: new Date('2026-03-09T10:00:00Z'), objections },
      });
    const reviewed = view({
      status: 'under_review',
      currentLevel: null,
      currentApproverIds: [],
      notice: {
        openedAt: '2026-03-02T10:00:00.000Z',
        closesAt: '2026-03-09T10:00:00.000Z',
        objections: [{ objectionId: 'o1', objectorId: B, lodgedAt: '2026-03-03T10:00:00.000Z', status: 'dismissed' }],
      },
    });
    expect(compareWithView(withNotice('cleared'), reviewed)).toEqual([]);
    expect(compareWithView(withNotice('closed_clean'), reviewed).map((f) => f.code)).toEqual(['notice.status']);
    expect(compareWithView(withNotice('cleared', [{ id: 'o1', status: 'open' }]), reviewed).map((f) => f.code)).toEqual(
      ['notice.objections'],
    );
  });

  it("compares a closed case with its archived result's status, amount and reason", () => {
    const approved = projection({ status: 'approved', currentLevel: null, openTasks: [] });
    expect(compareWithOutcome(approved, { status: 'approved', grantedAmountFen: 500_000, reason: null })).toEqual([]);
    expect(
      compareWithOutcome(approved, { status: 'approved', grantedAmountFen: 400_000, reason: null }).map((f) => f.code),
    ).toEqual(['grantedAmountFen']);
  });
});

describe('I2: one decision per level and round', () => {
  const group = (mode: 'any' | 'all' | null, decisions: Array<[string, string]>, addedApprovers = 0) => ({
    applicationId: ID,
    level: 1,
    round: 1,
    mode,
    addedApprovers,
    decisions: decisions.map(([actorId, decision]) => ({ actorId, actorName: actorId.slice(0, 1), decision })),
  });

  it('names two decisions on an any-of level', () => {
    const found = decisionFindings(
      group('any', [
        [A, 'approve'],
        [B, 'approve'],
      ]),
    );
    expect(found.map((f) => f.code)).toEqual(['two-decisions-any-of-level']);
    expect(found[0].message).toContain('2 decisions at level 1 round 1, an any-of level');
  });

  it('allows one more decision per approver added (加签), and any number on an all-of level', () => {
    const two: Array<[string, string]> = [
      [A, 'approve'],
      [B, 'approve'],
    ];
    expect(decisionFindings(group('any', two, 1))).toEqual([]);
    expect(decisionFindings(group('all', two))).toEqual([]);
    expect(decisionFindings(group(null, two))).toEqual([]);
  });

  it('names one approver deciding twice and two rejections whatever the mode', () => {
    const found = decisionFindings(
      group('all', [
        [A, 'reject'],
        [A, 'reject'],
      ]),
    );
    expect(found.map((f) => f.code)).toEqual(['two-decisions-one-approver', 'two-rejections']);
  });
});
