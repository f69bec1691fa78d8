// The JSON report as a stream of byte chunks, written document by document: the
// same text as toJson (JSON.stringify(report, null, 2)), without the report ever
// being whole in memory, and without parsing results that are only copied (each
// document's results are copied as JSON text by ByteSink, byte-sink.ts).
import type { RunReport } from '../engine/run/run';
import type { Outcome } from '../engine/types';
import { ByteSink } from './byte-sink';
import { findingJsonOf, formatReport, omitted, toJson, type ReportFormat, type ReportMeta } from './format';
import { relativePath } from './rows';

/** Depth of a document's members in the report: root object, documents array, document. */
const DOCUMENT_DEPTH = 2;

export interface ChunkOptions {
  /**
   * Each chunk is valid only until the next one is asked for, and its memory is
   * then used again: for a writer that is done with a chunk before it asks for
   * the next (the atomic writer), not for one that queues it (a stream's write).
   * Over tldr's 38 MB report this saved about 8 MiB of peak memory.
   */
  readonly reuse?: boolean;
}

/**
 * The JSON report in chunks, for a writer that takes them one at a time (the
 * one write path's atomic writer, or standard output). `entries[i]`, when
 * given, holds the cache entries of outcomes[i]'s results (RunReport.entries).
 */
export function* jsonReportChunks(report: RunReport, meta: ReportMeta, options: ChunkOptions = {}): Generator<Uint8Array> {
  const sink = new ByteSink(meta.omit, options.reuse);
  const head = JSON.stringify(
    { tool: 'batch-ops', generatedAt: meta.generatedAt ?? new Date().toISOString(), roots: meta.roots, summary: report.summary, documents: [] },
    null,
    2,
  );
  const outcomes = report.outcomes;
  if (outcomes.length === 0) {
    sink.text(toJson(report, meta));
    yield* sink.take(true);
    return;
  }
  // `"documents": []\n}` ends the head: the array opens there.
  sink.text(head.slice(0, head.length - 3));
  const order = outcomes.map((_, i) => i);
  order.sort((a, b) => {
    const pa = outcomes[a]!.path;
    const pb = outcomes[b]!.path;
    return pa < pb ? -1 : pa > pb ? 1 : 0;
  });
  const entries = report.entries;
  const pad = '\n' + '  '.repeat(DOCUMENT_DEPTH);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const o = outcomes[i]!;
    const withResults = o.kind === 'processed' || o.kind === 'cached';
    // The document's fields before its results, as JSON.stringify indents them.
    sink.text((k === 0 ? '\n    {' : ',\n    {') + documentFields(o));
    if (withResults) {
      sink.text(`,${pad}  "results": `);
      const e = entries?.[i];
      if (e && e.length > 0) sink.results(e, DOCUMENT_DEPTH + 1);
      else sink.jsonText(JSON.stringify(omitted(o.results, meta.omit)), DOCUMENT_DEPTH + 1);
    }
    sink.text(`${pad}}`);
    yield* sink.take();
  }
  sink.text('\n  ]');
  // After the documents, as toJson has them: every finding, then what --fix did.
  sink.text(',\n  "findings": ');
  yield* findingsText(report, sink);
  if (meta.fixes) sink.text(`,\n  "fixes": ${memberText('fixes', meta.fixes)}`);
  sink.text('\n}\n');
  yield* sink.take(true);
}

/** Findings stringified at a time: the text of all of them at once (1.7 MB over rust-rfcs) was a peak of its own. */
const FINDINGS_BATCH = 256;
/** How memberText closes a non-empty array: its last line. */
const ARRAY_END = '\n  ]';

/**
 * The findings as memberText would write them, `[` … `\n  ]`, made FINDINGS_BATCH
 * at a time: each batch is memberText's array, and only its inside is kept.
 */
function* findingsText(report: RunReport, sink: ByteSink): Generator<Uint8Array> {
  const all = report.findings.all();
  if (all.length === 0) {
    sink.text('[]');
    return;
  }
  const toJson = findingJsonOf(report);
  sink.text('[');
  for (let at = 0; at < all.length; at += FINDINGS_BATCH) {
    const text = memberText('findings', all.slice(at, at + FINDINGS_BATCH).map(toJson));
    sink.text((at === 0 ? '' : ',') + text.slice(1, text.length - ARRAY_END.length));
    yield* sink.take();
  }
  sink.text(ARRAY_END);
}

/**
 * A member of the report object's value as JSON.stringify(report, null, 2)
 * writes it (one level deep): stringified inside a one-member object, so the
 * indentation is JSON.stringify's own, not added to every line afterwards.
 */
function memberText(key: string, value: unknown): string {
  const text = JSON.stringify({ [key]: value }, null, 2);
  // `{\n  "key": ` … `\n}`
  return text.slice(JSON.stringify(key).length + 6, text.length - 2);
}

/** A document's fields as toJson writes them (indented, in its order), without its results and the closing brace. */
function documentFields(o: Outcome): string {
  let out = field('path', o.path, true) + field('file', relativePath(o.root, o.path)) + field('root', o.root) + field('status', o.kind) + field('size', o.size) + field('mtimeMs', o.mtimeMs);
  switch (o.kind) {
    case 'processed':
      out += field('hash', o.hash) + field('source', o.source) + field('encoding', o.encoding) + field('ms', Math.round(o.ms * 1000) / 1000);
      break;
    case 'cached':
      out += field('hash', o.hash) + field('via', o.via);
      break;
    case 'skipped':
    case 'failed':
      out += field('reason', o.reason) + field('detail', o.detail ?? '');
      break;
  }
  return out;
}

const FIELD_PAD = '\n' + '  '.repeat(DOCUMENT_DEPTH + 1);

/** One member of a document, as JSON.stringify(document, null, 2) writes it in the report ('' for undefined, which it leaves out). */
function field(key: string, value: unknown, first = false): string {
  if (value === undefined) return '';
  // Fields are strings and numbers (a finite number is written as String() writes it);
  // anything else as JSON.stringify would indent it there.
  const text =
    typeof value === 'number' && Number.isFinite(value) ? String(value) : value !== null && typeof value === 'object' ? JSON.stringify(value, null, 2).replace(/\n/g, FIELD_PAD) : JSON.stringify(value);
  if (text === undefined) return '';
  return `${first ? '' : ','}${fieldHead(key)}${text}`;
}

/** The padding and quoted key before a document member's value: eight keys, 38,000 documents over tldr. */
const FIELD_HEADS = new Map<string, string>();
function fieldHead(key: string): string {
  let head = FIELD_HEADS.get(key);
  if (head === undefined) FIELD_HEADS.set(key, (head = `${FIELD_PAD}${JSON.stringify(key)}: `));
  return head;
}

/**
 * A report in pieces for a writer that takes them one at a time: JSON streamed
 * document by document (jsonReportChunks), the other formats as one text.
 */
export function formatReportChunks(format: ReportFormat, report: RunReport, meta: ReportMeta, options: ChunkOptions = {}): Iterable<string | Uint8Array> {
  return format === 'json' ? jsonReportChunks(report, meta, options) : [formatReport(format, report, meta)];
}
