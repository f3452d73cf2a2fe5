import { useQuery } from '@tanstack/react-query';
import { api, ApiError, call } from '../api/client';
import { session } from '../auth/session';
import { availability } from '../common/availability';

/*
 * The audit endpoints' answers. Their OpenAPI operations describe the body in words only (no schema), so
 * api/schema.d.ts types them as empty: these interfaces follow libs/audit-review (CaseLedgerView, CaseHistoryView,
 * VerifyReport, RederivationReport, ReplayReport, CaseAsOfWithStandard).
 */
export interface LedgerEntryView {
  seq: number;
  caseSeq: number;
  kind: string;
  actorId: string | null;
  occurredAt: string;
  payload: unknown;
  prevCaseHash: string;
  caseHash: string;
  prevGlobalHash: string | null;
  globalHash: string | null;
}
export interface LedgerView {
  applicationId: string;
  unmasked: boolean;
  entries: LedgerEntryView[];
}
export interface HistoryEventView {
  eventId: number;
  eventTime: string | null;
  eventType: string;
  attributes: unknown;
}
export interface HistoryView {
  applicationId: string;
  workflowId: string;
  source: 'archive' | 'temporal';
  unmasked: boolean;
  runs: Array<{ runId: string; events: HistoryEventView[] }>;
}
export interface VerifyReport {
  checked: number;
  ok: boolean;
  firstBroken: { seq: number; applicationId: string; chain: 'case' | 'global'; problem: string } | null;
}
export interface RederivationReport {
  applicationId: string;
  policyVersion: string | null;
  standardId: string | null;
  matches: boolean;
  checks: Array<{ subject: string; recorded: unknown; recomputed: unknown; matches: boolean }>;
  problems: string[];
}
export interface ReplayReport {
  applicationId: string;
  workflowId: string;
  runId: string;
  outcome: 'identical' | 'nondeterministic' | 'failed';
  firstDivergingEventId: number | null;
  error: string | null;
  runs?: number;
}
/** GET /applications/:id?asOf=: the case folded from its ledger up to that time (amounts in fen). */
export interface CaseAsOf {
  applicationId: string;
  asOf: string;
  existed: boolean;
  status: string | null;
  currentLevel: number | null;
  category: string | null;
  requestedAmountFen: number | null;
  facts: Record<string, unknown> | null;
  decisions: Array<{
    level: number;
    decision: string;
    actorName: string;
    comment: string | null;
    decidedAt: string;
  }>;
  standardId: string | null;
  policyVersion: string | null;
  ledgerEntries: number;
  standard: { id: string; policyVersion: string; validFrom: string; validTo: string | null } | null;
}

export function useLedger(id: string, unmasked: boolean) {
  return useQuery({
    queryKey: ['audit', 'ledger', id, unmasked],
    queryFn: async () =>
      (await call(
        api.GET('/audit/applications/{id}/ledger', {
          params: { path: { id }, query: unmasked ? { unmasked: true } : {} },
        }),
      )) as unknown as LedgerView,
  });
}

export function useHistory(id: string, unmasked: boolean) {
  return useQuery({
    queryKey: ['audit', 'history', id, unmasked],
    queryFn: async () =>
      (await call(
        api.GET('/audit/applications/{id}/history', {
          params: { path: { id }, query: unmasked ? { unmasked: true } : {} },
        }),
      )) as unknown as HistoryView,
  });
}

export function useCaseAsOf(id: string, asOf: string | undefined) {
  return useQuery({
    queryKey: ['audit', 'asOf', id, asOf],
    enabled: Boolean(asOf),
    queryFn: async () =>
      (await call(
        api.GET('/applications/{id}', { params: { path: { id }, query: { asOf: asOf! } } }),
      )) as unknown as CaseAsOf,
  });
}

export const verifyLedger = async () => (await call(api.GET('/audit/verify'))) as unknown as VerifyReport;
export const rederive = async (id: string) =>
  (await call(
    api.GET('/audit/applications/{id}/rederivation', { params: { path: { id } } }),
  )) as unknown as RederivationReport;
export const replay = async (id: string) =>
  (await call(api.POST('/audit/applications/{id}/replay', { params: { path: { id } } }))) as unknown as ReplayReport;

/**
 * Downloads a file the API streams (exports, the annual figures' CSV): fetched with the session's token (a plain link
 * would carry none), then saved through a Blob link under the name the API gives.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const token = session.get()?.accessToken;
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  } catch (err) {
    availability.down();
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (response.status === 401) session.expire();
  if (response.status === 503) availability.down();
  else availability.up();
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new ApiError(response.status, body.code ?? `HTTP_${response.status}`, body.message ?? '');
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The message of an error to show: the API's own when it gave one. */
export function errorText(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message || error.code;
  if (error instanceof Error) return error.message;
  return fallback;
}

/** Short form of a SHA-256 hex for tables (the full one is in the title). */
export const shortHash = (hash: string | null | undefined): string => (hash ? `${hash.slice(0, 10)}…` : '—');
