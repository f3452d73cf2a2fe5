import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { ConfigValidationError, loadConfig } from '../libs/config/src';
import type { AppConfig } from '../libs/config/src';
import { archive } from './audit-cli/archive.command';
import { EXIT, parseCommandLine, USAGE, UsageError } from './audit-cli/command-line';
import type { AuditCommand } from './audit-cli/command-line';
import { AuditCliModule, checkDatabase, cliEnvironment } from './audit-cli/environment';
import { invariants } from './audit-cli/invariants.command';
import { CannotComplete, messageOf } from './audit-cli/io';
import type { CliIo } from './audit-cli/io';
import { rederive } from './audit-cli/rederive.command';
import { replay } from './audit-cli/replay.command';
import { verify } from './audit-cli/verify.command';

/**
 * `npm run audit -- <command>`: the auditors' checks from the command line (the same services as the API's /audit
 * endpoints). Works next to a running `npm start` with no setup; see USAGE. Each command is a module of
 * scripts/audit-cli/; this file parses, configures and dispatches.
 */

export { EXIT, parseCommandLine, parseIsoDate, USAGE, UsageError } from './audit-cli/command-line';
export type { AuditCommand } from './audit-cli/command-line';
export { cliEnvironment } from './audit-cli/environment';
export { invariantsText } from './audit-cli/invariants.command';
export type { CliIo, CliOutput } from './audit-cli/io';

/**
 * Runs one command line and returns its exit status. Writes results to `stdout`, progress and errors to `stderr`;
 * reads its configuration from `env` only (tests run it in-process against their own stack).
 */
export async function runAuditCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: AuditCommand;
  let config: AppConfig;
  try {
    command = parseCommandLine(argv);
    if (command.name === 'help') {
      io.stdout.write(USAGE);
      return EXIT.ok;
    }
    config = loadConfig(
      cliEnvironment(
        io.env,
        command.name,
        command.name === 'replay' ||
          command.name === 'invariants' ||
          (command.name === 'rederive' && command.source === 'history'),
      ),
    );
  } catch (err) {
    if (err instanceof UsageError) {
      const where = err.command ? `audit ${err.command}` : 'audit';
      io.stderr.write(`${where}: ${err.message}\nRun "npm run audit -- --help" for usage.\n`);
      return EXIT.usage;
    }
    if (err instanceof ConfigValidationError) {
      io.stderr.write(`audit: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }

  try {
    await checkDatabase(config.databaseUrl, !io.env.DATABASE_URL?.trim());
    const context = await NestFactory.createApplicationContext(AuditCliModule.forRoot(config), {
      logger: ['error', 'warn'],
      abortOnError: false,
    });
    try {
      switch (command.name) {
        case 'verify':
          return await verify(context, io, command.json);
        case 'replay':
          return await replay(context, io, command, config);
        case 'archive':
          return await archive(context, io, command.json, config);
        case 'rederive':
          return await rederive(context, io, command);
        case 'invariants':
          return await invariants(context, io, command, config);
      }
    } finally {
      await context.close();
    }
  } catch (err) {
    io.stderr.write(`audit ${command.name}: ${err instanceof CannotComplete ? err.message : messageOf(err)}\n`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  // Replay runs Temporal's replay worker in this process; the report names what fails, the runtime only errors.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  runAuditCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = EXIT.failed;
    });
}
