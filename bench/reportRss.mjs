// Preloaded into a benchmarked child (node --import): reports its peak RSS (KiB, getrusage) as the last stderr line.
process.on('exit', () => process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS}\n`));
