// One Markdown document to markdown-it tokens: CommonMark + GFM tables,
// strikethrough and autolink literals (linkify) + YAML/TOML front matter, with
// raw HTML on. markdown-it's inline tokens carry no source positions, so the
// rules that make the tokens we need (link, image, html_inline, reference) are
// wrapped through its public rule API (Ruler.at): each calls the original rule
// and records, for the token it made, where its parts lie in the inline
// content (state.src) the rule read. source-map.ts turns those offsets into
// document lines and columns.
import MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type Ruler from 'markdown-it/lib/ruler.mjs';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type Token from 'markdown-it/lib/token.mjs';

export type { Token };

/** A link destination as written: offsets in its source (inline content, or the normalized document for definitions), angle brackets left out. */
export interface DestinationSource {
  /** Escapes and character references resolved, percent-encoding kept (as written). */
  readonly url: string;
  /** The characters as written (escapes and references kept). */
  readonly written: string;
  readonly start: number;
  readonly end: number;
  readonly angle: boolean;
}

/** What the wrapped inline rules record for a link_open, image or html_inline token: offsets in the inline content. */
export interface InlineSource {
  readonly start: number;
  readonly end: number;
  /** An inline link or image's destination (undefined for references and empty destinations). */
  readonly destination?: DestinationSource;
  /** How a reference link or image was written, and its label as written (the text for collapsed and shortcut ones). */
  readonly reference?: { readonly kind: 'full' | 'collapsed' | 'shortcut'; readonly label: string };
}

/** A link reference definition ([label]: destination "title"), as the `link_definition` token's meta; offsets in the normalized document. */
export interface DefinitionSource {
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly destination: DestinationSource;
}

/** The parse environment: markdown-it's references, and where the wrapped rules record what they found. */
export interface ParseEnv {
  references?: Record<string, unknown>;
  readonly sources: Map<Token, InlineSource>;
}

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;

/** The destination between `start` and `end` of `src`, without its angle brackets. */
function destination(src: string, start: number, end: number, url: string): DestinationSource {
  const angle = src.charCodeAt(start) === 0x3c; /* < */
  const from = angle ? start + 1 : start;
  const to = angle ? end - 1 : end;
  return { url, written: src.slice(from, to), start: from, end: to, angle };
}

/** How the link or image the original rule just parsed from `start` to state.pos was written (the rule's own steps, through the same helpers). */
function describeLink(state: StateInline, start: number, image: boolean): InlineSource {
  const src = state.src;
  const end = state.pos;
  const labelOpen = image ? start + 1 : start;
  const labelEnd = state.md.helpers.parseLinkLabel(state, labelOpen, !image);
  state.pos = end; // parseLinkLabel restores it; kept explicit for clarity
  if (src.charCodeAt(end - 1) === 0x29 /* ) */) {
    let p = labelEnd + 2;
    while (p < state.posMax) {
      const c = src.charCodeAt(p);
      if (c !== SPACE && c !== TAB && c !== NEWLINE) break;
      p++;
    }
    const res = state.md.helpers.parseLinkDestination(src, p, state.posMax);
    if (!res.ok || res.pos <= p) return { start, end };
    return { start, end, destination: destination(src, p, res.pos, res.str) };
  }
  let kind: 'full' | 'collapsed' | 'shortcut' = 'shortcut';
  let label = '';
  if (src.charCodeAt(labelEnd + 1) === 0x5b /* [ */) {
    const close = state.md.helpers.parseLinkLabel(state, labelEnd + 1);
    state.pos = end;
    if (close >= 0) {
      label = src.slice(labelEnd + 2, close);
      kind = label ? 'full' : 'collapsed';
    }
  }
  if (!label) label = src.slice(labelOpen + 1, labelEnd);
  return { start, end, reference: { kind, label } };
}

type InlineRule = (state: StateInline, silent: boolean) => boolean;
type BlockRule = (state: StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
type CoreRule = (state: StateCore) => void;

/** A throw-away parser: where markdown-it's own rules and utilities are taken from. */
const STOCK = new MarkdownIt('zero');

/** markdown-it's utilities (MarkdownIt#utils), without a parser of their own. */
export const markdownUtils = STOCK.utils;

/** markdown-it's own rule `name` of `ruler`: enabled alone, it is the only one getRules() gives (Ruler has no public getter by name). */
function stockRule<R>(ruler: Ruler<R>, name: string): R {
  ruler.enableOnly([name]);
  const [rule] = ruler.getRules('');
  if (!rule) throw new Error(`markdown-it has no rule ${name}`);
  return rule;
}

/**
 * markdown-it's own rules that the parser wraps, taken from one throw-away
 * parser: each parser compiles linkify-it's regular expressions, a parser per
 * rule cost milliseconds at every start.
 */
function stockRules(): { link: InlineRule; image: InlineRule; htmlInline: InlineRule; reference: BlockRule; normalize: CoreRule } {
  return {
    link: stockRule(STOCK.inline.ruler, 'link') as InlineRule,
    image: stockRule(STOCK.inline.ruler, 'image') as InlineRule,
    htmlInline: stockRule(STOCK.inline.ruler, 'html_inline') as InlineRule,
    reference: stockRule(STOCK.block.ruler, 'reference') as BlockRule,
    normalize: stockRule(STOCK.core.ruler, 'normalize') as CoreRule,
  };
}

/**
 * markdown-it's normalize step turns \r\n and \r into \n and NUL into U+FFFD,
 * with a regular expression that also matches, and replaces, every \n: a new
 * copy of every document. A document with neither \r nor NUL is left as it
 * is (the step would give the same text), and the others are normalized by it.
 */
function normalizeOnlyWhatNeedsIt(normalize: CoreRule): CoreRule {
  return (state) => {
    if (state.src.includes('\r') || state.src.includes('\0')) normalize(state);
  };
}

/** Wraps the link or image rule: records how the token it made was written. */
function recordLink(original: InlineRule, image: boolean): InlineRule {
  const type = image ? 'image' : 'link_open';
  return (state, silent) => {
    const start = state.pos;
    const before = state.tokens.length;
    if (!original(state, silent)) return false;
    if (silent) return true;
    const sources = (state.env as ParseEnv).sources;
    const token = state.tokens.slice(before).find((t) => t.type === type);
    if (sources && token) sources.set(token, describeLink(state, start, image));
    return true;
  };
}

/** Wraps html_inline: records where the tag starts. */
function recordHtml(original: InlineRule): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    if (!original(state, silent)) return false;
    const sources = (state.env as ParseEnv).sources;
    const token = state.tokens[state.tokens.length - 1];
    if (!silent && sources && token?.type === 'html_inline') sources.set(token, { start, end: state.pos });
    return true;
  };
}

/**
 * Wraps the reference rule (definitions make no token): after a definition is
 * read, pushes a `link_definition` token with its label, extent and
 * destination, so definitions keep their place among the other tokens. The
 * rule reads the normalized document directly, so its offsets are the
 * document's; the destination is found again as the rule finds it.
 */
function recordDefinition(original: BlockRule): BlockRule {
  return (state, startLine, endLine, silent) => {
    if (!original(state, startLine, endLine, silent)) return false;
    if (silent) return true;
    const src = state.src;
    const start = contentStart(state, startLine);
    // The label, and then white space, across line ends followed by a continuation line's container prefix, as getNextLinePos skips them.
    let line = startLine;
    let label = '';
    let from = start + 1;
    let p = from;
    while (p < src.length && src.charCodeAt(p) !== 0x5d /* ] */) {
      const c = src.charCodeAt(p);
      if (c === NEWLINE) {
        label += src.slice(from, p + 1);
        line++;
        p = from = contentStart(state, line);
      } else p += c === 0x5c /* \ */ ? 2 : 1;
    }
    label += src.slice(from, p);
    p += 2; // ']:'
    for (;;) {
      const c = src.charCodeAt(p);
      if (c === SPACE || c === TAB) p++;
      else if (c === NEWLINE) {
        line++;
        p = contentStart(state, line);
      } else break;
    }
    const res = state.md.helpers.parseLinkDestination(src, p, lineMark(state.eMarks, line));
    const lastLine = state.line - 1;
    let end = lineMark(state.eMarks, lastLine);
    while (end > start && (src.charCodeAt(end - 1) === SPACE || src.charCodeAt(end - 1) === TAB)) end--;
    const token = state.push('link_definition', '', 0);
    token.map = [startLine, state.line];
    const meta: DefinitionSource = { label, start, end, destination: destination(src, p, res.pos, res.str) };
    token.meta = meta;
    return true;
  };
}

/** Where a line's content starts (past its indentation and container prefix). */
function contentStart(state: StateBlock, line: number): number {
  return lineMark(state.bMarks, line) + lineMark(state.tShift, line);
}

/** A line's entry in one of markdown-it's per-line arrays, which cover every line of the source (and one past). */
function lineMark(marks: readonly number[], line: number): number {
  const mark = marks[line];
  if (mark === undefined) throw new Error(`markdown-it keeps no mark for line ${line}`);
  return mark;
}

/**
 * Front matter as micromark-extension-frontmatter reads it: on the first
 * line, a fence of exactly `---` (YAML) or `+++` (TOML), closed by the same
 * fence; unclosed, it is no front matter. A small rule of our own, because
 * markdown-it-front-matter closes an unclosed block at the end of the
 * document (so a document whose first line is a thematic break would lose all
 * its content) and knows no TOML.
 */
const frontMatter: BlockRule = (state, startLine, endLine, silent) => {
  if (startLine !== 0 || state.tShift[0] !== 0) return false;
  const fence = state.src.slice(state.bMarks[0], state.eMarks[0]).trimEnd();
  if (fence !== '---' && fence !== '+++') return false;
  let line = 1;
  while (line < endLine && state.src.slice(state.bMarks[line], state.eMarks[line]).trimEnd() !== fence) line++;
  if (line >= endLine) return false;
  if (silent) return true;
  const token = state.push('front_matter', '', 0);
  token.map = [0, line + 1];
  token.hidden = true;
  state.line = line + 1;
  return true;
};

/** How a parser is made; the default is what the operation uses. */
export interface ParserOptions {
  /** Parse the inline content of every block, not only of those that may hold what the operation reads (tests compare the two). */
  readonly inlineEverywhere?: boolean;
}

/** A parser for the links operation (one per thread: the wrapped rules keep no state of their own). */
export function createParser(options: ParserOptions = {}): MarkdownIt {
  const md = new MarkdownIt('default', { html: true, linkify: true });
  // Destinations as written: no percent-encoding or punycode added, and no link refused as unsafe (nothing is rendered).
  md.normalizeLink = (url) => url;
  md.validateLink = () => true;
  const stock = stockRules();
  md.block.ruler.before('table', 'front_matter', frontMatter);
  md.block.ruler.at('reference', recordDefinition(stock.reference));
  md.inline.ruler.at('link', recordLink(stock.link, false));
  md.inline.ruler.at('image', recordLink(stock.image, true));
  md.inline.ruler.at('html_inline', recordHtml(stock.htmlInline));
  skipLinkifyWithoutLiterals(md);
  md.core.ruler.at('normalize', normalizeOnlyWhatNeedsIt(stock.normalize));
  if (!options.inlineEverywhere) md.core.ruler.at('inline', parseInlineWhereLinksMayBe);
  return md;
}

/**
 * Whether a block's inline content may hold what the links operation reads of
 * a block other than a heading: a link, image or reference (`[`), an autolink
 * or raw HTML (`<`), or an autolink literal. Without any of them the inline
 * parse makes text, code spans and emphasis only.
 */
export function mayHoldLinks(content: string): boolean {
  return content.includes('[') || content.includes('<') || AUTOLINK_LITERAL_MARK.test(content);
}

/**
 * markdown-it's core `inline` step, which parses the inline content of every
 * block, but for blocks that cannot hold a link (mayHoldLinks) and are not a
 * heading (whose text makes its anchor): those keep no children. Most
 * paragraphs of prose have none of the marks; inline parsing was two fifths of
 * markdown-it's time over rust-rfcs. test/unit/operations/links/parse.test.ts
 * checks that the operation reads the same from both parses.
 */
function parseInlineWhereLinksMayBe(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== 'inline') continue;
    if (tokens[i - 1]?.type !== 'heading_open' && !mayHoldLinks(token.content)) continue;
    token.children ??= [];
    state.md.inline.parse(token.content, state.md, state.env, token.children);
  }
}

/** Text that may hold a GFM autolink literal: `www.`, a scheme's `://`, or an e-mail address's `@`. */
const AUTOLINK_LITERAL_MARK = /www\.|:\/\/|@/i;

/**
 * markdown-it's linkify step asks linkify-it's `pretest` about each inline block
 * before looking for links in it. linkify-it also finds fuzzy links (README.md,
 * example.com), which the links operation does not count (document.ts keeps only
 * GFM autolink literals): a block with no `www.`, `://` or `@` can hold nothing
 * else, so it is not searched. About 5% of a cold links run over rust-rfcs, with
 * the same report; test/unit/operations/links/parse.test.ts compares the tokens
 * the operation reads with those of a parser that searches every block.
 */
function skipLinkifyWithoutLiterals(md: MarkdownIt): void {
  const linkify = md.linkify;
  const pretest = linkify.pretest.bind(linkify);
  linkify.pretest = (text: string) => AUTOLINK_LITERAL_MARK.test(text) && pretest(text);
}
