import type { Command } from 'commander';
import { OptionError } from '../errors.js';
import { SCHEDULER_CATALOG, schedulerInfo, type OptionInfo, type SchedulerInfo } from '../plot/catalog.js';
import { formatTable } from './compareCommand.js';

function defaultText(o: OptionInfo): string {
  if (o.required) return '(required)';
  if (o.default === undefined) return '-';
  return typeof o.default === 'number' ? Number(o.default.toPrecision(6)).toString() : JSON.stringify(o.default);
}

function kindText(o: OptionInfo): string {
  if (o.kind === 'enum') return (o.values ?? []).join('|');
  if (o.kind === 'expression') return `expression in ${o.variable ?? 'x'}`;
  if (o.kind === 'perGroup') return 'number or per-group list';
  if (o.kind === 'integers') return 'integer list';
  if (o.kind === 'schedulers') return 'scheduler specs';
  return o.kind;
}

/** The text of `lrkit recipes [type]`, built from {@link SCHEDULER_CATALOG}. */
export function recipesText(entries: readonly SchedulerInfo[], detailed: boolean): string {
  if (!detailed) {
    const rows = entries.map((s) => [s.type, s.stepPer, s.options.map((o) => (o.required ? `${o.name}*` : o.name)).join(', ')]);
    return `${formatTable(['scheduler', 'step per', 'options (* = required)'], rows)}\n\nlrkit recipes <type> shows each option's PyTorch name, kind and default.`;
  }
  return entries
    .map((s) => {
      const rows = s.options.map((o) => [o.name, o.pytorch, kindText(o), defaultText(o), o.doc]);
      return [
        `${s.type}  (${s.module}.${s.type}; step per ${s.stepPer}${s.cyclesMomentum ? '; cycles momentum' : ''})`,
        `  ${s.summary}`,
        '',
        formatTable(['option', 'pytorch', 'kind', 'default', 'meaning'], rows).replace(/^/gm, '  '),
        '',
        `  example: ${JSON.stringify(s.example)}`,
      ].join('\n');
    })
    .join('\n\n');
}

/** `lrkit recipes [type]`: every scheduler with its options and defaults. */
export function registerRecipesCommand(program: Command, write: (text: string) => void): void {
  program
    .command('recipes')
    .description('List every scheduler a spec can use, with its options, PyTorch names and defaults')
    .argument('[type]', 'show one scheduler in detail (e.g. OneCycleLR); "all" shows every one in detail')
    .option('--json', 'print the catalog as JSON')
    .action((type: string | undefined, options: { json?: boolean }) => {
      let entries: readonly SchedulerInfo[] = SCHEDULER_CATALOG;
      if (type !== undefined && type !== 'all') {
        const info = schedulerInfo(type) ?? SCHEDULER_CATALOG.find((s) => s.type.toLowerCase() === type.toLowerCase());
        if (info === undefined) throw new OptionError('type', type, `one of ${SCHEDULER_CATALOG.map((s) => s.type).join(', ')}`);
        entries = [info];
      }
      if (options.json) write(JSON.stringify(entries, null, 2));
      else write(recipesText(entries, type !== undefined));
    });
}
