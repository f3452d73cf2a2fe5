/** `audit rederive`: a case's tier, amount and routing recomputed and set against what was recorded. */

import type { INestApplicationContext } from '@nestjs/common';
import { AuditReviewService } from '../../libs/audit-review/src';
import type { RederivationReport } from '../../libs/audit-review/src';
import { ApplicationException } from '../../libs/common/src';
import { EXIT } from './command-line';
import type { AuditCommand } from './command-line';
import { CannotComplete, writeJson } from './io';
import type { CliIo } from './io';

export async function rederive(
  context: INestApplicationContext,
  io: CliIo,
  command: Extract<AuditCommand, { name: 'rederive' }>,
): Promise<number> {
  const review = context.get(AuditReviewService);
  const report: RederivationReport = await (
    command.source === 'history'
      ? review.rederiveFromArchive(command.applicationId)
      : review.rederive(command.applicationId)
  ).catch((err: unknown) => {
    throw err instanceof ApplicationException ? new CannotComplete(err.message) : err;
  });
  if (command.json) {
    writeJson(io, report);
  } else {
    const show = (value: unknown): string => JSON.stringify(value) ?? 'undefined';
    const width = Math.max(0, ...report.checks.map((c) => c.subject.length));
    const failing = report.checks.filter((c) => !c.matches).length;
    const lines = [
      `Application ${report.applicationId}: policy ${report.policyVersion ?? '(unknown)'}, standard ${report.standardId ?? '(unknown)'}`,
      // One value where recorded and recomputed agree; both where they do not.
      ...report.checks.map((c) =>
        c.matches
          ? `  ok        ${c.subject.padEnd(width)}  ${show(c.recorded)}`
          : `  MISMATCH  ${c.subject.padEnd(width)}  recorded ${show(c.recorded)}, recomputed ${show(c.recomputed)}`,
      ),
      ...(report.problems.length ? ['Problems:', ...report.problems.map((p) => `  - ${p}`)] : []),
      report.matches
        ? `All ${report.checks.length} checks match.`
        : `${failing} of ${report.checks.length} checks do not match; ${report.problems.length} problem(s).`,
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
  }
  return report.matches ? EXIT.ok : EXIT.findings;
}
