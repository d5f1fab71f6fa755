import type { Command } from 'commander';
import { OptionError } from 'lrkit';
import { SCHEDULER_CATALOG, schedulerInfo, type Family, type OptionInfo, type SchedulerInfo } from 'lrkit/plot';
import { formatTable } from './compareCommand.js';

function valueText(v: unknown): string {
  return typeof v === 'number' ? Number(v.toPrecision(6)).toString() : JSON.stringify(v);
}

function defaultText(o: OptionInfo): string {
  if (o.required) return '(required)';
  if (o.default === undefined) return '-';
  return valueText(o.default);
}

function kindText(o: OptionInfo): string {
  if (o.kind === 'enum') return (o.values ?? []).join('|');
  if (o.kind === 'expression') return `expression in ${o.variable ?? 'x'}`;
  if (o.kind === 'perGroup') return 'number or per-group list';
  if (o.kind === 'integers') return 'integer list';
  if (o.kind === 'numbers') return 'number list';
  if (o.kind === 'schedule' || o.kind === 'scheduler') return `${o.kind} spec`;
  if (o.kind === 'schedules' || o.kind === 'schedulers') return `${o.kind.slice(0, -1)} specs`;
  return o.kind;
}

const FAMILY_TITLES: Record<Family, string> = {
  pytorch: 'PyTorch schedulers (torch.optim)',
  bridge: 'lrkit stateful bridges',
  schedule: 'Pure schedules (driven by ScheduleLR when used as a scheduler)',
  combinator: 'Combinators (wrap other schedules)',
  recipe: 'Recipes (Hugging Face, timm, Keras, Optax, Goyal et al.)',
};

/** The text of `lrkit recipes [type]`, built from {@link SCHEDULER_CATALOG}: a summary table per family, or each type in detail. */
export function recipesText(entries: readonly SchedulerInfo[], detailed: boolean): string {
  if (!detailed) {
    const families = [...new Set(entries.map((s) => s.family))];
    const tables = families.map((family) => {
      const rows = entries
        .filter((s) => s.family === family)
        .map((s) => [s.type, s.stepPer, s.options.map((o) => (o.required ? `${o.name}*` : o.default === undefined ? o.name : `${o.name}=${valueText(o.default)}`)).join(', ')]);
      return `${FAMILY_TITLES[family]}\n${formatTable(['type', 'step per', 'options (* = required, =default)'], rows)}`;
    });
    return `${tables.join('\n\n')}\n\nlrkit recipes <type> shows each option's kind, bounds, PyTorch name and default.`;
  }
  return entries
    .map((s) => {
      const rows = s.options.map((o) => [o.name, o.pytorch === '' ? '-' : o.pytorch, kindText(o), defaultText(o), o.expects, o.doc]);
      const where = s.module === 'lrkit' ? `lrkit ${s.family}` : `${s.module}.${s.type}`;
      return [
        `${s.type}  (${where}; step per ${s.stepPer}${s.cyclesMomentum ? '; cycles momentum' : ''})`,
        `  ${s.summary}`,
        '',
        formatTable(['option', 'pytorch', 'kind', 'default', 'expects', 'meaning'], rows).replace(/^/gm, '  '),
        '',
        `  example: ${JSON.stringify(s.example)}`,
      ].join('\n');
    })
    .join('\n\n');
}

/** `lrkit recipes [type]`: every scheduler, schedule, combinator and recipe with its options and defaults. */
export function registerRecipesCommand(program: Command, write: (text: string) => void): void {
  program
    .command('recipes')
    .description('List every scheduler, schedule, combinator and recipe a spec can use, with its options and defaults')
    .argument('[type]', 'show one type in detail (e.g. OneCycleLR, hf.cosine); "all" shows every one in detail')
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
