export type LedgerKind =
  | 'submitted'
  | 'eligibility_assessed'
  | 'task_opened'
  | 'task_reassigned'
  | 'decision'
  | 'action'
  | 'status_changed'
  | 'budget_reserved'
  | 'disbursement_recorded'
  | 'payment_recorded'
  | 'payment_failed'
  | 'budget_released'
  | 'notice_opened'
  | 'objection_lodged'
  | 'objection_reviewed'
  | 'notice_closed';

export interface LedgerAppend {
  applicationId: string;
  kind: LedgerKind;
  /** Makes the append idempotent: a retried activity appends nothing new. */
  dedupeKey: string;
  actorId: string | null;
  occurredAt: string;
  /** Never raw personal data: masked or left out. */
  payload: Record<string, unknown>;
}

export interface LedgerEntry extends LedgerAppend {
  seq: number;
  caseSeq: number;
  prevCaseHash: string;
  caseHash: string;
  /** The entry's link in the global chain; null for the moment between its commit and the sealer's next pass. */
  prevGlobalHash: string | null;
  globalHash: string | null;
}

export interface BrokenLink {
  seq: number;
  applicationId: string;
  chain: 'case' | 'global';
  problem: string;
}

export interface VerifyReport {
  checked: number;
  ok: boolean;
  firstBroken: BrokenLink | null;
}

/** Port: the append-only, hash-chained ledger of every state change of every case. */
export abstract class LedgerRepository {
  abstract append(entry: LedgerAppend): Promise<void>;
  abstract entriesFor(applicationId: string, options?: { asOf?: Date }): Promise<LedgerEntry[]>;
  /** Recomputes both chains from the first row; stops at the first broken link. */
  abstract verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyReport>;
}
