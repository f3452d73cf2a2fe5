/** `audit archive`: every closed workflow history not archived yet copied from Temporal into PostgreSQL. */

import type { INestApplicationContext } from '@nestjs/common';
import { HistoryArchiver, HistoryArchiveRepository } from '../../libs/audit-review/src';
import type { AppConfig } from '../../libs/config/src';
import { EXIT } from './command-line';
import { requireTemporal, writeJson } from './io';
import type { CliIo } from './io';

export async function archive(
  context: INestApplicationContext,
  io: CliIo,
  isJson: boolean,
  config: AppConfig,
): Promise<number> {
  await requireTemporal(context, config);
  const archiver = context.get(HistoryArchiver);
  let archived = 0;
  let passes = 0;
  for (;;) {
    const stored = await archiver.archivePending();
    passes++;
    if (stored === 0) break;
    archived += stored;
    io.stderr.write(`archive: pass ${passes}, ${stored} archived (${archived} in all)\n`);
  }
  // Closed in the projection but not archived: the workflow is still finishing (its last email), or Temporal lost it.
  const notArchived = (await context.get(HistoryArchiveRepository).pendingApplications(10_000)).length;
  if (isJson) {
    writeJson(io, { archived, notArchived });
  } else {
    io.stdout.write(
      `Archived ${archived} closed workflow histor${archived === 1 ? 'y' : 'ies'}.` +
        (notArchived
          ? ` ${notArchived} closed case(s) not archived: still finishing in Temporal, or missing there.`
          : '') +
        '\n',
    );
  }
  return EXIT.ok;
}
