// One Markdown document to an mdast tree: CommonMark + GFM + YAML/TOML front
// matter, through mdast-util-from-markdown's public extension points. A small
// from-markdown extension records where each link destination's characters
// lie in the source (mdast keeps only the whole link's position), so a fix can
// replace exactly the characters the author wrote.
import type { Root } from 'mdast';
import { fromMarkdown, type CompileContext, type Extension as FromMarkdownExtension, type Token } from 'mdast-util-from-markdown';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { frontmatter } from 'micromark-extension-frontmatter';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';

/** Where a destination's characters are: 1-based line and columns (UTF-16, end exclusive), source offsets, and whether it was written in <angle brackets>. */
export interface DestinationSpan {
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  readonly start: number;
  readonly end: number;
  readonly angle: boolean;
}

/** The span micromark recorded for a link, image or definition node (undefined for autolinks and references). */
export function destinationSpan(node: { data?: unknown }): DestinationSpan | undefined {
  return (node.data as { destinationSpan?: DestinationSpan } | undefined)?.destinationSpan;
}

// micromark's tokens: resourceDestination/definitionDestination wrap either a
// *Literal (<...>, markers included) or a *Raw token. At their exit, the top of
// the compile stack is the link, image or definition node they belong to.
function record(angle: boolean) {
  return function (this: CompileContext, token: Token): void {
    const node = this.stack[this.stack.length - 1] as { data?: Record<string, unknown> };
    const inset = angle ? 1 : 0;
    const span: DestinationSpan = {
      line: token.start.line,
      column: token.start.column + inset,
      endColumn: token.end.column - inset,
      start: token.start.offset + inset,
      end: token.end.offset - inset,
      angle,
    };
    node.data = { ...node.data, destinationSpan: span };
  };
}

const destinationSpans: FromMarkdownExtension = {
  exit: {
    resourceDestinationLiteral: record(true),
    resourceDestinationRaw: record(false),
    definitionDestinationLiteral: record(true),
    definitionDestinationRaw: record(false),
  },
};

const micromarkExtensions = [gfm(), frontmatter(['yaml', 'toml'])];
const mdastExtensions = [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml', 'toml']), destinationSpans];

/** The mdast tree of a Markdown document. */
export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: micromarkExtensions, mdastExtensions });
}
