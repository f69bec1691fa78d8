// Report writers: JSON (everything), CSV and Markdown (one row a document), and
// the terminal table. Pure functions of a run's report, shared by the command
// line and the editor's Export Batch Report.
import type { RunReport } from '../engine/run/run';
import type { Outcome, Summary } from '../engine/types';
import { withOrigin, type Finding } from '../operations/findings';
import { relativePath, rowsOf, type ReportRow } from './rows';
import { formatSarif, SARIF_SCHEMA, type SarifOperation } from './sarif';
import { formatBytes, formatCount, formatDuration } from '../util/units';
import { escapeControls, escapeMarkdown } from './escape';
import { byPath } from '../util/order';

export type ReportFormat = 'json' | 'csv' | 'md' | 'table' | 'sarif';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'json', 'csv', 'md', 'sarif'];

export interface ReportMeta {
  readonly roots: readonly string[];
  readonly generatedAt?: string;
  /** The run's operations with their rules (SARIF's runs). */
  readonly operations?: readonly SarifOperation[];
  readonly toolVersion?: string;
  /** With --fix: what became of each document that had fixes (the JSON report lists them as `fixes`). */
  readonly fixes?: readonly { readonly path: string; readonly status: 'fixed' | 'unchanged' | 'refused'; readonly problems?: number; readonly reason?: string }[];
  /** Per operation id, members of its results the JSON report leaves out (Operation.reportOmits). */
  readonly omit?: Readonly<Record<string, readonly string[]>>;
}

export function formatReport(format: ReportFormat, report: RunReport, meta: ReportMeta): string {
  switch (format) {
    case 'json':
      return toJson(report, meta);
    case 'csv':
      return toCsv(rowsOf(report.outcomes, report.findings));
    case 'md':
      return toMarkdown(report, meta);
    case 'table':
      return toTable(rowsOf(report.outcomes));
    case 'sarif':
      return formatSarif(report.findings.all(), meta.operations ?? [], { roots: meta.roots, toolVersion: meta.toolVersion ?? '0.0.0' });
  }
}

/**
 * The JSON report: JSON.stringify(report, null, 2)'s layout for its head (tool,
 * roots, summary), and each document, finding and fix as compact JSON on a line
 * of its own. Over tldr the indented documents were 38 MB, half of it white
 * space, and indenting them cost a warm run about a tenth of its time; a line a
 * document is also what grep, diff and a reader scrolling 38,000 documents want.
 * jsonReportChunks (json-stream.ts) writes the same bytes as it goes.
 */
export function toJson(report: RunReport, meta: ReportMeta): string {
  const documents = [...report.outcomes]
    .sort(byPath)
    .map((o) => JSON.stringify(documentJson(o, meta.omit)));
  let out = reportHead(report, meta) + ',\n  "documents": ' + jsonLines(documents) + ',\n  "findings": ' + jsonLines(findingsJson(report).map((f) => JSON.stringify(f)));
  if (meta.fixes) out += ',\n  "fixes": ' + jsonLines(meta.fixes.map((f) => JSON.stringify(f)));
  return out + REPORT_END;
}

/** The report's first members (tool, generatedAt, roots, summary) as JSON.stringify(…, null, 2) writes them, without the closing brace. */
export function reportHead(report: RunReport, meta: ReportMeta): string {
  const head = JSON.stringify({ tool: 'batch-ops', generatedAt: meta.generatedAt ?? new Date().toISOString(), roots: meta.roots, summary: report.summary }, null, 2);
  return head.slice(0, head.length - 2);
}

/** Before each element of the report's arrays: a new line, indented two levels. */
export const LINE_PAD = '\n    ';
/** How an array of the report with elements ends, and the report after its last member. */
export const ARRAY_END = '\n  ]';
export const REPORT_END = '\n}\n';

/** Elements (each compact JSON) as one of the report's arrays: `[]`, or one element a line. */
function jsonLines(elements: readonly string[]): string {
  return elements.length === 0 ? '[]' : '[' + LINE_PAD + elements.join(',' + LINE_PAD) + ARRAY_END;
}

/** Every finding, sorted by file and position, with its path relative to its document's root. */
export function findingsJson(report: RunReport): ReportFinding[] {
  return report.findings.all().map(findingJsonOf(report));
}

/** A finding as a report writes it: `file` relative to its document's root and `path` absolute, as for documents. */
export type ReportFinding = Finding & { readonly path: string };

/** How a finding is written (ReportFinding). */
export function findingJsonOf(report: RunReport): (f: Finding) => ReportFinding {
  const roots = new Map(report.outcomes.map((o) => [o.path, o.root]));
  // A document's findings share its file: its relative path is computed once.
  const relative = new Map<string, string>();
  const relativeOf = (file: string): string => {
    let rel = relative.get(file);
    if (rel === undefined) {
      const root = roots.get(file);
      rel = root === undefined ? file : relativePath(root, file);
      relative.set(file, rel);
    }
    return rel;
  };
  // The members in Finding's order, written out by withOrigin (a spread is slow here), then `path`.
  return (f) => Object.assign(withOrigin(f, f.operation, relativeOf(f.file)), { path: f.file });
}

function documentJson(o: Outcome, omit: ReportMeta['omit']): Record<string, unknown> {
  const document = documentHead(o);
  if (o.kind === 'processed' || o.kind === 'cached') document.results = omitted(o.results, omit);
  return document;
}

/**
 * A document's members before its results, in the report's order: toJson and
 * jsonReportChunks (json-stream.ts) both write them from here. Written out per
 * kind, not spread from common members: a spread is V8's slow path, and the
 * stream makes one for each of tldr's 38,000 documents.
 */
export function documentHead(o: Outcome): Record<string, unknown> {
  const { path, root } = o;
  const file = relativePath(root, path);
  switch (o.kind) {
    case 'processed':
      return { path, file, root, status: o.kind, size: o.size, mtimeMs: o.mtimeMs, hash: o.hash, source: o.source, encoding: o.encoding, ms: Math.round(o.ms * 1000) / 1000 };
    case 'cached':
      return { path, file, root, status: o.kind, size: o.size, mtimeMs: o.mtimeMs, hash: o.hash, via: o.via };
    case 'skipped':
    case 'failed':
      return { path, file, root, status: o.kind, size: o.size, mtimeMs: o.mtimeMs, reason: o.reason, detail: o.detail ?? '' };
  }
}

/** A document's results without the members the report leaves out (ReportMeta.omit). */
export function omitted(results: Readonly<Record<string, unknown>>, omit: ReportMeta['omit']): Readonly<Record<string, unknown>> {
  if (!omit) return results;
  let out: Record<string, unknown> | undefined;
  for (const [id, keys] of Object.entries(omit)) {
    const r = results[id];
    if (keys.length === 0 || r === null || typeof r !== 'object' || Array.isArray(r) || !keys.some((k) => k in r)) continue;
    const kept: Record<string, unknown> = { ...(r as Record<string, unknown>) };
    for (const k of keys) delete kept[k];
    (out ??= { ...results })[id] = kept;
  }
  return out ?? results;
}

const CSV_COLUMNS: readonly (keyof ReportRow)[] = ['root', 'file', 'status', 'reason', 'detail', 'bytes', 'lines', 'words', 'sentences', 'readingMinutes', 'flesch', 'language', 'headings', 'markers', 'errors', 'warnings', 'notes'];

export function toCsv(rows: readonly ReportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** RFC 4180 quoting, and a leading quote mark on cells a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function mdCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return escapeMarkdown(String(value));
}

export function toMarkdown(report: RunReport, meta: ReportMeta): string {
  const s = report.summary;
  const rows = rowsOf(report.outcomes);
  const out: string[] = [];
  out.push('# Batch report', '');
  out.push(`Roots: ${meta.roots.map(mdCell).join(', ')}`, '');
  // Summary lines hold figures and reason names only, no text from the file system.
  out.push(...summaryLines(s).map((l) => `- ${l}`), '');
  const bad = rows.filter((r) => r.status === 'skipped' || r.status === 'failed');
  if (bad.length > 0) {
    out.push('## Skipped and failed', '', '| File | Status | Reason | Detail |', '| --- | --- | --- | --- |');
    for (const r of bad) out.push(`| ${mdCell(r.file)} | ${r.status} | ${mdCell(r.reason)} | ${mdCell(r.detail)} |`);
    out.push('');
  }
  const good = rows.filter((r) => r.status === 'processed' || r.status === 'cached');
  out.push('## Documents', '', '| File | Words | Lines | Reading (min) | Flesch | Headings | Markers | Status |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of good) out.push(`| ${mdCell(r.file)} | ${r.words ?? ''} | ${r.lines ?? ''} | ${r.readingMinutes ?? ''} | ${r.flesch ?? ''} | ${r.headings ?? ''} | ${r.markers ?? ''} | ${r.status} |`);
  // Markers are in the documents table; every other operation's findings get one row each.
  const findings = report.findings.all().filter((f) => f.operation !== 'analyze');
  if (findings.length > 0) {
    const roots = new Map(report.outcomes.map((o) => [o.path, o.root]));
    out.push('', '## Findings', '', '| File | Line | Column | Severity | Operation | Rule | Message |', '| --- | ---: | ---: | --- | --- | --- | --- |');
    for (const f of findings) {
      const root = roots.get(f.file);
      const file = root === undefined ? f.file : relativePath(root, f.file);
      out.push(`| ${mdCell(file)} | ${f.range.start.line} | ${f.range.start.column} | ${f.severity} | ${mdCell(f.operation)} | ${mdCell(f.rule)} | ${mdCell(f.message)} |`);
    }
  }
  return out.join('\n') + '\n';
}

export function toTable(rows: readonly ReportRow[]): string {
  const header = ['FILE', 'STATUS', 'WORDS', 'LINES', 'READ', 'FLESCH', 'MARKERS', 'REASON'];
  // Names and details are the file system's: control characters are shown escaped, never sent to the terminal.
  const body = rows.map((r) => [
    escapeControls(r.file),
    r.status,
    r.words === undefined ? '' : formatCount(r.words),
    r.lines === undefined ? '' : formatCount(r.lines),
    r.readingMinutes === undefined ? '' : `${r.readingMinutes}m`,
    r.flesch === undefined ? '' : String(r.flesch),
    r.markers === undefined ? '' : String(r.markers),
    escapeControls(r.reason + (r.detail ? `: ${r.detail}` : '')),
  ]);
  const widths = header.map((h, i) => Math.min(i === 0 ? 60 : 40, Math.max(h.length, ...body.map((b) => b[i]!.length))));
  const right = new Set([2, 3, 4, 5, 6]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const w = widths[i]!;
        const cut = c.length > w && i < cells.length - 1 ? c.slice(0, w - 1) + '…' : c;
        return right.has(i) ? cut.padStart(w) : i === cells.length - 1 ? cut : cut.padEnd(w);
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)].join('\n') + '\n';
}

/** The run's summary as human lines (terminal, Markdown, tooltips). */
export function summaryLines(s: Summary): string[] {
  const c = s.counts;
  const lines = [
    `${formatCount(c.discovered)} documents: ${formatCount(c.processed)} processed, ${formatCount(c.cached)} cached, ${formatCount(c.skipped)} skipped, ${formatCount(c.failed)} failed${s.accounted ? '' : ' (NOT all accounted for)'}`,
    s.whole
      ? `${formatBytes(s.bytes)} in total ${formatDuration(s.whole.elapsedMs)} (engine ${formatDuration(s.elapsedMs)}): ${formatCount(Math.round(s.docsPerSec))} docs/s, ${s.mbPerSec.toFixed(1)} MB/s in the engine, peak RSS ${formatBytes(s.whole.peakRss)} in total (engine ${formatBytes(s.peakRss)})`
      : `${formatBytes(s.bytes)} in ${formatDuration(s.elapsedMs)}: ${formatCount(Math.round(s.docsPerSec))} docs/s, ${s.mbPerSec.toFixed(1)} MB/s, peak RSS ${formatBytes(s.peakRss)}`,
    // A run that looked nothing up (the command line without --cache) has no rate to show.
    s.cache.hits + s.cache.misses === 0
      ? 'cache: not used'
      : `cache: ${(s.cache.hitRate * 100).toFixed(1)}% hit rate (${formatCount(s.cache.hits)} hits, ${formatCount(s.cache.misses)} misses, ${formatCount(s.cache.evictions)} evictions)`,
  ];
  if (s.state !== 'finished') lines.push(`run ${s.state}${s.limit ? ` (limit ${s.limit})` : ''}`);
  const reasons = (by: Readonly<Record<string, number | undefined>>) =>
    Object.entries(by)
      .map(([k, v]) => `${k} ${formatCount(v ?? 0)}`)
      .join(', ');
  if (c.skipped > 0) lines.push(`skipped: ${reasons(s.skippedByReason)}`);
  if (c.failed > 0) lines.push(`failed: ${reasons(s.failedByReason)}`);
  const a = s.operations.analyze as { words?: number; lines?: number; markers?: number; readingMinutes?: number } | undefined;
  if (a) lines.push(`analyze: ${formatCount(a.words ?? 0)} words, ${formatCount(a.lines ?? 0)} lines, ${formatCount(a.markers ?? 0)} markers, ${formatDuration((a.readingMinutes ?? 0) * 60000)} reading`);
  for (const [id, n] of Object.entries(s.findings ?? {})) {
    if (id === 'analyze') continue; // its findings are its markers, counted above
    lines.push(`${id}: ${plural(n.error, 'error')}, ${plural(n.warning, 'warning')}, ${plural(n.info, 'note')}`);
  }
  return lines;
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Whether a file's first bytes are a report this tool wrote (any format), so a
 * report may replace an earlier one inside the analysed folders but never a document.
 */
export function isReportHead(head: Buffer): boolean {
  const text = head.toString('utf8');
  return (
    text.startsWith('{\n  "tool": "batch-ops"') ||
    text.startsWith(`{\n  "$schema": "${SARIF_SCHEMA}"`) ||
    text.startsWith('# Batch report\n') ||
    text.startsWith(CSV_COLUMNS.join(',') + '\r\n') ||
    /^FILE +STATUS +WORDS +LINES +READ +FLESCH +MARKERS +REASON\n/.test(text)
  );
}
