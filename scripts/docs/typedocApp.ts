import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Application, Comment, CommentTag, Converter, PageEvent, ReflectionKind, type Context, type ProjectReflection, type Reflection, type TypeDocOptions } from 'typedoc';
import { publicEntryPoints, repoPath, type EntryPoint } from './entryPoints.js';
import { CATEGORY_ORDER, categoryOf, ENTRY_SUMMARY } from './groups.js';

export interface ReferenceOptions {
  root: string;
  /** Output directory of the HTML site (omit to only convert, e.g. for checks). */
  out?: string;
  /** Markdown guides to render as pages of the same site (TypeDoc "documents"). */
  documents?: string[];
  /** Landing page markdown. */
  readme?: string;
  /** Extra TypeDoc options. */
  extra?: TypeDocOptions;
}

/**
 * A TypeDoc application over every public entry point of the package: modules are named after the import
 * specifier users write (`lrkit/tfjs`), exports are categorized by their defining file (see groups.ts).
 */
export async function createReferenceApp(options: ReferenceOptions): Promise<{ app: Application; entries: EntryPoint[] }> {
  const entries = await publicEntryPoints(options.root);
  // A program over the entry points only, with the repository's compiler options (and its `paths`, which map
  // lrkit's specifiers to src/ for the workspace packages).
  const buildDir = join(options.root, '.docs-build');
  mkdirSync(buildDir, { recursive: true });
  const tsconfig = join(buildDir, 'tsconfig.docs.json');
  writeFileSync(tsconfig, JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { noEmit: true }, include: entries.map((e) => relative(buildDir, e.source)) }, null, 2));
  const app = await Application.bootstrapWithPlugins({
    name: 'lrkit',
    entryPoints: entries.map((e) => e.source),
    entryPointStrategy: 'resolve',
    tsconfig,
    readme: options.readme ?? 'none',
    projectDocuments: options.documents ?? [],
    out: options.out ?? join(options.root, 'site'),
    categorizeByGroup: false,
    categoryOrder: CATEGORY_ORDER,
    defaultCategory: 'Other',
    navigation: { includeCategories: true, includeGroups: false, includeFolders: false, compactFolders: true, excludeReferences: false },
    navigationLinks: { Playground: 'playground:index.html' },
    searchInComments: true,
    searchInDocuments: true,
    excludePrivate: true,
    excludeInternal: true,
    disableGit: true,
    sourceLinkTemplate: undefined,
    disableSources: true,
    hideGenerator: true,
    markdownItOptions: { html: true },
    sort: ['kind', 'instance-first', 'alphabetical-ignoring-documents'],
    validation: { notExported: false, invalidLink: true, rewrittenLink: false, notDocumented: false, unusedMergeModuleWith: true },
    treatWarningsAsErrors: true,
    logLevel: 'Warn',
    ...options.extra,
  });
  const bySource = new Map(entries.map((e) => [e.source, e.specifier]));
  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      const project = context.project;
      for (const module of modulesOf(project)) {
        const file = fileOf(context, module);
        const specifier = file ? bySource.get(file) : undefined;
        if (specifier) module.name = specifier;
        const summary = specifier ? ENTRY_SUMMARY[specifier] : undefined;
        if (summary && !module.comment?.summary.length) module.comment = new Comment([{ kind: 'text', text: summary }]);
        for (const child of module.children ?? []) {
          const source = fileOf(context, child);
          if (!source) continue;
          const comment = (child.comment ??= new Comment());
          if (!comment.blockTags.some((t) => t.tag === '@category')) {
            comment.blockTags.push(new CommentTag('@category', [{ kind: 'text', text: categoryOf(repoPath(options.root, source)) }]));
          }
        }
      }
    },
    100,
  );
  // `playground:` links (guides, navigation) point at the playground built next to the reference.
  app.renderer.on(PageEvent.END, (page) => {
    if (!page.contents) return;
    const up = '../'.repeat(page.url.split('/').length - 1);
    page.contents = page.contents.replaceAll('href="playground:', `href="${up}playground/`);
  });
  return { app, entries };
}

/** The entry modules of a converted project (one per entry point; the project itself when there is only one). */
export function modulesOf(project: ProjectReflection) {
  return project.getChildrenByKind(ReflectionKind.Module);
}

// Sources are not rendered (no repository links), so ask the TypeScript symbol where it is declared.
function fileOf(context: Context, reflection: Reflection): string | undefined {
  const declaration = context.getSymbolFromReflection(reflection)?.declarations?.[0];
  return declaration?.getSourceFile().fileName;
}
