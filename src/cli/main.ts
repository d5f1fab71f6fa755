#!/usr/bin/env node
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { LrkitError } from '../errors.js';
import { traceCommand } from './traceCommand.js';
import { registerPlotCommand } from './plotCommand.js';
import { registerCompareCommand } from './compareCommand.js';
import { registerCodeCommand } from './codeCommand.js';
import { registerRecipesCommand } from './recipesCommand.js';
import { registerRecommendCommand } from './recommendCommand.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command()
  .name('lrkit')
  .description('PyTorch-exact learning-rate schedules for JavaScript: trace, inspect and compare schedulers')
  .version(version)
  .showHelpAfterError();

program
  .command('trace')
  .description('Run a trace spec (or an array of specs) and print every param group\'s lr and momentum per step as JSON')
  .argument('<file>', "JSON spec file, or '-' for stdin")
  .addHelpText('after', '\nExample spec:\n  {"optimizer":{"type":"sgd","lr":0.1},"scheduler":{"type":"StepLR","stepSize":10},"steps":30}')
  .action((file: string) => traceCommand(file, (text) => process.stdout.write(`${text}\n`)));

const out = (text: string) => process.stdout.write(`${text}\n`);
registerPlotCommand(program, out);
registerCompareCommand(program, out);
registerCodeCommand(program, out);
registerRecipesCommand(program, out);
registerRecommendCommand(program, out);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const message = error instanceof LrkitError ? error.message : error instanceof Error ? `internal error: ${error.stack ?? error.message}` : String(error);
  process.stderr.write(`lrkit: ${message}\n`);
  process.exitCode = error instanceof LrkitError ? 1 : 2;
}
