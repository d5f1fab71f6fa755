import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { generateCode, type CodeLanguage } from './generateCode.js';
import { loadSpecs, withOrigin } from './loadSpecs.js';
import { LrkitError } from '../errors.js';

/** `lrkit code SPEC --lang ts|pytorch`: runnable code that builds and steps the spec's scheduler. */
export function registerCodeCommand(program: Command, write: (text: string) => void): void {
  program
    .command('code')
    .description('Generate runnable TypeScript (lrkit) or Python (PyTorch) code for a trace spec; both print the same rows as lrkit trace')
    .argument('<spec>', "a trace spec file, '-' for stdin, or inline JSON")
    .addOption(new Option('--lang <lang>', 'language').choices(['ts', 'pytorch']).default('ts'))
    .option('-o, --output <file>', 'write the code to a file instead of stdout')
    .addHelpText('after', '\nExamples:\n  lrkit code run.json --lang pytorch > run.py && python3 run.py\n  lrkit code run.json --lang ts -o run.ts')
    .action((spec: string, options: { lang: CodeLanguage; output?: string }) => {
      const loaded = loadSpecs([spec]);
      if (loaded.length !== 1) throw new LrkitError(`${spec}: expected one spec, got an array of ${loaded.length} (generate code for one at a time)`);
      const only = loaded[0]!;
      const code = withOrigin(only.where, () => generateCode(only.spec, options.lang));
      if (options.output === undefined) write(code.trimEnd());
      else writeFileSync(options.output, code);
    });
}
