import type { Command } from 'commander';
import { addChartOptions, curvesJson, drawChart, type ChartCommandOptions } from './chartOutput.js';
import { loadSpecs, sourcesOf } from './loadSpecs.js';

/** `lrkit plot SPEC...`: one chart panel per spec (use `compare` to overlay them). */
export function registerPlotCommand(program: Command, write: (text: string) => void): void {
  addChartOptions(
    program
      .command('plot')
      .description('Plot the lr (and momentum) of one or more trace specs: one panel per spec, one curve per param group')
      .argument('<spec...>', "trace spec files (a file may hold an array of specs), '-' for stdin, or inline JSON"),
  )
    .addHelpText(
      'after',
      `
Examples:
  lrkit plot run.json -o run.svg
  lrkit plot run.json --term --log
  lrkit plot '{"optimizer":{"lr":0.1},"scheduler":{"type":"StepLR","stepSize":30},"steps":100}'`,
    )
    .action(async (specs: string[], options: ChartCommandOptions) => {
      const loaded = loadSpecs(specs);
      const curves = await drawChart(sourcesOf(loaded, options.steps === undefined ? undefined : Number(options.steps)), options, 'separate', write);
      if (options.json) write(JSON.stringify({ output: options.output ?? null, curves: curvesJson(curves) }));
    });
}
