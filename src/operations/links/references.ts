// Full and collapsed references without a definition ([text][missing],
// [missing][]). CommonMark makes them plain text, and so do micromark and
// mdast-util-from-markdown: the parser resolves a reference only when its
// label is defined. So we ask the parser itself: the top-level blocks whose
// text holds "][" (the only way an unresolved full or collapsed reference
// shows) are parsed again, alone, with a throw-away definition appended for
// every bracketed label in them, and every full or collapsed reference of that
// second tree whose label the document does not define is an undefined one.
// The scan below only proposes labels; which brackets are references is
// decided by the parser, so code spans, escapes and nesting are exact.
// The second text keeps every line where it was (the other blocks' lines are
// emptied) and the definitions come after the last line, so the second tree's
// positions are the document's; inline parsing of a block depends only on the
// block and the defined labels, so it is the same as in the whole document.
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
  const blocks = tree.children.filter((block) => block.position && hasBracketPair(block));
  if (blocks.length === 0) return [];
  const lines = source.split('\n');
  const kept = new Array<string>(lines.length).fill('');
  for (const block of blocks) {
    for (let l = block.position!.start.line; l <= block.position!.end.line; l++) kept[l - 1] = lines[l - 1];
  }
  const blockText = kept.join('\n');
  // Every label gets a definition, defined in the document or not: the blocks are parsed without the document's own definitions.
  const extra: string[] = [];
  const added = new Set<string>();
  for (const label of candidateLabels(blockText)) {
    const key = labelKey(label);
    if (added.has(key)) continue;
    added.add(key);
    extra.push(`[${label}]: #`);
  }
  if (extra.length === 0) return [];
  const second = parseMarkdown(`${blockText}\n\n${extra.join('\n')}\n`);
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
