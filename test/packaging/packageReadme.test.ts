import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without declarations
import { packageReadme } from '../../scripts/package-readme.mjs';

const render = packageReadme as (text: string) => string;
const repositoryReadme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the repository README and the package README (what npm ships)', () => {
  it('the repository README opens with the two commands', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(repositoryReadme)![1]!.split('\n');
    expect(firstBlock[0]).toMatch(/^npm ci && npm start\b/);
    expect(firstBlock[1]).toMatch(/^npm ci && npm test\b/);
    expect(repositoryReadme.indexOf('```sh')).toBeLessThan(repositoryReadme.indexOf('**Learning-rate'));
  });

  it('the package README has no code block that needs a clone of the repository, and says how to install', () => {
    const shipped = render(repositoryReadme);
    const blocks = [...shipped.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.filter((b) => /npm (ci|start|run|test)\b/.test(b))).toEqual([]);
    expect(shipped).not.toContain('repository-only');
    expect(shipped).toContain('npm i lrkit');
    expect(shipped.startsWith('# lrkit\n\n**Learning-rate')).toBe(true);
  });

  it('drops exactly the marked blocks and rejects unbalanced markers', () => {
    const text = 'a\n<!-- repository-only: why -->\nb\n<!-- /repository-only -->\nc\n';
    expect(render(text)).toBe('a\nc\n');
    expect(() => render('a\n<!-- repository-only -->\nb\n')).toThrow(/README.md:2: repository-only block never closed/);
    expect(() => render('a\n<!-- /repository-only -->\n')).toThrow(/README.md:2: .* never opened/);
    expect(() => render('<!-- repository-only -->\n<!-- repository-only -->\n')).toThrow(/opened inside/);
  });
});
