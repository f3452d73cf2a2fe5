import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { History } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { decodeApplicationHistory, divergingEvent, rederiveFromHistory } from '../../libs/audit-review/src';
import { buildDataConverter, FAILURE_CONVERTER_PATH } from '../../libs/temporal/src';
import { projectRoot } from '../../scripts/lib/project-root';
import { testEnvironment } from '../setup/test-env';
import { TEST_PAYLOAD_KEY, TEST_PAYLOAD_KEY_ID } from '../support/test-payload-keys';

/** Paths of the first recorder; every committed set holds at least these (later sets add the newer verbs). */
const PATHS = [
  'approved',
  'approved-after-mail-retries',
  'budget-exhausted',
  'refused-ineligible',
  'rejected-level-1',
  'rejected-level-2',
  'rejected-level-3',
];

interface Fixture {
  file: string;
  set: string;
  fixture: string;
  workflowId: string;
  expectedStatus: string;
  history: History;
}

// Replay workers log every failed workflow task; the assertions below say what matters.
Runtime.install({ logger: new DefaultLogger('ERROR') });

const ROOT = join(projectRoot(), 'test', 'fixtures', 'histories');
const SETS = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const FIXTURES: Fixture[] = SETS.flatMap((set) =>
  readdirSync(join(ROOT, set))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const raw = JSON.parse(readFileSync(join(ROOT, set, f), 'utf8')) as Omit<Fixture, 'file' | 'history'> & {
        history: unknown;
      };
      return { ...raw, file: `${set}/${f}`, history: historyFromJSON(raw.history) };
    }),
);

const converter = buildDataConverter({
  payloadEncryption: { currentKeyId: TEST_PAYLOAD_KEY_ID, keys: new Map([[TEST_PAYLOAD_KEY_ID, TEST_PAYLOAD_KEY]]) },
});
const replayOptions = () => ({
  workflowBundle: { codePath: testEnvironment().workflowBundlePath },
  dataConverter: converter,
});

describe('committed workflow histories (test/fixtures/histories)', () => {
  it('hold every path of the workflow in every set, and the approval verbs since v3', () => {
    expect(SETS.length).toBeGreaterThanOrEqual(3);
    const verbs = ['returned-and-resubmitted', 'returned-to-level-1', 'withdrawn', 'transferred-added-copied-urged'];
    expect(FIXTURES.filter((f) => f.set === 'v3-approval-verbs').map((f) => f.fixture)).toEqual(
      expect.arrayContaining(verbs),
    );
    for (const set of SETS) {
      expect(FIXTURES.filter((f) => f.set === set).map((f) => f.fixture)).toEqual(expect.arrayContaining(PATHS));
    }
  });

  it.each(FIXTURES.map((f) => [f.file, f] as const))(
    'replay deterministically against the current workflow code: %s',
    async (_file, fixture) => {
      await expect(
        Worker.runReplayHistory(replayOptions(), fixture.history, fixture.workflowId),
      ).resolves.toBeUndefined();
    },
  );

  it.each(FIXTURES.map((f) => [f.file, f] as const))(
    're-derive every computation from the pinned standard, all matching: %s',
    async (_file, fixture) => {
      const decoded = await decodeApplicationHistory(fixture.history, converter);
      const report = rederiveFromHistory(decoded);
      expect(report.problems).toEqual([]);
      expect(report.checks.filter((c) => !c.matches)).toEqual([]);
      expect(report.matches).toBe(true);
      expect(decoded.result?.status).toBe(fixture.expectedStatus);
      expect(report.checks.map((c) => c.subject)).toEqual(
        expect.arrayContaining(['eligibility.tier', 'outcome.status']),
      );
    },
  );

  it('carry the receipt-notice patch, and its notification, only in sets recorded after that change', async () => {
    for (const fixture of FIXTURES.filter((f) => f.fixture === 'approved' || f.fixture === 'refused-ineligible')) {
      const marked = (fixture.history.events ?? []).some(
        (e) => e.markerRecordedEventAttributes?.markerName === 'core_patch',
      );
      const decoded = await decodeApplicationHistory(fixture.history, converter);
      const received = decoded.activities.some(
        (a) => a.type === 'sendNotification' && (a.input as { event: string }).event === 'received',
      );
      // Ineligible cases never reach the notice; v1 histories predate it and still replay (see above).
      const expected = fixture.set !== 'v1-initial' && fixture.fixture === 'approved';
      expect({ file: fixture.file, marked, received }).toEqual({
        file: fixture.file,
        marked: expected,
        received: expected,
      });
    }
  });

  it('fail to replay on a deliberately non-deterministic build, naming the divergence', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      workflowInterceptorModules: [require.resolve('./nondeterministic-interceptor')],
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: {
        log: () => undefined,
        trace: () => undefined,
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: () => undefined,
      },
    });
    const approved = FIXTURES.filter((f) => f.fixture === 'approved');
    expect(approved.length).toBe(SETS.length);
    for (const fixture of approved) {
      const error = await Worker.runReplayHistory(
        { workflowBundle: { code }, dataConverter: converter },
        fixture.history,
        fixture.workflowId,
      ).then(
        () => null,
        (err: unknown) => err as Error,
      );
      expect(error?.name).toBe('DeterminismViolationError');
      expect(error?.message).toMatch(/nondetermin/i);
      // The recorder's first activity (event 6) now meets a timer command instead.
      expect(divergingEvent(error?.message ?? '')).toBe(6);
    }
  });

  it('flag a doctored input when re-deriving', async () => {
    const fixture = FIXTURES.find((f) => f.fixture === 'approved')!;
    // Someone rewrites the household income in the archived start event (re-encrypting it with the right key).
    const history = historyFromJSON(
      (JSON.parse(readFileSync(join(ROOT, fixture.file), 'utf8')) as { history: unknown }).history,
    );
    const started = history.events![0].workflowExecutionStartedEventAttributes!;
    const decoded = await decodeApplicationHistory(history, converter);
    const doctored = { ...decoded.input, facts: { ...decoded.input.facts, annualIncomeFen: 6_000_000 } };
    started.input!.payloads = await converter.payloadCodecs![0].encode([defaultPayloadConverter.toPayload(doctored)]);

    const report = rederiveFromHistory(await decodeApplicationHistory(history, converter));
    expect(report.matches).toBe(false);
    const flagged = report.checks.filter((c) => !c.matches).map((c) => c.subject);
    expect(flagged).toEqual(expect.arrayContaining(['eligibility.perCapitaMonthlyIncomeFen']));
    const perCapita = report.checks.find((c) => c.subject === 'eligibility.perCapitaMonthlyIncomeFen')!;
    expect(perCapita.recorded).toBe(50_000); // (24,000 - 6,000) / 12 / 3 CNY, as recorded at the time
    expect(perCapita.recomputed).not.toBe(50_000);
  });
});
