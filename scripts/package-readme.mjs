/* global URL, console, process */
// The README that npm ships is the repository README without its repository-only blocks (the clone's
// `npm ci && npm start` / `npm ci && npm test`, the playground, development notes), marked
//   <!-- repository-only ... -->  ...  <!-- /repository-only -->
// `write` (lrkit's npm `prepack`) keeps the repository README in .README.repository.md and writes the package
// README in its place; `restore` (`postpack`) puts the repository README back. The consumer test
// (scripts/consumer-test.mjs) runs the code blocks of the README found in the packed tarball.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OPEN = /^<!-- repository-only\b.*-->\s*$/;
const CLOSE = /^<!-- \/repository-only -->\s*$/;

/** The package README: `text` without its repository-only blocks. Unbalanced markers are an error. */
export function packageReadme(text) {
  const kept = [];
  let open = null;
  text.split('\n').forEach((line, i) => {
    if (OPEN.test(line)) {
      if (open !== null) throw new Error(`README.md:${i + 1}: repository-only block opened inside the one opened on line ${open + 1}`);
      open = i;
    } else if (CLOSE.test(line)) {
      if (open === null) throw new Error(`README.md:${i + 1}: repository-only block closed but never opened`);
      open = null;
    } else if (open === null) {
      kept.push(line);
    }
  });
  if (open !== null) throw new Error(`README.md:${open + 1}: repository-only block never closed`);
  return kept.join('\n').replace(/\n{3,}/g, '\n\n');
}

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
const kept = fileURLToPath(new URL('../.README.repository.md', import.meta.url));
const mode = process.argv[2];
if (mode === 'write') {
  if (existsSync(kept)) throw new Error(`${kept} exists: a previous pack did not finish; restore it (node scripts/package-readme.mjs restore) first`);
  const text = readFileSync(readme, 'utf8');
  const shipped = packageReadme(text);
  renameSync(readme, kept);
  writeFileSync(readme, shipped);
  console.error(`README.md: package README written (${text.length} -> ${shipped.length} characters)`);
} else if (mode === 'restore') {
  if (existsSync(kept)) renameSync(kept, readme);
} else if (mode !== undefined) {
  throw new Error(`usage: package-readme.mjs write|restore (got ${mode})`);
}
