// The per-document phase: one parse of a Markdown document (markdown-it), and
// from its tokens the document's anchors, its outgoing local links (with the
// exact source columns of each destination), its web links per host, and the
// findings that depend on this document alone (fragments of the same document,
// references and definitions). Runs in the workers; knows nothing of the file system.
import GithubSlugger from 'github-slugger';
import type MarkdownIt from 'markdown-it';
import type { DocumentFinding } from '../findings';
import { classify, anchorKey, isTopFragment } from './destination';
import { decodeHtmlValue, htmlAttributes } from './html';
import { createParser, type DefinitionSource, type DestinationSource, type ParseEnv, type Token } from './parse';
import { labelKey, mayHoldUnresolved, undefinedReferences, type UnresolvedReference } from './references';
import { blockContentMap, documentMap, sourceLines, tableCellMap, type OffsetMap, type SourcePosition } from './source-map';
import { finding, range, replaceFix } from './finding';
import { closest } from './suggest';
import { LINK_ANGLE, LINK_IMAGE, type LinkFact, type LinksResult } from './types';

/** Decides whether a link target (as written, without its fragment, and whole) is ignored by the `ignore` setting. */
export type TargetFilter = (path: string, whole: string) => boolean;

const DISABLE = 'batch-ops-disable links';
const ENABLE = 'batch-ops-enable links';
const DISABLE_NEXT_LINE = 'batch-ops-disable-next-line links';

const defaultParser = createParser();

/** A heading's text as GitHub slugs it: text and code, not HTML or image alt text (an inline token's children). */
function headingText(children: readonly Token[]): string {
  let s = '';
  for (const t of children) {
    if (t.type === 'text' || t.type === 'code_inline') s += t.content;
    else if (t.type === 'softbreak') s += '\n';
  }
  return s;
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

/** A GFM autolink literal (www., a scheme, an e-mail address), not one of linkify-it's fuzzy links without them (README.md, example.com). */
function isAutolinkLiteral(text: string): boolean {
  return /^(?:www\.|https?:\/\/)/i.test(text) || (text.includes('@') && !text.includes('/'));
}

interface PendingFragment {
  readonly fragment: string;
  readonly line: number;
  readonly column: number; // first character after '#'
  readonly endColumn: number;
}

interface Definition {
  readonly label: string;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

/** Analyses one whole Markdown document (`md`: the operation's parser; tests pass another to compare). */
export function analyzeDocument(text: string, ignored: TargetFilter, md: MarkdownIt = defaultParser): LinksResult {
  const env: ParseEnv = { sources: new Map() };
  const tokens = md.parse(text, env);
  const lines = sourceLines(text);
  const slugger = new GithubSlugger();
  const anchors: string[] = [];
  const links: LinkFact[] = [];
  const web: Record<string, number> = {};
  const findings: DocumentFinding[] = [];
  const pending: PendingFragment[] = [];
  const definitions = new Map<string, Definition>();
  const used = new Set<string>();
  const unresolved: Array<{ content: string; at: OffsetMap }> = [];
  const disabledRanges: Array<[number, number]> = [];
  let disabledFrom = 0; // line where checking was switched off, 0 when on
  let disabledLine = 0; // the one line a disable-next-line comment switches off
  let inDocument: OffsetMap | undefined;

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

  /** A destination whose offsets `at` places; left out when it cannot be placed on one line exactly. */
  const addWritten = (d: DestinationSource, at: OffsetMap, flags: number): void => {
    const { url, start, end } = d;
    const from = at(start);
    const to = at(end);
    if (from && to && from.line === to.line) addDestination(url, from.line, from.column, to.column, d.written, flags | (d.angle ? LINK_ANGLE : 0));
    else if (classify(url).kind === 'web') addDestination(url, 0, 0, 0, url, flags);
  };

  /** Raw HTML (a block, or one inline tag) whose `value` starts at offset `start` of content that `at` places. */
  const onHtml = (value: string, start: number, at: OffsetMap, startLine: number, endLine: number): void => {
    const comment = value.trim();
    const body = comment.startsWith('<!--') && comment.endsWith('-->') ? comment.slice(4, -3).trim() : undefined;
    if (body === DISABLE || body === ENABLE || body === DISABLE_NEXT_LINE) {
      if (body === DISABLE && disabledFrom === 0) disabledFrom = startLine;
      else if (body === ENABLE && disabledFrom > 0) {
        disabledRanges.push([disabledFrom, endLine]);
        disabledFrom = 0;
      } else if (body === DISABLE_NEXT_LINE) {
        disabledLine = endLine + 1;
        disabledRanges.push([disabledLine, disabledLine]);
      }
      return;
    }
    for (const attr of htmlAttributes(value)) {
      const decoded = decodeHtmlValue(attr.value).trim();
      if (attr.name === 'id' || attr.name === 'name') {
        if (decoded !== '') anchors.push(decoded);
        continue;
      }
      const from = at(start + attr.start);
      const to = at(start + attr.end);
      if (!from || !to || from.line !== to.line) continue;
      addDestination(decoded, from.line, from.column, to.column, attr.value, attr.name === 'src' ? LINK_IMAGE : 0);
    }
  };

  const onDefinition = (token: Token): void => {
    const source = token.meta as DefinitionSource;
    inDocument ??= documentMap(lines);
    const start = inDocument(source.start);
    const end = inDocument(source.end);
    if (!start || !end) return;
    const key = labelKey(source.label);
    const first = definitions.get(key);
    if (first === undefined) definitions.set(key, { label: source.label, start, end });
    else if (!isDisabled(start.line)) {
      const message = `Duplicate definition of [${source.label}]: the first, on line ${first.start.line}, is the one used`;
      findings.push(finding('duplicate-definition', message, range(start.line, start.column, end.line, end.column)));
    }
    addWritten(source.destination, inDocument, 0);
  };

  /** The inline tokens of one block (paragraph, heading, table cell), whose content `at` places. */
  const onInline = (block: Token, at: OffsetMap, heading: boolean): void => {
    const children = block.children ?? [];
    if (heading) {
      const headingName = headingText(children);
      const custom = customId(headingName);
      if (custom) anchors.push(custom.id);
      anchors.push(slugger.slug(custom ? custom.rest : headingName));
    }
    // An index loop: entries() and its destructuring cost more than the loop's work (a parse of rust-rfcs has 40,000 blocks).
    for (let i = 0; i < children.length; i++) {
      const t = children[i]!;
      if (t.type === 'html_inline') {
        const source = env.sources.get(t);
        const from = source && at(source.start);
        const to = source && at(source.end);
        if (source && from && to) onHtml(t.content, source.start, at, from.line, to.line);
        continue;
      }
      if (t.type !== 'link_open' && t.type !== 'image') continue;
      const flags = t.type === 'image' ? LINK_IMAGE : 0;
      const url = t.attrGet(t.type === 'image' ? 'src' : 'href') ?? '';
      const source = env.sources.get(t);
      if (source?.reference) used.add(labelKey(source.reference.label));
      else if (source?.destination) addWritten(source.destination, at, flags); else if (!source && (t.markup !== 'linkify' || isAutolinkLiteral(children[i + 1]?.content ?? '')) && classify(url).kind === 'web') {
        addDestination(url, 0, 0, 0, url, flags); // autolinks and autolink literals
      }
    }
    if (mayHoldUnresolved(children)) unresolved.push({ content: block.content, at });
  };

  let heading = false;
  let row = -1; // the table row being read (0-based source line), and where its next cell is searched from
  let rowFrom = 0;
  for (const token of tokens) {
    switch (token.type) {
      case 'heading_open':
        heading = true;
        break;
      case 'tr_open':
        row = token.map?.[0] ?? -1;
        rowFrom = 0;
        break;
      case 'table_close':
        row = -1;
        break;
      case 'link_definition':
        onDefinition(token);
        break;
      case 'html_block':
        if (token.map) onHtml(token.content, 0, blockContentMap(lines, token.map[0], token.content), token.map[0] + 1, token.map[1]);
        break;
      case 'inline': {
        if (row >= 0) {
          if (token.content === '') break;
          const cell = tableCellMap(lines, row, rowFrom, token.content);
          if (cell) rowFrom = cell.end;
          onInline(token, cell?.at ?? (() => undefined), false);
        } else if (token.map) onInline(token, blockContentMap(lines, token.map[0], token.content), heading);
        heading = false;
        break;
      }
    }
  }
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
  const defined = new Set(definitions.keys());
  const undefinedRefs: UnresolvedReference[] = unresolved.flatMap(({ content, at }) => undefinedReferences(md, content, at, defined));
  for (const ref of undefinedRefs) {
    if (inDisabledRange(ref.startLine)) continue;
    findings.push(finding('undefined-reference', `No definition for the reference [${ref.label}]`, range(ref.startLine, ref.startColumn, ref.endLine, ref.endColumn)));
  }
  for (const [key, def] of definitions) {
    if (used.has(key) || inDisabledRange(def.start.line)) continue;
    findings.push(finding('unused-definition', `The definition [${def.label}] is never used`, range(def.start.line, def.start.column, def.end.line, def.end.column)));
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);
  return { findings, anchors, links, web };
}
