// What the result cache holds per document, shared by the cache and its file.
import type { OperationResults } from '../types';
import { bytesAt } from '../../util/bytes';

export interface CacheEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  /** The results, or undefined until `json` (as loaded from a file) is first read. */
  results?: OperationResults;
  /**
   * The results as JSON text, parsed only when something reads them (see
   * entryResults): as an executor made them, or still in a loaded file's bytes.
   */
  json?: string | SavedJson;
  /**
   * The result's brief for its operation's summary fold (SummaryFold.brief), when
   * the operation has one: a warm run folds it instead of parsing `json`.
   */
  readonly brief?: string | SavedJson;
  /** Approximate bytes this entry costs (computed where the result was made). */
  readonly cost: number;
}

/**
 * An entry's results. Loading a saved cache keeps each entry's results as text:
 * a warm run over unchanged files then costs a split per entry, not a parse.
 */
export function entryResults(entry: CacheEntry): OperationResults {
  if (entry.results === undefined) {
    entry.results = JSON.parse(entry.json ? jsonText(entry.json) : '{}') as OperationResults;
    entry.json = undefined;
  }
  return entry.results;
}

/**
 * An entry's results for one look (a summary's fold): parsed from the text when
 * they are not parsed yet, but not kept, and the text stays: a report then copies
 * the text, and the objects are garbage at once instead of living to the end.
 */
export function peekResults(entry: CacheEntry): OperationResults {
  return entry.results ?? (JSON.parse(entry.json ? jsonText(entry.json) : '{}') as OperationResults);
}

/**
 * Which of a document's entries (one per operation, each `{"id":…}` as the run
 * writes it) holds operation `id`'s results, found by the text's first key
 * without parsing it; undefined when none does. An entry whose text starts some
 * other way (none the engine writes) is parsed to find out.
 */
export function entryOf(entries: readonly CacheEntry[], id: string): CacheEntry | undefined {
  const head = entryHead(id);
  let unsure = false;
  for (const e of entries) {
    if (e.json === undefined) {
      if (e.results !== undefined && id in e.results) return e;
      continue;
    }
    if (jsonStarts(e.json, head)) return e;
    unsure ||= !jsonStarts(e.json, OBJECT_KEY);
  }
  return unsure ? entries.find((e) => id in entryResults(e)) : undefined;
}

/** Whether an entry's JSON holds operation `id`'s results, by its first key (as the run writes entries). */
export function entryIs(json: string | SavedJson, id: string): boolean {
  return jsonStarts(json, entryHead(id));
}

/** The start of an entry's JSON, as text and as UTF-8 bytes. */
interface JsonHead {
  readonly text: string;
  readonly bytes: Buffer;
}

/** What every entry the engine writes starts with: an object and its first key. */
const OBJECT_KEY: JsonHead = { text: '{"', bytes: Buffer.from('{"', 'latin1') };

function jsonStarts(json: string | SavedJson, head: JsonHead): boolean {
  if (typeof json === 'string') return json.startsWith(head.text);
  return json.end - json.start >= head.bytes.length && bytesAt(json.bytes, json.start, head.bytes);
}

/** `{"id":` per operation id. */
const heads = new Map<string, JsonHead>();
function entryHead(id: string): JsonHead {
  let head = heads.get(id);
  if (head === undefined) {
    const text = `{${JSON.stringify(id)}:`;
    heads.set(id, (head = { text, bytes: Buffer.from(text, 'utf8') }));
  }
  return head;
}

export function jsonText(json: string | SavedJson): string {
  return typeof json === 'string' ? json : json.bytes.toString('utf8', json.start, json.end);
}

/**
 * Results still in the bytes of a loaded cache file (UTF-8 JSON). Three fields,
 * not a Buffer view per entry: a view cost several times the memory and time.
 */
export class SavedJson {
  constructor(
    readonly bytes: Buffer,
    readonly start: number,
    readonly end: number,
  ) {}
}
