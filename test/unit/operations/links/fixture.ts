// Helpers for the links tests: the fixture workspace, a probe backed by the
// real file system, and the operation driven through its Operation interface.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentFinding } from '../../../../src/operations/findings';
import type { Chunk, TargetProbe } from '../../../../src/operations/operation';
import { createLinks, type LinksResult } from '../../../../src/operations/links';

export const FIXTURE = path.resolve(__dirname, '../../../fixtures/links');

/** What is on disk, as the engine's probe would say it. */
export const fsProbe: TargetProbe = {
  kind: async (p) => {
    try {
      return statSync(p).isDirectory() ? 'directory' : 'file';
    } catch {
      return 'missing';
    }
  },
  list: async (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return undefined;
    }
  },
};

/** The chunks of text cut at `cuts` (offsets), each with `overlap` characters of context from before it. */
export function chunksOf(text: string, cuts: readonly number[], overlap = 0): Chunk[] {
  const ends = [...cuts, text.length];
  const chunks: Chunk[] = [];
  let own = 0; // where the chunk's own text starts: the previous chunk's end
  for (const [i, end] of ends.entries()) {
    const start = Math.max(0, own - overlap);
    chunks.push({
      text: text.slice(start, end),
      start,
      end,
      overlap: own - start,
      line: text.slice(0, own).split('\n').length,
      last: i === ends.length - 1,
    });
    own = end;
  }
  return chunks;
}

/** The result of `text` through map/combine/finish, fed as `chunks`. */
export function runDocument(op: ReturnType<typeof createLinks>, chunks: readonly Chunk[]): LinksResult {
  let acc = op.empty();
  for (const c of chunks) acc = op.combine(acc, op.map(c));
  return op.finish(acc);
}

/** Every Markdown document of the fixture (absolute paths). */
export function markdownFiles(dir: string, accepts: (p: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...markdownFiles(p, accepts));
    else if (accepts(p)) out.push(p);
  }
  return out.sort();
}

export function readText(p: string): string {
  return readFileSync(p, 'utf8');
}

/** A finding in one line: rule line:column-line:column, for exact comparisons. */
export function brief(f: DocumentFinding): string {
  return `${f.rule} ${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column}`;
}
