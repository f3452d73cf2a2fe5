import type { BenchStack } from './stack';

/**
 * What PostgreSQL's backends are doing, sampled from pg_stat_activity every `intervalMs` during a window: the
 * share of samples each (wait event, state, statement) had. Lock waits here are where the product serialises.
 */
export interface WaitShare {
  wait: string;
  state: string;
  statement: string;
  samples: number;
  /** Backends in this state on average over the window. */
  meanBackends: number;
}

export class PgWaitSampler {
  private readonly counts = new Map<string, number>();
  private rounds = 0;
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(private readonly stack: BenchStack) {}

  start(intervalMs = 250): this {
    this.timer = setInterval(() => void this.sample(), intervalMs);
    return this;
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const rows = await this.stack.sql<{ wait: string; state: string; q: string }>(
        `SELECT coalesce(wait_event_type || '/' || wait_event, 'CPU') AS wait, state,
                left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS q
         FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND state NOT IN ('idle')`,
      );
      this.rounds++;
      for (const r of rows) {
        const key = `${r.wait}\u0000${r.state}\u0000${r.q}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
      }
    } catch {
      // a sample lost does not matter
    } finally {
      this.busy = false;
    }
  }

  stop(top = 12): WaitShare[] {
    if (this.timer) clearInterval(this.timer);
    return [...this.counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, samples]) => {
        const [wait, state, statement] = key.split('\u0000');
        return {
          wait,
          state,
          statement,
          samples,
          meanBackends: Math.round((samples / Math.max(1, this.rounds)) * 100) / 100,
        };
      });
  }
}
