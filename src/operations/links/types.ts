// The links operation's data: its rule ids, its settings, the per-document
// result the workers make and cache, and the facts the workspace phase keeps.
// Everything here is plain JSON (structured-cloned across threads, cached).
import type { DocumentFinding } from '../findings';

/** Every rule the links operation reports. */
export type LinksRule =
  | 'missing-file'
  | 'missing-fragment'
  | 'missing-fragment-in-file'
  | 'undefined-reference'
  | 'unused-definition'
  | 'duplicate-definition'
  | 'case-mismatch';

/** The partial of a run of chunks: the text they own, in order (Markdown is parsed whole). */
export type LinksPartial = string;

export interface LinksSettings {
  /** Glob patterns (picomatch) of link targets to leave unchecked: matched against the target as written and against its path from the workspace folder. */
  readonly ignore?: readonly string[];
}

/**
 * One outgoing local link (to another file, or to a fragment of another
 * file), as a tuple to keep cached results small:
 * [path as written and percent-decoded, fragment percent-decoded ('' for none),
 *  line, column of the destination's first character, end column of its path
 *  (before any '?query' or '#'), column of the fragment's first character (the
 *  end column when there is no '#'), end column of the destination, flags].
 * Columns are 1-based UTF-16 units, ends exclusive; a destination never spans lines.
 */
export type LinkFact = readonly [path: string, fragment: string, line: number, column: number, pathEndColumn: number, fragmentColumn: number, endColumn: number, flags: number];

/** LinkFact flags. */
export const LINK_ANGLE = 1; // written as <destination>: spaces need no encoding in a fix
export const LINK_IMAGE = 2; // an image or a src attribute: fragments are not headings

/**
 * Members of a result the JSON report leaves out (Operation.reportOmits), kept in the
 * cache: the facts, and the findings, which the report lists once, in its `findings`.
 */
export const LINKS_REPORT_OMITS: readonly (keyof LinksResult)[] = ['anchors', 'links', 'findings'];

/** What the workspace phase needs of one document. */
export interface LinksFacts {
  /** Every anchor of the document, as written (slugs, ids, names, custom ids). */
  readonly anchors: readonly string[];
  readonly links: readonly LinkFact[];
}

export interface LinksResult extends LinksFacts {
  /** Findings that depend on this document alone. */
  readonly findings: readonly DocumentFinding[];
  /** Web links (http, https, mailto, …) per host ('mailto:' etc. for URLs without one). */
  readonly web: Readonly<Record<string, number>>;
}

export interface LinksSummary {
  readonly documents: number;
  /** Per-document findings per rule (workspace findings are counted by whoever runs the resolver). */
  readonly findingsByRule: Readonly<Partial<Record<LinksRule, number>>>;
  readonly localLinks: number;
  readonly webLinks: number;
  readonly webLinksByHost: Readonly<Record<string, number>>;
}
