/** `audit verify`: the ledger's hash chains recomputed, the first broken link named. */

import type { INestApplicationContext } from '@nestjs/common';
import { AuditReviewService } from '../../libs/audit-review/src';
import type { VerifyReport } from '../../libs/audit/src';
import { EXIT } from './command-line';
import { progressOn, writeJson } from './io';
import type { CliIo } from './io';

export async function verify(context: INestApplicationContext, io: CliIo, json: boolean): Promise<number> {
  const progress = progressOn(io, 'verify', 20_000);
  const report: VerifyReport = await context
    .get(AuditReviewService)
    .verifyLedger((checked, total) => progress.update(checked, total));
  progress.finish();
  if (json) {
    writeJson(io, report);
  } else if (report.ok) {
    io.stdout.write(`Ledger intact: ${report.checked} entries, per-case and global hash chains recomputed.\n`);
  } else {
    const broken = report.firstBroken!;
    io.stdout.write(
      `Ledger BROKEN. First broken link: seq ${broken.seq}, application ${broken.applicationId}, ` +
        `${broken.chain} chain: ${broken.problem}.\n` +
        `The ${report.checked} entries before it are intact.\n`,
    );
  }
  return report.ok ? EXIT.ok : EXIT.findings;
}
