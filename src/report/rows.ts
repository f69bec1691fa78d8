// One flat row per document: what CSV, Markdown and the terminal table show.
// Full results (markers, headings) are in the JSON report.
import * as path from 'node:path';
import type { Outcome } from '../engine/types';
import type { AnalyzeResult } from '../operations/analyze';
import type { FindingsStore } from '../engine/findings/store';
import { compareCodeUnits } from '../util/order';

export interface ReportRow {
  readonly root: string;
  /** Path relative to its root, with '/' separators. */
  readonly file: string;
  readonly status: Outcome['kind'];
  /** For skipped and failed documents: the specific reason and its detail. */
  readonly reason: string;
  readonly detail: string;
  readonly bytes: number;
  readonly lines?: number;
  readonly words?: number;
  readonly sentences?: number;
  readonly readingMinutes?: number;
  readonly flesch?: number;
  readonly language?: string;
  readonly headings?: number;
  readonly markers?: number;
  /** The document's findings by severity, every operation (markers included as notes). */
  readonly errors?: number;
  readonly warnings?: number;
  readonly notes?: number;
}

export function relativePath(root: string, file: string): string {
  // The common case without path.relative's normalising, a tenth of a warm run's
  // report over tldr: a file under its root, both as discovery makes them.
  if (isPlainChild(root, file)) {
    const rel = file.slice(root.length + 1);
    return path.sep === '/' ? rel : rel.split(path.sep).join('/');
  }
  const rel = path.relative(root, file);
  return (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
}

/** `file` is `root`, a separator and a path with nothing to normalise (no '.', '..', empty or trailing segment). */
function isPlainChild(root: string, file: string): boolean {
  const sep = path.sep;
  return (
    root.length > 0 &&
    !root.endsWith(sep) &&
    file.length > root.length + 1 &&
    file.startsWith(root) &&
    file[root.length] === sep &&
    !file.includes(sep + '.', root.length) &&
    !file.includes(sep + sep, root.length) &&
    !file.endsWith(sep)
  );
}

/** A row while it is made (ReportRow's members are read-only to its readers). */
type RowDraft = { -readonly [K in keyof ReportRow]: ReportRow[K] };

export function rowOf(o: Outcome, findings?: FindingsStore): ReportRow {
  const row = figuresRow(o);
  if (!findings || (o.kind !== 'processed' && o.kind !== 'cached')) return row;
  let errors = 0;
  let warnings = 0;
  let notes = 0;
  for (const f of findings.forFile(o.path)) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else notes++;
  }
  row.errors = errors;
  row.warnings = warnings;
  row.notes = notes;
  return row;
}

/**
 * A document's figures. Each row is one object literal, members added to it,
 * never spread: spreading objects of varying shapes takes V8's slow path, and
 * the three spreads a row had cost about 8 µs a document (300 ms of a warm
 * tldr run's CSV report or terminal table).
 */
function figuresRow(o: Outcome): RowDraft {
  const root = o.root;
  const file = relativePath(o.root, o.path);
  if (o.kind === 'skipped' || o.kind === 'failed') return { root, file, status: o.kind, bytes: o.size, reason: o.reason, detail: o.detail ?? '' };
  const row: RowDraft = { root, file, status: o.kind, bytes: o.size, reason: o.kind === 'cached' ? `cached (${o.via})` : '', detail: '' };
  const a = o.results.analyze as AnalyzeResult | undefined;
  if (!a) return row;
  row.lines = a.lines;
  row.words = a.words;
  row.sentences = a.sentences;
  row.readingMinutes = Math.round(a.readingMinutes * 10) / 10;
  if (a.fleschReadingEase !== undefined) row.flesch = a.fleschReadingEase;
  row.language = a.language;
  row.headings = a.headingCount;
  row.markers = a.markerCount;
  return row;
}

/** Rows sorted for reading: by root, then path. */
export function rowsOf(outcomes: readonly Outcome[], findings?: FindingsStore): ReportRow[] {
  return outcomes.map((o) => rowOf(o, findings)).sort((a, b) => compareCodeUnits(a.root, b.root) || compareCodeUnits(a.file, b.file));
}
