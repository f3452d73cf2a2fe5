import type { InvariantFinding, InvariantId } from './invariant-rules';

/** What the invariants check is asked (InvariantsOptions) and what it answers (InvariantsReport). */

export interface InvariantsOptions {
  /** One case only. */
  applicationId?: string;
  /** Cases submitted at or after this moment. */
  since?: Date;
  /** Leave out replaying the archived histories (I5's slow half); the ledger is still verified. */
  skipReplay?: boolean;
  /** A notification pending longer than this is reported (a warning). Default 1 hour. */
  notificationGraceMs?: number;
  /**
   * A live case the first pass finds at fault is looked at again after this long, and reported only if it still is:
   * the workflow and its projection are written one after the other, so a busy case can be caught in between.
   * Default 2 s; 0 reports the first look.
   */
  settleMs?: number;
  /** Deadline of each call to Temporal (describe, Query, result). Default 10 s. */
  callTimeoutMs?: number;
  /** Cases looked at in parallel. Default 8. */
  concurrency?: number;
  onProgress?: (phase: InvariantsPhase, done: number, total: number) => void;
}

export type InvariantsPhase = 'cases' | 'ledger' | 'replay';

export interface InvariantResult {
  id: InvariantId;
  title: string;
  /** How many things were checked, in `unit`s. */
  checked: number;
  unit: string;
  violations: InvariantFinding[];
  /** Worth a look, not a breach: a notification pending past the grace period, an activity retrying a long time. */
  warnings: InvariantFinding[];
  /** Things in scope that could not be checked, with why in `notes`. */
  skipped: number;
  notes: string[];
  /** I1: how many cases are in each terminal or waiting state. */
  states?: Record<string, number>;
  holds: boolean;
}

export interface InvariantsReport {
  scope: { applicationId: string | null; since: string | null; replay: boolean };
  /** Cases in scope (rows in `applications`). */
  applications: number;
  invariants: InvariantResult[];
  /** Every invariant holds (warnings allowed). */
  holds: boolean;
  /**
   * Why part of the check could not be done (Temporal did not describe some cases, visibility did not answer, no
   * worker answered the Queries); empty when everything in scope was looked at.
   */
  incomplete: string[];
}

export const INVARIANT_TITLES: Record<InvariantId, string> = {
  I1: 'every accepted application is terminal or in a documented waiting state',
  I2: 'one open execution, one decision per level and round, one payment per case',
  I3: 'each notification at most once per idempotency key',
  I4: "the PostgreSQL projection equals the workflow's own state (its Query)",
  I5: 'the ledger chain verifies and every archived history replays clean',
};

export function emptyResult(id: InvariantId, checked: number, unit: string): InvariantResult {
  return {
    id,
    title: INVARIANT_TITLES[id],
    checked,
    unit,
    violations: [],
    warnings: [],
    skipped: 0,
    notes: [],
    holds: true,
  };
}

export function finished(result: InvariantResult): InvariantResult {
  return { ...result, holds: result.violations.length === 0 };
}
