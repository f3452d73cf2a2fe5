import type { LogEntry } from '@temporalio/worker';
import { formatTemporalLog, temporalLogger } from './temporal-logger';

const entry = (meta: Record<string, unknown>): LogEntry => ({
  level: 'WARN',
  message: 'Activity failed',
  timestampNanos: 1_796_630_400_000_000_000n, // 2026-12-07T08:00:00.000Z
  meta,
});

const ACTIVITY = {
  sdkComponent: 'worker',
  namespace: 'default',
  taskQueue: 'aidflow',
  activityType: 'payDisbursement',
  activityId: '7',
  workflowType: 'applicationWorkflow',
  workflowId: 'application-3f1c',
  runId: '01a2-run',
  attempt: 3,
  isLocal: false,
};

describe('Temporal SDK log lines', () => {
  it('are JSON objects with the workflow id, run id, activity and attempt as fields under LOG_FORMAT=json', () => {
    const line = JSON.parse(formatTemporalLog(entry({ ...ACTIVITY, error: new Error('bank busy') }), 'json')) as Record<
      string,
      unknown
    >;
    expect(line).toMatchObject({
      level: 'warn',
      timestamp: '2026-12-07T08:00:00.000Z',
      context: 'Temporal',
      message: 'Activity failed',
      workflowId: 'application-3f1c',
      runId: '01a2-run',
      activityType: 'payDisbursement',
      attempt: 3,
      taskQueue: 'aidflow',
    });
    expect(line.error).toMatchObject({ name: 'Error', message: 'bank busy' });
  });

  it("read as the message and the fields as the SDK's own logger prints them under LOG_FORMAT=pretty", () => {
    const line = formatTemporalLog(entry(ACTIVITY), 'pretty');
    expect(line).toContain('WARN  [Temporal] Activity failed');
    expect(line).toContain("workflowId: 'application-3f1c'");
    expect(line).toContain('attempt: 3');
  });

  it("keep the worker's lifecycle (INFO) under LOG_LEVEL=warn, and add DEBUG under debug", () => {
    const at = (level: 'warn' | 'debug') => {
      const lines: string[] = [];
      const logger = temporalLogger({ log: { level, format: 'json' } }, (l) => lines.push(l));
      logger.debug('Activation', { sdkComponent: 'worker' });
      logger.info('Worker state changed', { sdkComponent: 'worker', state: 'RUNNING' });
      logger.warn('Activity failed', ACTIVITY);
      return lines.map((l) => (JSON.parse(l) as { level: string }).level);
    };
    expect(at('warn')).toEqual(['log', 'warn']);
    expect(at('debug')).toEqual(['debug', 'log', 'warn']);
  });

  it('never throw on metadata JSON cannot hold (a bigint, a cycle)', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    const line = JSON.parse(formatTemporalLog(entry({ ...ACTIVITY, big: 10n, cyclic }), 'json')) as Record<
      string,
      unknown
    >;
    expect(line).toMatchObject({ big: '10', cyclic: { name: 'x', self: '[Circular]' } });
  });
});
