// Preloaded into a benchmarked child (node --import): reports its peak RSS (KiB, getrusage) as the last stderr line.
import process from 'node:process';

process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`));
