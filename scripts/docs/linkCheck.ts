import { LinkChecker } from 'linkinator';

export interface LinkReport {
  /** Distinct URLs checked (pages, assets, fragments). */
  checked: number;
  /** `status url <- page` for every broken link or missing #fragment. */
  broken: string[];
  /** External URLs, listed but not fetched (the check must work offline). */
  external: string[];
}

/** Crawls the static site in `dir` from its index.html: every relative link, asset and #fragment must resolve. */
export async function checkLinks(dir: string): Promise<LinkReport> {
  const external = new Set<string>();
  const checker = new LinkChecker();
  const result = await checker.check({
    path: dir,
    recurse: true,
    checkFragments: true,
    concurrency: 16,
    linksToSkip: async (link) => {
      const url = new URL(link, 'http://localhost/');
      const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
      if (!local) external.add(link);
      return !local;
    },
  });
  const broken = result.links.filter((l) => l.state === 'BROKEN').map((l) => `${l.status ?? '-'} ${l.url} <- ${l.parent ?? '(start)'}`);
  return { checked: result.links.filter((l) => l.state !== 'SKIPPED').length, broken, external: [...external].sort() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? 'site';
  const report = await checkLinks(dir);
  for (const b of report.broken) console.error(b);
  console.log(`links: ${report.checked} checked, ${report.broken.length} broken, ${report.external.length} external (not fetched)`);
  process.exit(report.broken.length ? 1 : 0);
}
