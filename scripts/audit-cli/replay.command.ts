/** `audit replay`: archived workflow histories replayed against the current workflow code. */

import type { INestApplicationContext } from '@nestjs/common';
import { ReplayService } from '../../libs/audit-review/src';
import type { ReplaySummary } from '../../libs/audit-review/src';
import { ApplicationException, ErrorCode } from '../../libs/common/src';
import type { AppConfig } from '../../libs/config/src';
import { EXIT } from './command-line';
import type { AuditCommand } from './command-line';
import { CannotComplete, progressOn, writeJson } from './io';
import type { CliIo } from './io';

const OUTCOME_TEXT = { identical: 'identical', nondeterministic: 'non-deterministic', failed: 'failed' } as const;

export async function replay(
  context: INestApplicationContext,
  io: CliIo,
  command: Extract<AuditCommand, { name: 'replay' }>,
  config: AppConfig,
): Promise<number> {
  const service = context.get(ReplayService);
  if (!config.workflowBundlePath) {
    io.stderr.write('replay: bundling the workflow code (WORKFLOW_BUNDLE_PATH names a pre-built bundle)\n');
  }
  let summary: ReplaySummary;
  if (command.applicationId) {
    const report = await service.replayCase(command.applicationId).catch((err: unknown) => {
      if (err instanceof ApplicationException && err.code === ErrorCode.NotFound) {
        throw new CannotComplete(`${err.message} (\`npm run audit -- archive\` archives the closed ones)`);
      }
      throw err;
    });
    summary = {
      replayed: 1,
      identical: report.outcome === 'identical' ? 1 : 0,
      nondeterministic: report.outcome === 'nondeterministic' ? 1 : 0,
      failed: report.outcome === 'failed' ? 1 : 0,
      reports: report.outcome === 'identical' ? [] : [report],
    };
  } else {
    const progress = progressOn(io, 'replay', 100);
    summary = await service.replayPeriod(
      { from: command.from, to: command.to, program: command.program },
      (done, total) => progress.update(done, total),
    );
    progress.finish();
  }
  if (command.json) {
    writeJson(io, summary);
  } else if (summary.replayed === 0) {
    io.stdout.write('No archived case matches; `npm run audit -- archive` archives the closed ones.\n');
  } else {
    const lines = [
      `Replayed ${summary.replayed} archived case${summary.replayed === 1 ? '' : 's'} against the current workflow code: ` +
        `${summary.identical} identical, ${summary.nondeterministic} non-deterministic, ${summary.failed} failed.`,
    ];
    if (summary.reports.length) lines.push('Not identical:');
    for (const r of summary.reports) {
      const diverging = `first diverging event ${r.firstDivergingEventId ?? 'not named in the error'}`;
      lines.push(
        `  ${r.applicationId}  ${OUTCOME_TEXT[r.outcome]}, ${diverging} (workflow ${r.workflowId}, run ${r.runId})`,
      );
      if (r.error) lines.push(`    ${r.error.split('\n').join('\n    ')}`);
    }
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return summary.identical === summary.replayed ? EXIT.ok : EXIT.findings;
}
