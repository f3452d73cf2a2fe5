import { allHandlersFinished, condition, continueAsNew, log, patched, workflowInfo } from '@temporalio/workflow';
import { CONTINUE_AS_NEW_PATCH } from '../patches';
import type { ApplicationView, CarriedCase, CarriedPosition } from '../types';
import type { CaseState, FlowAction } from './state';
import { msUntil, view } from './state';
import type { applicationWorkflow } from './workflow';

/**
 * How flow actions travel: an Update queues one and waits until the main loop has written its effects; the main
 * loop waits for the next one, and continues as a new run (change 8) when the history grows long meanwhile.
 */

/**
 * Change 8: a waiting case continues as a new run once its history has this many events (Temporal warns at 10,240
 * and stops a run at 51,200; the server may suggest it sooner). Small runs also keep replay and worker cache cheap.
 */
export const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;
/**
 * ... or once it holds this many bytes: each Update's answer carries the case's view with its whole trail, so a case
 * with a long trail grows its history by bytes faster than by events (a 4 MB history no longer fits one gRPC answer).
 */
export const CONTINUE_AS_NEW_AFTER_BYTES = 2 * 1024 * 1024;

/** Accepts a flow action and returns once the main loop has written its effects. */
export async function enqueue(c: CaseState, action: FlowAction): Promise<ApplicationView> {
  c.inbox.push(action);
  await condition(() => c.settled >= action.seq);
  return view(c);
}

/** Takes the next queued flow action (the caller waited for one). */
export function take(c: CaseState): FlowAction {
  c.processed++;
  return c.inbox.shift()!;
}

const longHistory = (): boolean => {
  const info = workflowInfo();
  return (
    info.continueAsNewSuggested ||
    info.historyLength >= CONTINUE_AS_NEW_AFTER_EVENTS ||
    info.historySize >= CONTINUE_AS_NEW_AFTER_BYTES
  );
};

/**
 * Waits until a flow action is queued (true) or the time `until` passes (false; no `until`: no time limit). Change
 * 8: when the history grows long meanwhile (comments, urges, returns), the case continues as a new run carrying
 * the state of `position`, as soon as nothing is in flight; an action that arrives first is taken as usual.
 */
export async function waitForAction(
  c: CaseState,
  position: () => CarriedPosition,
  until?: string | null,
): Promise<boolean> {
  // Asked at the first wait: runs recorded before change 8 never continue as new.
  c.mayContinue ??= patched(CONTINUE_AS_NEW_PATCH);
  if (!c.mayContinue) {
    if (until === undefined) return condition(() => c.inbox.length > 0).then(() => true);
    return condition(() => c.inbox.length > 0, msUntil(until));
  }
  for (;;) {
    if (c.inbox.length > 0) return true;
    if (longHistory()) {
      await continueAsNewWhenQuiet(c, position); // returns only when an action arrived first
      continue;
    }
    const woke =
      until === undefined
        ? await condition(() => c.inbox.length > 0 || longHistory()).then(() => true)
        : await condition(() => c.inbox.length > 0 || longHistory(), msUntil(until));
    if (!woke) return false;
  }
}

async function continueAsNewWhenQuiet(c: CaseState, position: () => CarriedPosition): Promise<void> {
  await condition(() => c.inbox.length > 0 || (c.sending === 0 && allHandlersFinished()));
  if (c.inbox.length > 0) return;
  const next: CarriedCase = {
    run: (c.carried?.run ?? 1) + 1,
    at: position(),
    status: c.status,
    eligibility: c.eligibility,
    outcomeReason: c.outcomeReason,
    facts: c.facts,
    category: c.category,
    requestedAmountFen: c.requestedAmountFen,
    decisions: c.decisions,
    actions: c.actions,
    rounds: [...c.rounds.entries()],
    lastUrgedAt: Number.isFinite(c.lastUrgedAt) ? c.lastUrgedAt : null,
  };
  log.info('Continuing as a new run', { applicationId: c.input.applicationId, run: next.run, at: next.at.kind });
  await continueAsNew<typeof applicationWorkflow>({ ...c.input, carried: next });
}
