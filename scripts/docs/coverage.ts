import { Comment, ReflectionKind, type DeclarationReflection, type ProjectReflection } from 'typedoc';
import { modulesOf } from './typedocApp.js';

/** One public export as the reference sees it. */
export interface ExportDoc {
  /** Import specifier of its entry point, e.g. `lrkit/tfjs`. */
  entry: string;
  name: string;
  kind: string;
  category: string;
  /** Summary text (empty when missing). */
  description: string;
  /** The code of each `@example` block (fences stripped). */
  examples: string[];
  /** `@example` blocks of its members (methods, properties), by member name. */
  memberExamples: Array<{ member: string; code: string }>;
  /** Marked `@deprecated`: its description must say what replaces it, whose docs carry the example. */
  deprecated: boolean;
}

// A function's or a constructor's JSDoc sits on its signatures, a class's or a type's on the declaration.
function commentsOf(reflection: DeclarationReflection): Comment[] {
  const comments: Comment[] = [];
  if (reflection.comment) comments.push(reflection.comment);
  for (const signature of reflection.getNonIndexSignatures()) if (signature.comment) comments.push(signature.comment);
  if (reflection.type?.type === 'reflection') {
    const declaration = reflection.type.declaration;
    if (declaration.comment) comments.push(declaration.comment);
    for (const signature of declaration.getNonIndexSignatures()) if (signature.comment) comments.push(signature.comment);
  }
  return comments;
}

/** The code inside a comment block: the fenced block(s) if any, otherwise the whole text. */
export function codeOf(markdown: string): string[] {
  const fences = [...markdown.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].map((m) => m[1]!);
  if (fences.length > 0) return fences;
  const text = markdown.trim();
  return text ? [text] : [];
}

/** Every public export of every entry point with what its documentation holds. */
export function exportDocs(project: ProjectReflection): ExportDoc[] {
  const docs: ExportDoc[] = [];
  for (const module of modulesOf(project)) {
    for (const category of module.categories ?? []) {
      for (const child of category.children) {
        // A re-export of something another entry point documents (e.g. `momentumOf` in lrkit/plot) shares its docs.
        const target = child.isReference() ? child.tryGetTargetReflectionDeep() : child;
        if (!target?.isDeclaration()) continue;
        const comments = commentsOf(target);
        const description = comments.map((c) => Comment.combineDisplayParts(c.summary).trim()).find((s) => s.length > 0) ?? '';
        const examples = comments.flatMap((c) => c.blockTags.filter((t) => t.tag === '@example').flatMap((t) => codeOf(Comment.combineDisplayParts(t.content))));
        const memberExamples = (target === child ? (child.children ?? []) : []).flatMap((member) =>
          commentsOf(member).flatMap((c) => c.blockTags.filter((t) => t.tag === '@example').flatMap((t) => codeOf(Comment.combineDisplayParts(t.content)).map((code) => ({ member: member.name, code })))),
        );
        const deprecated = comments.some((c) => c.blockTags.some((t) => t.tag === '@deprecated'));
        docs.push({ entry: module.name, name: child.name, kind: ReflectionKind.singularString(child.kind), category: category.title, description, examples, memberExamples, deprecated });
      }
    }
  }
  return docs;
}

/**
 * Human-readable problems: exports without a description or without an example. A deprecated alias needs no
 * example of its own (its replacement has one), but still a description or `@deprecated` text.
 */
export function coverageProblems(docs: ExportDoc[]): string[] {
  const problems: string[] = [];
  for (const d of docs) {
    const missing = [d.description || d.deprecated ? '' : 'a description', d.examples.length || d.deprecated ? '' : 'an @example'].filter(Boolean);
    if (missing.length) problems.push(`${d.entry} ${d.name} (${d.kind}, ${d.category}): missing ${missing.join(' and ')}`);
  }
  return problems;
}
