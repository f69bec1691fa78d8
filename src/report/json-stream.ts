// The JSON report as a stream of byte chunks, written document by document: the
// same text as toJson (format.ts: an indented head, then a document a line),
// without the report ever being whole in memory, and without parsing results
// that are only copied (each document's results are copied as the compact JSON
// text they are kept in, by ByteSink, byte-sink.ts).
import type { RunReport } from '../engine/run/run';
import { ByteSink } from './byte-sink';
import { ARRAY_END, documentHead, findingJsonOf, formatReport, LINE_PAD, omitted, REPORT_END, reportHead, type ReportFormat, type ReportMeta } from './format';
import { compareCodeUnits } from '../util/order';

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
  sink.text(reportHead(report, meta) + ',\n  "documents": ');
  const outcomes = report.outcomes;
  const order = outcomes.map((_, i) => i);
  order.sort((a, b) => compareCodeUnits(outcomes[a]!.path, outcomes[b]!.path));
  const entries = report.entries;
  sink.text(order.length === 0 ? '[]' : '[');
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const o = outcomes[i]!;
    // The document's members before its results: its JSON without the closing brace.
    const head = JSON.stringify(documentHead(o));
    sink.text((k === 0 ? LINE_PAD : ',' + LINE_PAD) + head.slice(0, head.length - 1));
    if (o.kind === 'processed' || o.kind === 'cached') {
      sink.text(',"results":');
      const e = entries?.[i];
      if (e && e.length > 0) sink.results(e);
      else sink.text(JSON.stringify(omitted(o.results, meta.omit)));
    }
    sink.text('}');
    yield* sink.take();
  }
  if (order.length > 0) sink.text(ARRAY_END);
  // After the documents, as toJson has them: every finding, then what --fix did.
  sink.text(',\n  "findings": ');
  yield* linesText(report.findings.all(), findingJsonOf(report), sink);
  if (meta.fixes) {
    sink.text(',\n  "fixes": ');
    yield* linesText(meta.fixes, (f) => f, sink);
  }
  sink.text(REPORT_END);
  yield* sink.take(true);
}

/** Elements as toJson writes one of the report's arrays (`[]`, or one compact element a line), a chunk at a time. */
function* linesText<T>(elements: readonly T[], json: (element: T) => unknown, sink: ByteSink): Generator<Uint8Array> {
  if (elements.length === 0) return sink.text('[]');
  sink.text('[');
  for (let k = 0; k < elements.length; k++) {
    sink.text((k === 0 ? LINE_PAD : ',' + LINE_PAD) + JSON.stringify(json(elements[k]!)));
    yield* sink.take();
  }
  sink.text(ARRAY_END);
}

/**
 * A report in pieces for a writer that takes them one at a time: JSON streamed
 * document by document (jsonReportChunks), the other formats as one text.
 */
export function formatReportChunks(format: ReportFormat, report: RunReport, meta: ReportMeta, options: ChunkOptions = {}): Iterable<string | Uint8Array> {
  return format === 'json' ? jsonReportChunks(report, meta, options) : [formatReport(format, report, meta)];
}
