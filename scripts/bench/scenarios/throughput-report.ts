import type { ProfileSummary } from '../lib/cpu-profile';
import type { StepFigure } from '../lib/load';
import type { WaitShare } from '../lib/pg-waits';
import { markdownTable } from '../lib/stats';
import type { Summary } from '../lib/stats';
import type { OperationFigure } from '../lib/temporal-server';

/* The throughput scenario's figures of one side (the product or the limit), and the markdown of the product's. */

export interface SideFigures {
  ramp: StepFigure[];
  sustain: StepFigure | null;
  openAfterDrain: number;
  drainSeconds: number;
  errors: Record<string, number>;
  /** CPU seconds per process during the sustained window, and ms of CPU per completed case. */
  cpuSeconds: Record<string, number>;
  cpuMsPerCase: Record<string, number>;
  peakMemoryMb: Record<string, number>;
  temporalService: OperationFigure[];
  temporalPersistence: OperationFigure[];
  cases: number;
  completed: number;
}

export interface ProductExtras {
  /** pg_stat_activity sampled every 250 ms over the sustained window. */
  pgWaits: WaitShare[];
  pgStatements: { callsPerCase: number; execMsPerCase: number; top: Array<Record<string, unknown>> } | null;
  profiles: Record<string, ProfileSummary>;
  submitLatency: Summary;
  pollLatency: Summary;
}

/** Temporal operations in a markdown table, with how many each completed case cost. */
function perCaseTable(figures: OperationFigure[], completed: number): string {
  return markdownTable(
    ['operation', 'requests', 'per case', 'mean ms'],
    figures.map((s) => [
      s.operation,
      s.requests,
      Math.round((s.requests / Math.max(1, completed)) * 10) / 10,
      s.meanMs,
    ]),
  );
}

export function fmtRecord(r: Record<string, number>): string {
  return Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

export function productMarkdown(p: SideFigures & ProductExtras): string[] {
  const out = [
    '## Where the time goes (sustained window)',
    '',
    `- CPU seconds per process: ${fmtRecord(p.cpuSeconds)}`,
    `- CPU ms per completed case: ${fmtRecord(p.cpuMsPerCase)}`,
    `- peak memory MB: ${fmtRecord(p.peakMemoryMb)}`,
    `- submit latency ms: p50 ${p.submitLatency.p50}, p95 ${p.submitLatency.p95}, p99 ${p.submitLatency.p99}; ` +
      `GET /tasks p50 ${p.pollLatency.p50}, p99 ${p.pollLatency.p99}`,
    `- errors: ${JSON.stringify(p.errors)}`,
    '',
  ];
  if (p.pgWaits.length) {
    out.push(
      'PostgreSQL backends over the sustained window (pg_stat_activity every 250 ms; CPU = no wait event):',
      '',
      markdownTable(
        ['wait', 'state', 'statement', 'mean backends'],
        p.pgWaits.map((w) => [w.wait, w.state, `\`${w.statement.replace(/\|/g, '\\|')}\``, w.meanBackends]),
      ),
      '',
    );
  }
  if (p.pgStatements) {
    out.push(
      `PostgreSQL (pg_stat_statements): ${p.pgStatements.callsPerCase} statements and ${p.pgStatements.execMsPerCase} ms of execution per completed case.`,
      '',
      markdownTable(
        ['statement', 'calls', 'calls/case', 'mean ms'],
        p.pgStatements.top.map((r) => [
          `\`${String(r.query).replace(/\s+/g, ' ').replace(/\|/g, '\\|').slice(0, 110)}\``,
          Number(r.calls),
          Number(r.per_case),
          Number(r.mean_ms),
        ]),
      ),
      '',
    );
  }
  if (p.temporalService.length) {
    out.push(
      'Temporal frontend requests in the window (service_requests, service_latency):',
      '',
      perCaseTable(p.temporalService, p.completed),
      '',
      'Temporal persistence (SQLite, in-memory) in the window:',
      '',
      perCaseTable(p.temporalPersistence, p.completed),
      '',
    );
  }
  for (const [name, prof] of Object.entries(p.profiles)) {
    out.push(
      `CPU profile of the ${name} (${prof.busyMs} ms busy of ${prof.windowMs} ms sampled in the window), self time by area:`,
      '',
      markdownTable(
        ['area', 'ms', '% of busy'],
        prof.areas.map((a) => [a.name, a.ms, a.percent]),
      ),
      '',
      'top functions by self time:',
      '',
      markdownTable(
        ['function', 'ms', '% of busy'],
        prof.functions.slice(0, 12).map((a) => [`\`${a.name}\``, a.ms, a.percent]),
      ),
      '',
    );
  }
  return out;
}
