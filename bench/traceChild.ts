/**
 * Child process of bench/trace.bench.ts: runs `lrkit trace SPEC` on stdout, then reports its own peak RSS
 * (KiB, from getrusage) as the last line of stderr.
 */
import { traceCommand } from '../packages/cli/src/traceCommand.js';

const file = process.argv[2] as string;
await traceCommand(file, process.stdout);
process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`);
