// The analyze operation: statistics, reading time, readability, language,
// entropy, Markdown headings and TODO-style markers of a text document.
//
// map() sees only the characters a chunk owns and knows nothing of where the
// chunk lies: line numbers in a partial are relative to its start, and what a
// chunk boundary may cut (a line, a word, a run of sentence punctuation, the
// fence state) is kept as bounded fragments or as a function of the unknown
// state before the chunk, resolved by combine(). Splitting a document anywhere
// (except inside a surrogate pair) therefore gives exactly the result of
// processing it whole.
//
// The parts: types.ts (settings, partial, result, summary), partial.ts (map of
// a chunk: its line pass; characters.ts its character pass), combine.ts,
// finish.ts, summary.ts (the fold over documents), rules.ts (the marker rule
// and findings); lines.ts, text.ts and ascii-pass.ts are what they build on.
import type { Chunk, DocumentPlace, Operation, OperationSettings } from '../operation';
import { SETTINGS } from '../../settings/table';
import { combinePartials } from './combine';
import { finishPartial, isProsePath } from './finish';
import { emptyPartial, mapText, ownText, roomAfter } from './partial';
import { ANALYZE_RULES, markerFindings } from './rules';
import { summarizeResults, summaryFold } from './summary';
import type { AnalyzePartial, AnalyzeResult, AnalyzeSettings, AnalyzeSummary } from './types';

export type { AnalyzePartial, AnalyzeResult, AnalyzeSettings, AnalyzeSummary, Heading, Marker, WordFragment } from './types';
export { WORDS_PER_MINUTE } from './types';
export { LINE_SCAN_LIMIT, ITEM_CAP, TEXT_CAP } from './lines';
export { isEnglish, isProsePath } from './finish';
export { ANALYZE_RULES, markerFindings } from './rules';

export const DEFAULT_MARKERS: readonly string[] = SETTINGS.markers.default;

function normaliseMarkers(settings: AnalyzeSettings | OperationSettings): string[] {
  const raw = (settings as { markers?: unknown }).markers;
  if (raw === undefined) return [...DEFAULT_MARKERS];
  if (!Array.isArray(raw)) throw new TypeError('analyze: settings.markers must be an array of strings');
  const out: string[] = [];
  for (const tag of raw) {
    if (typeof tag !== 'string' || tag.length === 0 || /[\r\n]/.test(tag)) {
      throw new TypeError(`analyze: invalid marker ${JSON.stringify(tag)} (non-empty single-line strings only)`);
    }
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

export function createAnalyze(
  settings: AnalyzeSettings | OperationSettings = {},
): Operation<AnalyzePartial, AnalyzeResult, AnalyzeSummary> {
  const tags = normaliseMarkers(settings);
  return {
    id: 'analyze',
    version: 2, // 2: no readability score for files that are not prose
    settings: { markers: tags.slice() },
    // Partials are position-free and exact under any cut (see the header).
    splittable: true,
    accepts(path: string): boolean {
      // The reader already turns binaries and invalid encodings away.
      return typeof path === 'string';
    },
    map(chunk: Chunk): AnalyzePartial {
      return mapText(ownText(chunk), tags);
    },
    mapInto(before: AnalyzePartial, chunk: Chunk): AnalyzePartial {
      const s = ownText(chunk);
      return combinePartials(before, mapText(s, tags, roomAfter(before, s)), tags);
    },
    empty(): AnalyzePartial {
      return emptyPartial(tags.length);
    },
    combine(a: AnalyzePartial, b: AnalyzePartial): AnalyzePartial {
      return combinePartials(a, b, tags);
    },
    finish(partial: AnalyzePartial): AnalyzeResult {
      return finishPartial(partial, tags);
    },
    finishDocument(partial: AnalyzePartial, doc: DocumentPlace): AnalyzeResult {
      const result = finishPartial(partial, tags);
      if (result.fleschReadingEase === undefined || isProsePath(doc.path)) return result;
      const { fleschReadingEase: _dropped, ...rest } = result;
      return rest;
    },
    fold: summaryFold,
    summarize(results: Iterable<AnalyzeResult>): AnalyzeSummary {
      return summarizeResults(results);
    },
    rules: ANALYZE_RULES,
    findings: markerFindings,
    // Findings are the markers: an empty list (the top-level key; a string's quotes are escaped) means none.
    noFindingsText: '"markers":[]',
  };
}
