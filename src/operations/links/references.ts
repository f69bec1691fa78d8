// Full and collapsed references without a definition ([text][missing],
// [missing][]). CommonMark makes them plain text, and so does markdown-it: the
// parser resolves a reference only when its label is defined. So we ask the
// parser itself: the inline content of each block whose text still holds "]["
// (the only way an unresolved full or collapsed reference shows) is parsed
// again with every label defined (markdown-it looks labels up in
// env.references; a Proxy answers every lookup), and every full or collapsed
// reference of that second parse whose label the document does not define is
// an undefined one. Which brackets are references is decided by the parser, so
// code spans, escapes and nesting are exact; inline parsing of a block depends
// only on its content and the defined labels, so offsets are the block's.
import MarkdownIt from 'markdown-it';
import { markdownUtils, type ParseEnv, type Token } from './parse';
import type { OffsetMap } from './source-map';

/** A reference without a definition, and where it is. */
export interface UnresolvedReference {
  readonly label: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

const { normalizeReference } = markdownUtils;

/** CommonMark's label matching: case-fold and collapse white space (markdown-it's own normalization, lower-cased). */
export function labelKey(label: string): string {
  return normalizeReference(label).toLowerCase();
}

/**
 * A GFM footnote label ([^note]): on GitHub `[text][^note]` is text and a
 * footnote call, never a link reference, so it is not an undefined one.
 * (markdown-it without a footnote plugin reads it as a reference label.)
 */
function isFootnoteLabel(label: string): boolean {
  return label.startsWith('^');
}

/** True when an inline token's text still shows "][" (an unresolved full or collapsed reference may be there). */
export function mayHoldUnresolved(children: readonly Token[]): boolean {
  return children.some((t) => t.type === 'text' && t.content.includes(']['));
}

const DEFINED = { href: '#', title: '' };
/** Every non-empty label defined. */
const everyLabel = new Proxy<Record<string, unknown>>({}, { get: (_target, key) => (typeof key === 'string' && key !== '' ? DEFINED : undefined) });

/** The full and collapsed references of one block's inline `content` whose label is not in `defined`; `at` places offsets of the content. */
export function undefinedReferences(md: MarkdownIt, content: string, at: OffsetMap, defined: ReadonlySet<string>): UnresolvedReference[] {
  const env: ParseEnv = { references: everyLabel, sources: new Map() };
  const tokens: Token[] = [];
  md.inline.parse(content, md, env, tokens);
  const out: UnresolvedReference[] = [];
  for (const token of tokens) {
    const reference = env.sources.get(token);
    if (!reference?.reference || reference.reference.kind === 'shortcut' || isFootnoteLabel(reference.reference.label) || defined.has(labelKey(reference.reference.label))) continue;
    const start = at(reference.start);
    const end = at(reference.end);
    if (start && end) out.push({ label: reference.reference.label, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column });
  }
  return out;
}
