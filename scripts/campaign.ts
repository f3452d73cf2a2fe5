import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { TypeOrmCampaignsRepository } from '../libs/campaigns/src';
import type { Campaign, CampaignProgress, CloseReport, ReportLine } from '../libs/campaigns/src';
import { fenToYuan } from '../libs/common/src';
import { dataSourceOptions } from '../libs/database/src';
import { embeddedPostgresUrl } from './lib/embedded-postgres';
import { LOCAL_DEFAULTS } from './lib/local-setup';
import { Progress } from './lib/progress';

/**
 * `npm run campaign -- <command>`: follow a campaign from the command line (reads the database the API writes; works
 * next to a running `npm start` with no setup).
 */

export const USAGE = `Usage: npm run campaign -- <command> [options]

Commands:
  list                    Every campaign with its status.
  status <id|code>        Visits per state and amounts; with --watch, a progress bar until every visit is settled.
      --watch               redraw until the campaign is completed or closed
      --interval <ms>       how often to look (default 1000)
  report <id|code>        The close-out report of a closed campaign.

Options:
  --json                  Machine-readable output on stdout.
  -h, --help              This text.

Exit status: 0 done; 2 a bad command line; 3 could not complete (database unreachable, unknown campaign, not
closed yet for report).

Configuration: DATABASE_URL; unset, the PostgreSQL of \`npm start\` on 127.0.0.1:AIDFLOW_PG_PORT (${LOCAL_DEFAULTS.postgresPort}).
`;

const EXIT = { ok: 0, usage: 2, failed: 3 } as const;

interface Io {
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
}

const cny = (fen: number): string => `${fenToYuan(fen).toLocaleString('en-US')} CNY`;

function statusLines(c: Campaign, p: CampaignProgress): string {
  const settled = p.counts.paid + p.counts.payment_failed + p.counts.skipped;
  return [
    `${c.code}  ${c.name}`,
    `  status ${c.status}; program ${c.programCode} ${c.year} ${c.fundingSource}; budget ${cny(c.budgetFen)}`,
    `  recipients ${p.recipients}, cases created ${p.casesCreated}, settled ${settled}`,
    `  planned ${p.counts.planned} (${cny(p.amountsFen.planned)})  visited ${p.counts.visited} (${cny(p.amountsFen.visited)})`,
    `  paid ${p.counts.paid} (${cny(p.amountsFen.paid)})  payment failed ${p.counts.payment_failed} ` +
      `(${cny(p.amountsFen.payment_failed)})  skipped ${p.counts.skipped}`,
  ].join('\n');
}

function reportLines(r: CloseReport): string {
  const row = (label: string, l: ReportLine): string =>
    `  ${label.padEnd(28)} ${String(l.recipients).padStart(7)} ${String(l.visited).padStart(7)} ` +
    `${String(l.paid).padStart(7)} ${String(l.failed).padStart(6)} ${String(l.skipped).padStart(7)} ` +
    `${cny(l.paidFen).padStart(16)}`;
  const header =
    `  ${''.padEnd(28)} ${'recip.'.padStart(7)} ${'visited'.padStart(7)} ${'paid'.padStart(7)} ` +
    `${'failed'.padStart(6)} ${'skipped'.padStart(7)} ${'paid amount'.padStart(16)}`;
  return [
    `Close-out report of ${r.code} (closed ${r.closedAt})`,
    `  budget ${cny(r.budgetFen)}; planned ${cny(r.plannedFen)}; paid ${cny(r.paidFen)}; released ${cny(r.releasedFen)}`,
    header,
    row('total', r),
    ...r.byGroup.map((g) => row(`${g.kind}/${g.group}`, g)),
    ...r.byOrgUnit.map((o) => row(o.orgUnitCode, o)),
  ].join('\n');
}

export async function runCampaignCli(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        watch: { type: 'boolean', default: false },
        interval: { type: 'string', default: '1000' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    io.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, target] = positionals;
  if (values.help || !command) {
    (values.help ? io.stdout : io.stderr).write(USAGE);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  const interval = Number(values.interval);
  if (
    !['list', 'status', 'report'].includes(command) ||
    (command !== 'list' && !target) ||
    !Number.isInteger(interval) ||
    interval < 100
  ) {
    io.stderr.write(USAGE);
    return EXIT.usage;
  }
  const url =
    io.env.DATABASE_URL?.trim() ||
    embeddedPostgresUrl(Number(io.env.AIDFLOW_PG_PORT ?? LOCAL_DEFAULTS.postgresPort), LOCAL_DEFAULTS.postgresDatabase);
  const db = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
  try {
    await db.initialize();
  } catch (err) {
    io.stderr.write(`Cannot reach the database (DATABASE_URL): ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failed;
  }
  try {
    const repo = new TypeOrmCampaignsRepository(db);
    if (command === 'list') {
      const list = await repo.list();
      io.stdout.write(
        values.json
          ? `${JSON.stringify(list)}\n`
          : list.map((c) => `${c.id}  ${c.code.padEnd(28)} ${c.status.padEnd(9)} ${c.recipients}\n`).join(''),
      );
      return EXIT.ok;
    }
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(target);
    const find = (): Promise<Campaign | null> => (uuid ? repo.findById(target) : repo.findByCode(target));
    let campaign = await find();
    if (!campaign) {
      io.stderr.write(`No campaign ${target}\n`);
      return EXIT.failed;
    }
    if (command === 'report') {
      if (!campaign.closeReport) {
        io.stderr.write(`Campaign ${campaign.code} is ${campaign.status}: the report is made when it is closed\n`);
        return EXIT.failed;
      }
      io.stdout.write(
        values.json ? `${JSON.stringify(campaign.closeReport)}\n` : `${reportLines(campaign.closeReport)}\n`,
      );
      return EXIT.ok;
    }
    let progress = await repo.progress(campaign.id);
    if (values.watch) {
      const bar = new Progress({
        label: campaign.code,
        tty: io.stderr.isTTY === true,
        write: (text) => io.stderr.write(text),
        columns: io.stderr.columns,
      });
      for (;;) {
        const settled = progress.counts.paid + progress.counts.payment_failed + progress.counts.skipped;
        bar.update(settled, Math.max(progress.recipients, campaign.recipients));
        if (campaign.status === 'completed' || campaign.status === 'closed' || campaign.status === 'draft') break;
        await new Promise((r) => setTimeout(r, interval));
        campaign = (await repo.findById(campaign.id)) ?? campaign;
        progress = await repo.progress(campaign.id);
      }
      bar.finish();
    }
    io.stdout.write(
      values.json ? `${JSON.stringify({ campaign, progress })}\n` : `${statusLines(campaign, progress)}\n`,
    );
    return EXIT.ok;
  } catch (err) {
    io.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.failed;
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  runCampaignCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = EXIT.failed;
    });
}
