import { patched } from '@temporalio/workflow';
import { ABSENCE_DELEGATION_PATCH, PROVISIONAL_CALENDAR_PATCH } from '../patches';
import type { RouteLevel } from '../policy';
import type { CarriedPosition, DecisionRecord } from '../types';
import { SYSTEM_ACTOR_ID } from '../types';
import { acts } from './activities';
import { markStatus, notify, reassign, record, recordProvisional } from './effects';
import { take, waitForAction } from './flow';
import type { CaseState, Deadline, FlowAction, LevelOutcome, LevelState } from './state';
import { SYSTEM, currentApprovers, now } from './state';

/**
 * One approval level: its task opened (absent approvers replaced by their delegates), its deadline planned on the
 * business calendar, reminders and the deadline action, and the decisions of its approver groups (any-of, all-of,
 * 加签) until the level is approved, rejected, returned or the case withdrawn.
 */

async function openLevel(c: CaseState, def: RouteLevel): Promise<LevelState> {
  const round = (c.rounds.get(def.level) ?? 0) + 1;
  c.rounds.set(def.level, round);
  let approverIds = [...def.approverIds];
  let assignment = def.assignment ?? [];
  // Change 2: an approver away when the task arrives is replaced by their delegate; the record names both.
  const delegated = patched(ABSENCE_DELEGATION_PATCH)
    ? await acts.resolveDelegates({ applicationId: c.input.applicationId, approverIds, at: now() })
    : null;
  if (delegated && delegated.delegations.length > 0) {
    approverIds = delegated.assigneeIds;
    assignment = [...assignment, ...delegated.delegations.map((d) => d.note)];
  }
  const level: LevelState = {
    def: { ...def, approverIds },
    round,
    groups: [{ ids: [...approverIds], mode: def.mode ?? 'any', approvedBy: [] }],
    active: 0,
  };
  c.current = level;
  for (const d of delegated?.delegations ?? []) {
    await record(c, 'delegate', SYSTEM, d.note, { fromUserId: d.fromUserId, toUserId: d.toUserId, until: d.until });
  }
  await acts.openTask({
    applicationId: c.input.applicationId,
    level: def.level,
    levelName: def.name,
    orgUnitId: def.orgUnitId,
    assigneeIds: approverIds,
    ...(round > 1 ? { round } : {}),
    ...(assignment.length ? { assignment } : {}),
  }); // also moves the projection to pending_approval at this level, in one transaction
  markStatus(c, 'pending_approval');
  c.settled = c.processed;
  await notify(c, approverIds, 'task_assigned', level);
  return level;
}

/** Waits for the next flow action; with an SLA, reminds and applies the deadline action when time runs out. */
async function nextAction(c: CaseState, level: LevelState, deadline: Deadline | null): Promise<FlowAction> {
  const here = (): CarriedPosition => ({ kind: 'level', index: c.index, level, deadline });
  if (deadline) {
    if (deadline.remindAt && !deadline.reminded) {
      const arrived = await waitForAction(c, here, deadline.remindAt);
      if (!arrived) {
        deadline.reminded = true;
        await record(c, 'reminder', SYSTEM, null, { dueAt: deadline.dueAt, approverIds: currentApprovers(c) });
        await notify(c, currentApprovers(c), 'deadline_reminder', level, `remind-r${level.round}`);
      }
    }
    if (c.inbox.length === 0 && !deadline.handled) {
      const arrived = await waitForAction(c, here, deadline.dueAt);
      if (!arrived) {
        deadline.handled = true;
        const synthetic = await onDeadline(c, level, deadline);
        if (synthetic) return synthetic;
      }
    }
  }
  await waitForAction(c, here);
  return take(c);
}

async function onDeadline(c: CaseState, level: LevelState, deadline: Deadline): Promise<FlowAction | null> {
  const sla = level.def.sla!;
  const note = `deadline ${deadline.dueAt} passed`;
  switch (sla.onDue) {
    case 'remind':
      await record(c, 'reminder', SYSTEM, note, { approverIds: currentApprovers(c), overdue: true });
      await notify(c, currentApprovers(c), 'urged', level, `overdue-r${level.round}`);
      return null;
    case 'escalate': {
      const to = sla.escalateToIds ?? [];
      if (to.length === 0) {
        await record(c, 'reminder', SYSTEM, `${note}; nobody to escalate to`, { overdue: true });
        await notify(c, currentApprovers(c), 'urged', level, `overdue-r${level.round}`);
        return null;
      }
      const group = level.groups[level.active];
      const from = group.ids;
      group.ids = [...to];
      await record(c, 'escalate', SYSTEM, note, { fromUserIds: from, toUserIds: to });
      await reassign(c, level, `escalated after the deadline (${deadline.dueAt})`);
      await notify(c, to, 'task_assigned', level, `escalated-r${level.round}`);
      return null;
    }
    case 'auto_approve':
    case 'auto_reject': {
      await record(c, sla.onDue, SYSTEM, note, {});
      const decision: DecisionRecord = {
        level: level.def.level,
        ...(level.round > 1 ? { round: level.round } : {}),
        levelName: level.def.name,
        orgUnitId: level.def.orgUnitId,
        actorId: SYSTEM_ACTOR_ID,
        actorName: SYSTEM.actorName,
        decision: sla.onDue === 'auto_approve' ? 'approve' : 'reject',
        comment: `automatic after the deadline (${deadline.dueAt})`,
        decidedAt: now(),
      };
      // Completes the level whatever mode it has: the deadline decides for everyone still pending.
      level.groups.splice(level.active + 1);
      return { kind: 'decide', seq: c.accepted, decision };
    }
    case 'return':
      return { kind: 'return', seq: c.accepted, actor: SYSTEM, comment: `Returned: ${note}`, toLevel: 0 };
  }
}

/** Plans the level's deadline; without a business calendar for the year, says so on the trail and sets none. */
async function planDeadline(c: CaseState, def: RouteLevel, level: LevelState): Promise<Deadline | null> {
  let deadline: Deadline | null = null;
  try {
    const plan = await acts.planDeadline({
      applicationId: c.input.applicationId,
      level: def.level,
      round: level.round,
      openedAt: now(),
      sla: def.sla!,
    });
    deadline = { remindAt: plan.remindAt, dueAt: plan.dueAt, reminded: false, handled: false };
    if (plan.provisionalYears?.length && patched(PROVISIONAL_CALENDAR_PATCH)) {
      await recordProvisional(c, `Level ${def.level} is due`, plan.dueAt, plan.provisionalYears);
    }
  } catch (err) {
    // Never guess a deadline: wait without one.
    const message = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    await record(c, 'reminder', SYSTEM, `No deadline for this level: ${message}`, { deadline: null });
  }
  return deadline;
}

/** Runs one level: opens its task (or, in a continued run, picks up the one carried over) and waits for it. */
export async function runLevel(
  c: CaseState,
  def: RouteLevel,
  resumed: { level: LevelState; deadline: Deadline | null } | null = null,
): Promise<LevelOutcome> {
  const level = resumed ? (c.current = resumed.level) : await openLevel(c, def);
  let deadline: Deadline | null = resumed?.deadline ?? null;
  if (def.sla && !resumed) deadline = await planDeadline(c, def, level);
  for (;;) {
    const action = await nextAction(c, level, deadline);
    switch (action.kind) {
      case 'decide': {
        const decision = action.decision;
        const group = level.groups[level.active];
        const approving = decision.decision === 'approve';
        const groupDone =
          !approving ||
          group.mode === 'any' ||
          decision.actorId === SYSTEM_ACTOR_ID ||
          group.ids.every((id) => id === decision.actorId || group.approvedBy.includes(id));
        const levelDone = !approving || (groupDone && level.active + 1 >= level.groups.length);
        await acts.recordDecision({
          applicationId: c.input.applicationId,
          decision,
          ...(levelDone ? {} : { levelContinues: true }),
        });
        c.decisions.push(decision);
        if (!approving) return { kind: 'rejected', decision };
        group.approvedBy.push(decision.actorId);
        if (levelDone) return { kind: 'approved' };
        if (groupDone) {
          level.active++;
          await reassign(c, level, 'next approver at this level (加签)');
          await notify(c, level.groups[level.active].ids, 'task_assigned', level, `group-${level.active}`);
        }
        c.settled = c.processed;
        break;
      }
      case 'return':
        return { kind: 'returned', toLevel: action.toLevel, actor: action.actor, comment: action.comment };
      case 'withdraw':
        return { kind: 'withdrawn', actor: action.actor, comment: action.comment };
      case 'resubmit':
      case 'object':
      case 'review':
        c.settled = c.processed; // cannot happen while a level is open (the validator refuses it)
        break;
    }
  }
}
