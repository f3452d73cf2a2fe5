import { performance } from 'node:perf_hooks';
import { DEMO_PASSWORD } from '../../lib/seed';
import type { LoadDriver } from './load';
import { sleep } from './stats';

/**
 * Simulated people over HTTP, as the product sees them: applicants file hardship-aid cases (`POST /applications`),
 * the demo org's approvers of the three levels poll `GET /tasks` and approve what they find
 * (`POST /applications/:id/decisions`). A case is completed when its last approval is answered with the case
 * approved (the API answers the last approval once the case is paid).
 */

/** A deep-hardship household of three asking 5,000 CNY living relief (below the leader's 8,000 CNY sign-off). */
export const BENCH_APPLICATION = {
  program: 'hardship-aid',
  category: 'living',
  requestedAmount: 5000,
  household: { householdSize: 3, annualIncome: 24000, unavoidableCosts: 6000 },
};

/** Applicants of the two branches, and the approvers who see their cases at each level. */
export const APPLICANTS = ['applicant1', 'applicant2'] as const;
export const APPROVERS = [
  { username: 'approver-g-east-1', level: 1 },
  { username: 'approver-g-west-1', level: 1 },
  { username: 'approver-d-east', level: 2 },
  { username: 'approver-d-west', level: 2 },
  { username: 'approver-city', level: 3 },
] as const;

interface Task {
  applicationId: string;
  level: number;
}

export class ProductDriver implements LoadDriver {
  readonly name = 'aidflow';
  readonly started: number[] = [];
  readonly completed: number[] = [];
  readonly decisions: Array<{ at: number; ms: number; level: number }> = [];
  readonly submits: Array<{ at: number; ms: number }> = [];
  readonly errors: Record<string, number> = {};
  readonly polls: Array<{ at: number; ms: number; tasks: number }> = [];
  /** Case id -> when it was started; deleted once it completed. */
  private readonly openCases = new Map<string, number>();
  readonly completedIds = new Set<string>();
  /** Every case this driver filed, in order. */
  readonly ids: string[] = [];
  private readonly tokens = new Map<string, string>();
  private readonly decided = new Set<string>();
  private readonly deciding = new Set<string>();
  private approving = false;
  private loops: Promise<void>[] = [];
  private seq = 0;
  private readonly runId = Math.random().toString(36).slice(2, 8);

  constructor(
    private readonly base: string,
    private readonly options: { pollMs: number; maxDecisionsInFlightPerApprover: number },
  ) {}

  open(): number {
    return this.openCases.size;
  }

  private note(kind: string): void {
    this.errors[kind] = (this.errors[kind] ?? 0) + 1;
  }

  private async call<T>(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T };
  }

  /** Logs every simulated person in once (argon2id makes a login cost tens of ms; people keep their token). */
  async login(): Promise<void> {
    for (const username of [...APPLICANTS, ...APPROVERS.map((a) => a.username)]) {
      const res = await this.call<{ accessToken: string }>('POST', '/auth/login', null, {
        username,
        password: DEMO_PASSWORD,
      });
      if (res.status !== 200) throw new Error(`Login of ${username} answered ${res.status}`);
      this.tokens.set(username, res.body.accessToken);
    }
  }

  async fire(): Promise<void> {
    const n = ++this.seq;
    const applicant = APPLICANTS[n % APPLICANTS.length];
    const at = performance.now();
    const res = await this.call<{ id: string }>(
      'POST',
      '/applications',
      this.tokens.get(applicant)!,
      BENCH_APPLICATION,
      {
        'Idempotency-Key': `bench-${this.runId}-${n}`,
      },
    );
    const t = performance.now();
    if (res.status !== 201) {
      this.note(`submit ${res.status}`);
      return;
    }
    this.submits.push({ at, ms: t - at });
    this.started.push(at);
    this.ids.push(res.body.id);
    this.openCases.set(res.body.id, at);
  }

  startApprovers(): void {
    this.approving = true;
    this.loops = APPROVERS.map((a) => this.approverLoop(a.username));
  }

  async stopApprovers(): Promise<void> {
    this.approving = false;
    await Promise.all(this.loops);
    while (this.deciding.size > 0) await sleep(50);
  }

  private async approverLoop(username: string): Promise<void> {
    const token = this.tokens.get(username)!;
    const mine = new Set<string>();
    while (this.approving) {
      const at = performance.now();
      try {
        const res = await this.call<Task[]>('GET', '/tasks', token);
        this.polls.push({ at, ms: performance.now() - at, tasks: Array.isArray(res.body) ? res.body.length : 0 });
        if (res.status !== 200) this.note(`tasks ${res.status}`);
        else {
          for (const task of res.body) {
            const key = `${task.applicationId}:${task.level}`;
            if (this.decided.has(key) || this.deciding.has(key)) continue;
            if (mine.size >= this.options.maxDecisionsInFlightPerApprover) break;
            this.deciding.add(key);
            mine.add(key);
            void this.decide(token, task).finally(() => {
              this.deciding.delete(key);
              mine.delete(key);
            });
          }
        }
      } catch (err) {
        this.note(`tasks failed: ${err instanceof Error ? err.message.slice(0, 60) : String(err)}`);
      }
      const wait = this.options.pollMs - (performance.now() - at);
      if (wait > 0) await sleep(wait);
    }
  }

  private async decide(token: string, task: Task): Promise<void> {
    const key = `${task.applicationId}:${task.level}`;
    const at = performance.now();
    let res: { status: number; body: { status?: string; code?: string; message?: string } };
    try {
      res = await this.call(
        'POST',
        `/applications/${task.applicationId}/decisions`,
        token,
        {
          decision: 'approve',
          comment: `同意 (L${task.level})`,
          level: task.level,
        },
        { 'Idempotency-Key': `bench-${key}` },
      );
    } catch (err) {
      this.note(`decide failed: ${err instanceof Error ? err.message.slice(0, 60) : String(err)}`);
      return;
    }
    const t = performance.now();
    if (res.status === 503) {
      this.note('decide 503 (retried on the next poll)');
      return;
    }
    if (res.status === 409 && /being recorded/.test(res.body.message ?? '')) {
      // The task is listed while the previous level's decision is still being written: refused for now.
      this.note('decide 409 "a decision being recorded" (retried on the next poll)');
      return;
    }
    this.decided.add(key);
    if (res.status !== 200) {
      this.note(`decide ${res.status} ${res.body.code ?? ''}: ${(res.body.message ?? '').slice(0, 80)}`.trim());
      return;
    }
    this.decisions.push({ at, ms: t - at, level: task.level });
    if (res.body.status === 'approved' && this.openCases.has(task.applicationId)) {
      this.openCases.delete(task.applicationId);
      this.completedIds.add(task.applicationId);
      this.completed.push(t);
    } else if (task.level >= 3) {
      this.note(
        `last decision answered status ${res.body.status ?? '?'}${this.openCases.has(task.applicationId) ? '' : ' (unknown case)'}`,
      );
    }
  }
}
