// Full and collapsed references without a definition ([text][missing],
// [missing][]). CommonMark makes them plain text, and so do micromark and
// mdast-util-from-markdown: the parser resolves a reference only when its
// label is defined. So we ask the parser itself: when the tree holds text with
// "][" in it (the only way an unresolved full or collapsed reference shows),
// we parse the document again with a throw-away definition appended for every
// bracketed label in the source, and every full or collapsed reference of the
// second tree whose label the document does not define is an undefined one.
// The scan below only proposes labels; which brackets are references is
// decided by the parser, so code spans, escapes and nesting are exact.
// Appended definitions come after the last character of the source, so the
// second tree's positions are the first one's.
import type { Nodes, Root } from 'mdast';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { parseMarkdown } from './parse';

/** A reference node of the tree with its normalized label. */
export interface UnresolvedReference {
  readonly label: string;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** CommonMark's label matching: case-fold and collapse white space. */
export function labelKey(label: string): string {
  return normalizeIdentifier(label).toLowerCase();
}

function hasBracketPair(node: Nodes): boolean {
  if (node.type === 'text') return node.value.includes('][');
  if ('children' in node) {
    for (const child of node.children) if (hasBracketPair(child)) return true;
  }
  return false;
}

/** Every "[label]" of the source whose label has no brackets (a link label never has unescaped ones), at most 999 characters as CommonMark allows. */
function candidateLabels(source: string): Set<string> {
  const labels = new Set<string>();
  let open = -1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') open = i;
    else if (c === ']' && open >= 0) {
      const label = source.slice(open + 1, i);
      if (label.length <= 999 && label.trim() !== '') labels.add(label);
      open = -1;
    }
  }
  return labels;
}

/** The full and collapsed references of `source` (whose first tree is `tree`) whose label is not in `defined`. */
export function undefinedReferences(source: string, tree: Root, defined: ReadonlySet<string>): UnresolvedReference[] {
  if (!hasBracketPair(tree)) return [];
  const extra: string[] = [];
  const added = new Set<string>();
  for (const label of candidateLabels(source)) {
    const key = labelKey(label);
    if (defined.has(key) || added.has(key)) continue;
    added.add(key);
    extra.push(`[${label}]: #`);
  }
  if (extra.length === 0) return [];
  const second = parseMarkdown(`${source}\n\n${extra.join('\n')}\n`);
  const out: UnresolvedReference[] = [];
  const walk = (node: Nodes): void => {
    if ((node.type === 'linkReference' || node.type === 'imageReference') && node.referenceType !== 'shortcut') {
      const key = labelKey(node.label ?? node.identifier);
      if (!defined.has(key) && node.position) {
        const { start, end } = node.position;
        out.push({ label: node.label ?? node.identifier, startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column });
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(second);
  return out;
}
