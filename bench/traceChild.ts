/**
 * Child process of bench/trace.bench.ts when lrkit-cli is not built: runs `lrkit trace SPEC` on stdout from
 * the sources (bench/reportRss.mjs reports the peak RSS).
 */
import { traceCommand } from '../packages/cli/src/traceCommand.js';

await traceCommand(process.argv[2] as string, process.stdout);
