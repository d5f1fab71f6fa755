/* global URL, console, process */
// lrkit-cli depends on the lrkit package of this repository: `file:../..` in packages/cli/package.json, so
// npm workspaces link the two. A published lrkit-cli must instead name the exact lrkit version it was built
// and tested with. `pin` (npm `prepack` of lrkit-cli) rewrites the dependency to that version, so the tarball
// carries it; `unpin` (`postpack`) puts `file:../..` back for development.
//
// Publish the packed tarball (`npm pack -w lrkit-cli && npm publish lrkit-cli-<version>.tgz`): npm re-reads
// package.json after `postpack` when publishing a directory, so lrkit-cli's `prepublishOnly` refuses that path.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCAL = 'file:../..';
const cliManifest = new URL('../packages/cli/package.json', import.meta.url);
const coreManifest = new URL('../package.json', import.meta.url);

const mode = process.argv[2];
const text = readFileSync(cliManifest, 'utf8');
const cli = JSON.parse(text);
const current = cli.dependencies?.lrkit;
const { version } = JSON.parse(readFileSync(coreManifest, 'utf8'));

function write(spec) {
  // Edit the one line, so the file keeps its layout and a failed step leaves a readable diff.
  const next = text.replace(`"lrkit": ${JSON.stringify(current)}`, `"lrkit": ${JSON.stringify(spec)}`);
  if (next === text && current !== spec) throw new Error(`packages/cli/package.json: could not rewrite dependency lrkit (${current})`);
  writeFileSync(cliManifest, next);
  console.error(`lrkit-cli: dependency lrkit ${current} -> ${spec}`);
}

if (mode === 'pin') {
  if (current !== LOCAL && current !== version) {
    throw new Error(`packages/cli/package.json: dependency lrkit is ${JSON.stringify(current)}, expected ${JSON.stringify(LOCAL)}`);
  }
  write(version);
} else if (mode === 'unpin') {
  if (current !== version && current !== LOCAL) {
    throw new Error(`packages/cli/package.json: dependency lrkit is ${JSON.stringify(current)}, expected ${JSON.stringify(version)}`);
  }
  write(LOCAL);
} else if (mode === 'refuse-directory-publish') {
  console.error('lrkit-cli: publish the packed tarball (npm pack -w lrkit-cli && npm publish lrkit-cli-<version>.tgz), so that its lrkit dependency is pinned');
  process.exit(1);
} else {
  throw new Error(`usage: pin-core-dependency.mjs pin|unpin|refuse-directory-publish (got ${mode})`);
}
