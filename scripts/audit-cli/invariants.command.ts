/** `audit invariants`: RELIABILITY.md's invariants I1-I5 checked over the running stack, and the report as text. */

import type { INestApplicationContext } from '@nestjs/common';
import { InvariantsService } from '../../libs/audit-review/src';
import type { InvariantFinding, InvariantsPhase, InvariantsReport } from '../../libs/audit-review/src';
import { ApplicationException } from '../../libs/common/src';
import type { AppConfig } from '../../libs/config/src';
import type { Progress } from '../lib/progress';
import { EXIT } from './command-line';
import type { AuditCommand } from './command-line';
import { CannotComplete, progressOn, requireTemporal, writeJson } from './io';
import type { CliIo } from './io';

const PHASE_LABEL: Record<InvariantsPhase, string> = {
  cases: 'invariants: cases',
  ledger: 'invariants: ledger',
  replay: 'invariants: replay',
};

export async function invariants(
  context: INestApplicationContext,
  io: CliIo,
  command: Extract<AuditCommand, { name: 'invariants' }>,
  config: AppConfig,
): Promise<number> {
  await requireTemporal(context, config);
  if (!command.skipReplay && !config.workflowBundlePath) {
    io.stderr.write('invariants: bundling the workflow code for replay (WORKFLOW_BUNDLE_PATH names a pre-built one)\n');
  }
  const bars = new Map<InvariantsPhase, Progress>();
  const report = await context
    .get(InvariantsService)
    .check({
      applicationId: command.applicationId,
      since: command.since,
      skipReplay: command.skipReplay,
      onProgress: (phase, done, total) => {
        for (const [other, bar] of bars) if (other !== phase) bar.finish();
        let bar = bars.get(phase);
        if (!bar) {
          bar = progressOn(io, PHASE_LABEL[phase], phase === 'ledger' ? 20_000 : 100);
          bars.set(phase, bar);
        }
        bar.update(done, total);
      },
    })
    .catch((err: unknown) => {
      throw err instanceof ApplicationException ? new CannotComplete(err.message) : err;
    });
  for (const bar of bars.values()) bar.finish();
  if (command.json) writeJson(io, report);
  else io.stdout.write(invariantsText(report));
  if (!report.holds) return EXIT.findings;
  // Nothing violated in what could be looked at, but not everything could: not a clean bill of health.
  for (const why of report.incomplete) io.stderr.write(`invariants: could not complete: ${why}\n`);
  return report.incomplete.length ? EXIT.failed : EXIT.ok;
}

const SHOWN_PER_INVARIANT = 10;

/** The report as tables: one line per invariant, then each invariant's states, offenders, warnings and notes. */
export function invariantsText(report: InvariantsReport): string {
  const scope = report.scope.applicationId
    ? `application ${report.scope.applicationId}`
    : report.scope.since
      ? `cases submitted since ${report.scope.since}`
      : 'all cases';
  const lines = [
    `Invariants I1-I5 over ${report.applications} application${report.applications === 1 ? '' : 's'} (${scope}${
      report.scope.replay ? '' : '; replay skipped'
    }):`,
    '',
  ];
  const header = ['invariant', 'checked', 'violations', 'warnings', 'skipped', 'verdict'];
  const rows = report.invariants.map((i) => [
    i.id,
    String(i.checked),
    String(i.violations.length),
    String(i.warnings.length),
    String(i.skipped),
    i.holds ? 'holds' : 'VIOLATED',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const cell = (value: string, c: number): string =>
    c === 0 || c === header.length - 1 ? value.padEnd(widths[c]) : value.padStart(widths[c]);
  for (const row of [header, ...rows]) lines.push(`  ${row.map(cell).join('  ').trimEnd()}`);
  const offenders = (label: string, findings: InvariantFinding[]): void => {
    for (const f of findings.slice(0, SHOWN_PER_INVARIANT)) {
      lines.push(`    ${label} ${f.applicationId ?? '(no case)'}  ${f.code}: ${f.message}`);
    }
    if (findings.length > SHOWN_PER_INVARIANT) {
      lines.push(`    ... and ${findings.length - SHOWN_PER_INVARIANT} more (--json lists them all)`);
    }
  };
  for (const i of report.invariants) {
    lines.push('', `${i.id} ${i.title}: ${i.checked} ${i.unit} checked, ${i.holds ? 'holds' : 'VIOLATED'}`);
    const states = Object.entries(i.states ?? {});
    if (states.length) lines.push(`    states: ${states.map(([state, n]) => `${n} ${state}`).join(', ')}`);
    offenders('VIOLATION', i.violations);
    offenders('warning  ', i.warnings);
    for (const note of i.notes) lines.push(`    note: ${note}`);
  }
  const violated = report.invariants.filter((i) => !i.holds).map((i) => i.id);
  lines.push(
    '',
    violated.length
      ? `Violated: ${violated.join(', ')}.`
      : report.incomplete.length
        ? `No violation found, but the check is incomplete: ${report.incomplete.join('; ')}.`
        : `All five invariants hold${report.invariants.some((i) => i.warnings.length) ? ' (see the warnings)' : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}
