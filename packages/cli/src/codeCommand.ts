import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { toCode, type CodeTarget, type PrintFormat } from 'lrkit';
import { loadSpecs, withOrigin } from './loadSpecs.js';
import { LrkitError } from 'lrkit';

/** `lrkit code SPEC --lang ts|pytorch`: a runnable program (from {@link toCode}) that builds and steps the spec's scheduler. */
export function registerCodeCommand(program: Command, write: (text: string) => void): void {
  program
    .command('code')
    .description('Generate runnable TypeScript (lrkit) or Python (PyTorch) code for a trace spec; both print the same lrs as lrkit trace')
    .argument('<spec>', "a trace spec file, '-' for stdin, or inline JSON")
    .addOption(new Option('--lang <lang>', 'language').choices(['ts', 'pytorch']).default('ts'))
    .addOption(
      new Option('--print <format>', "what the program prints: 'rows' = one line per step, `step [lr of each group]`; 'trace' = the JSON of lrkit trace (lr and momentum)")
        .choices(['rows', 'trace'])
        .default('rows'),
    )
    .option('-o, --output <file>', 'write the code to a file instead of stdout')
    .addHelpText(
      'after',
      '\nPyTorch code covers the torch.optim classes; lrkit schedules, recipes and bridges export as TypeScript only.\n' +
        'Examples:\n  lrkit code run.json --lang pytorch > run.py && python3 run.py\n  lrkit code run.json --lang ts -o run.ts\n  lrkit code run.json --lang pytorch --print trace > run.py && python3 run.py   # {"lr": ..., "momentum": ...} as lrkit trace',
    )
    .action((spec: string, options: { lang: CodeTarget; print: PrintFormat; output?: string }) => {
      const loaded = loadSpecs([spec]);
      if (loaded.length !== 1) throw new LrkitError(`${spec}: expected one spec, got an array of ${loaded.length} (generate code for one at a time)`);
      const only = loaded[0]!;
      const code = withOrigin(only.where, () => toCode(only.spec, options.lang, { print: options.print }));
      if (options.output === undefined) write(code.trimEnd());
      else writeFileSync(options.output, code);
    });
}
