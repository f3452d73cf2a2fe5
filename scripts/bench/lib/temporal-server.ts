import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_REGISTRATIONS } from '@aidflow/workflows/search-attribute-names';
import { freePort } from '../../lib/free-port';
import type { Log } from '../../lib/temporal-cli';
import { stopChild } from '../../lib/temporal-dev-server';

/**
 * The Temporal dev server as `scripts/lib/temporal-dev-server.ts` starts it for the tests (127.0.0.1, in-memory,
 * headless, version check off, the product's search attributes), plus what a benchmark needs from it: its pid (RSS,
 * CPU) and its Prometheus `/metrics` endpoint.
 */
export interface BenchTemporal {
  address: string;
  metricsUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export async function startBenchTemporal(cliPath: string, log: Log): Promise<BenchTemporal> {
  const port = await freePort();
  const metricsPort = await freePort();
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--headless',
    '--log-level',
    'warn',
    '--metrics-port',
    String(metricsPort),
    '--dynamic-config-value',
    'frontend.enableServerVersionCheck=false',
    ...SEARCH_ATTRIBUTE_REGISTRATIONS.flatMap((sa) => ['--search-attribute', sa]),
  ];
  const child: ChildProcess = spawn(cliPath, args, {
    env: { ...process.env, TEMPORAL_VERSION_CHECK_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer): void => {
    output = (output + d.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = null as number | null; // set by the exit handler
  child.on('exit', (code) => (exited = code ?? -1));
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited !== null) throw new Error(`The Temporal dev server exited (code ${exited}):\n${output}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        break;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) {
        await stopChild(child);
        throw new Error(`The Temporal dev server did not answer on ${address} within 90 s: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  log(`Temporal dev server on ${address}, metrics on :${metricsPort}`);
  return {
    address,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    pid: child.pid!,
    stop: () => stopChild(child),
  };
}

/** Counters of the server's Prometheus text, summed per metric name and `operation` label. */
export type MetricCounters = Record<string, number>;

export async function scrapeMetrics(url: string | null): Promise<MetricCounters> {
  if (!url) return {};
  try {
    const text = await (await fetch(url)).text();
    const out: MetricCounters = {};
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+([-+\deE.]+|NaN|[+-]Inf)/.exec(line);
      if (!m) continue;
      const [, name, labels = '', value] = m;
      if (
        !/^(service_requests|service_latency_(sum|count)|persistence_requests|persistence_latency_(sum|count)|task_requests)$/.test(
          name,
        )
      )
        continue;
      // Frontend and history both count an operation (a start, an Update): keep what clients and workers called
      // (the frontend), and every persistence call; the temporal_system namespace's own work is left out.
      if (name.startsWith('service_') && !labels.includes('service_name="frontend"')) continue;
      if (labels.includes('namespace="temporal_system"')) continue;
      const op = /operation="([^"]*)"/.exec(labels)?.[1] ?? '';
      const key = `${name}|${op}`;
      out[key] = (out[key] ?? 0) + Number(value);
    }
    return out;
  } catch {
    return {};
  }
}

export interface OperationFigure {
  operation: string;
  requests: number;
  meanMs: number | null;
}

/** Requests and mean latency per operation between two scrapes, busiest first. */
export function metricsDelta(
  before: MetricCounters,
  after: MetricCounters,
  family: 'service' | 'persistence',
  top = 12,
): OperationFigure[] {
  const ops = new Set(
    Object.keys(after)
      .filter((k) => k.startsWith(`${family}_requests|`))
      .map((k) => k.split('|')[1]),
  );
  const d = (key: string): number => (after[key] ?? 0) - (before[key] ?? 0);
  return [...ops]
    .map((operation) => {
      const count = d(`${family}_latency_count|${operation}`);
      const sum = d(`${family}_latency_sum|${operation}`);
      // The dev server's Prometheus histograms are in seconds.
      return {
        operation,
        requests: Math.round(d(`${family}_requests|${operation}`)),
        meanMs: count > 0 ? Math.round((sum / count) * 1000 * 100) / 100 : null,
      };
    })
    .filter((o) => o.requests > 0)
    .sort((a, b) => b.requests - a.requests)
    .slice(0, top);
}
