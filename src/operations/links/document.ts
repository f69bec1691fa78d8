// The per-document phase: one parse of a Markdown document, and from its tree
// the document's anchors, its outgoing local links (with the exact source
// columns of each destination), its web links per host, and the findings that
// depend on this document alone (fragments of the same document, references
// and definitions). Runs in the workers; knows nothing of the file system.
import type { Definition, Heading, Html, Nodes, Root } from 'mdast';
import GithubSlugger from 'github-slugger';
import type { DocumentFinding } from '../findings';
import { classify, anchorKey, isTopFragment } from './destination';
import { decodeHtmlValue, htmlAttributes } from './html';
import { destinationSpan, parseMarkdown } from './parse';
import { labelKey, undefinedReferences } from './references';
import { finding, range, replaceFix } from './finding';
import { closest } from './suggest';
import { LINK_ANGLE, LINK_IMAGE, type LinkFact, type LinksResult } from './types';

/** Decides whether a link target (as written, without its fragment, and whole) is ignored by the `ignore` setting. */
export type TargetFilter = (path: string, whole: string) => boolean;

const DISABLE = 'batch-ops-disable links';
const ENABLE = 'batch-ops-enable links';
const DISABLE_NEXT_LINE = 'batch-ops-disable-next-line links';

/** A heading's text as GitHub slugs it: text and code, not HTML or image alt text. */
function headingText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'html' || node.type === 'image' || node.type === 'imageReference') return '';
  if ('children' in node) {
    let s = '';
    for (const child of node.children) s += headingText(child);
    return s;
  }
  return '';
}

/** A `{#custom-id}` at the end of a heading's text (the attribute syntax of pandoc, kramdown and markdown-it-attrs). */
function customId(text: string): { id: string; rest: string } | undefined {
  const trimmed = text.trimEnd();
  if (!trimmed.endsWith('}')) return undefined;
  const open = trimmed.lastIndexOf('{#');
  if (open < 0) return undefined;
  const id = trimmed.slice(open + 2, -1);
  if (id === '' || /\s/.test(id)) return undefined;
  return { id, rest: trimmed.slice(0, open).trimEnd() };
}

/** 1-based line and column of each offset, from the offsets where lines start. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  at(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}

interface PendingFragment {
  readonly fragment: string;
  readonly line: number;
  readonly column: number; // first character after '#'
  readonly endColumn: number;
}

/** Analyses one whole Markdown document. */
export function analyzeDocument(text: string, ignored: TargetFilter): LinksResult {
  const tree: Root = parseMarkdown(text);
  const slugger = new GithubSlugger();
  const anchors: string[] = [];
  const links: LinkFact[] = [];
  const web: Record<string, number> = {};
  const findings: DocumentFinding[] = [];
  const pending: PendingFragment[] = [];
  const definitions = new Map<string, Definition>();
  const used = new Set<string>();
  const disabledRanges: Array<[number, number]> = [];
  let disabledFrom = 0; // line where checking was switched off, 0 when on
  let disabledLine = 0; // the one line a disable-next-line comment switches off
  let lines: LineIndex | undefined;

  const isDisabled = (line: number): boolean => disabledFrom > 0 || line === disabledLine;

  /** Records a destination whose source text `raw` is on `line`, columns [column, endColumn). */
  const addDestination = (url: string, line: number, column: number, endColumn: number, raw: string, flags: number): void => {
    const dest = classify(url);
    if (dest.kind === 'none') return;
    if (dest.kind === 'web') {
      web[dest.host] = (web[dest.host] ?? 0) + 1;
      return;
    }
    if (isDisabled(line) || ignored(dest.path, url)) return;
    const rawHash = raw.indexOf('#');
    const rawQuery = raw.indexOf('?');
    const pathLength = rawQuery >= 0 && (rawHash < 0 || rawQuery < rawHash) ? rawQuery : rawHash >= 0 ? rawHash : raw.length;
    const fragmentColumn = rawHash < 0 ? endColumn : column + rawHash + 1;
    if (dest.path === '') {
      if (dest.fragment !== undefined && !(flags & LINK_IMAGE)) pending.push({ fragment: dest.fragment, line, column: fragmentColumn, endColumn });
      return;
    }
    links.push([dest.path, dest.fragment ?? '', line, column, column + pathLength, fragmentColumn, endColumn, flags]);
  };

  const onHtml = (node: Html): void => {
    const comment = node.value.trim();
    const body = comment.startsWith('<!--') && comment.endsWith('-->') ? comment.slice(4, -3).trim() : undefined;
    if (body === DISABLE || body === ENABLE || body === DISABLE_NEXT_LINE) {
      const line = node.position?.end.line ?? 0;
      if (body === DISABLE && disabledFrom === 0) disabledFrom = node.position?.start.line ?? 1;
      else if (body === ENABLE && disabledFrom > 0) {
        disabledRanges.push([disabledFrom, line]);
        disabledFrom = 0;
      } else if (body === DISABLE_NEXT_LINE) {
        disabledLine = line + 1;
        disabledRanges.push([disabledLine, disabledLine]);
      }
      return;
    }
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const source = text.slice(start, end);
    for (const attr of htmlAttributes(source)) {
      const value = decodeHtmlValue(attr.value).trim();
      if (attr.name === 'id' || attr.name === 'name') {
        if (value !== '') anchors.push(value);
        continue;
      }
      lines ??= new LineIndex(text);
      const from = lines.at(start + attr.start);
      const to = lines.at(start + attr.end);
      if (from.line !== to.line) continue;
      addDestination(value, from.line, from.column, to.column, attr.value, attr.name === 'src' ? LINK_IMAGE : 0);
    }
  };

  const onHeading = (node: Heading): void => {
    const text = headingText(node);
    const custom = customId(text);
    if (custom) anchors.push(custom.id);
    anchors.push(slugger.slug(custom ? custom.rest : text));
  };

  const walk = (node: Nodes): void => {
    switch (node.type) {
      case 'code':
      case 'inlineCode':
      case 'yaml':
        return;
      case 'html':
        onHtml(node);
        return;
      case 'heading':
        onHeading(node);
        break;
      case 'linkReference':
      case 'imageReference':
        used.add(labelKey(node.label ?? node.identifier));
        break;
      case 'definition': {
        const key = labelKey(node.label ?? node.identifier);
        const first = definitions.get(key);
        const line = node.position?.start.line ?? 0;
        if (first === undefined) definitions.set(key, node);
        else if (!isDisabled(line) && node.position) {
          const { start, end } = node.position;
          const firstLine = first.position?.start.line ?? 0;
          const message = `Duplicate definition of [${node.label ?? node.identifier}]: the first, on line ${firstLine}, is the one used`;
          findings.push(finding('duplicate-definition', message, range(start.line, start.column, end.line, end.column)));
        }
        const span = destinationSpan(node);
        if (span) addDestination(node.url, span.line, span.column, span.endColumn, text.slice(span.start, span.end), span.angle ? LINK_ANGLE : 0);
        return;
      }
      case 'link':
      case 'image': {
        const span = destinationSpan(node);
        const flags = (node.type === 'image' ? LINK_IMAGE : 0) | (span?.angle ? LINK_ANGLE : 0);
        if (span) addDestination(node.url, span.line, span.column, span.endColumn, text.slice(span.start, span.end), flags);
        else if (classify(node.url).kind === 'web') addDestination(node.url, 0, 0, 0, node.url, flags); // autolinks
        break;
      }
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  if (disabledFrom > 0) disabledRanges.push([disabledFrom, Number.MAX_SAFE_INTEGER]);
  const inDisabledRange = (line: number): boolean => disabledRanges.some(([from, to]) => line >= from && line <= to);

  // Fragments of this document, now that every anchor is known.
  const anchorKeys = new Set(anchors.map(anchorKey));
  for (const p of pending) {
    if (isTopFragment(p.fragment) || anchorKeys.has(anchorKey(p.fragment))) continue;
    const suggestion = closest(p.fragment, anchors);
    const r = range(p.line, p.column, p.line, p.endColumn);
    findings.push(
      finding('missing-fragment', `No heading or anchor #${p.fragment} in this document${suggestion ? `; did you mean #${suggestion}?` : ''}`, r, suggestion ? replaceFix(r, suggestion, `Change the fragment to #${suggestion}`) : undefined),
    );
  }

  // References and definitions.
  for (const ref of undefinedReferences(text, tree, new Set(definitions.keys()))) {
    if (inDisabledRange(ref.startLine)) continue;
    findings.push(finding('undefined-reference', `No definition for the reference [${ref.label}]`, range(ref.startLine, ref.startColumn, ref.endLine, ref.endColumn)));
  }
  for (const [key, node] of definitions) {
    if (used.has(key) || !node.position || inDisabledRange(node.position.start.line)) continue;
    const { start, end } = node.position;
    findings.push(finding('unused-definition', `The definition [${node.label ?? node.identifier}] is never used`, range(start.line, start.column, end.line, end.column)));
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  return { findings, anchors, links, web };
}
