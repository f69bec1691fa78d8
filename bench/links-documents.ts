// The links operation's per-document phase alone, over every Markdown document
// of a folder in this process, and what it found, to compare two parsers:
//   node --import tsx bench/links-documents.ts DIR OUT.json   time it, write every result
//   node --import tsx bench/links-documents.ts --diff A.json B.json
// The diff lists (file, line, column, rule) findings, local links, anchors and
// web hosts present on one side only; empty output means identical results.
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createLinks, type LinksResult } from '../src/operations/links';
import { markdownUnder } from './links-compare';

interface Saved {
  readonly documents: number;
  readonly ms: number;
  readonly results: Record<string, LinksResult>;
}

/** One line per thing a result holds, to compare as sets. */
function facts(file: string, r: LinksResult): string[] {
  return [
    ...r.findings.map((f) => `${file}:${f.range.start.line}:${f.range.start.column}-${f.range.end.line}:${f.range.end.column} ${f.rule} ${f.message}`),
    ...r.links.map((l) => `${file}:${l[2]}:${l[3]} link ${JSON.stringify(l)}`),
    ...r.anchors.map((a, i) => `${file} anchor#${i} ${a}`),
    ...Object.entries(r.web).map(([host, n]) => `${file} web ${host} ${n}`),
  ];
}

function diff(a: Saved, b: Saved): void {
  const left = new Set(Object.entries(a.results).flatMap(([f, r]) => facts(f, r)));
  const right = new Set(Object.entries(b.results).flatMap(([f, r]) => facts(f, r)));
  const onlyLeft = [...left].filter((x) => !right.has(x));
  const onlyRight = [...right].filter((x) => !left.has(x));
  for (const x of onlyLeft) console.log(`- ${x}`);
  for (const x of onlyRight) console.log(`+ ${x}`);
  console.log(`${a.documents} / ${b.documents} documents; per-document phase ${a.ms.toFixed(0)} ms / ${b.ms.toFixed(0)} ms; ${onlyLeft.length} only in the first, ${onlyRight.length} only in the second`);
}

const [, , first, second, third] = process.argv;
if (first === '--diff') {
  if (second === undefined || third === undefined) throw new Error('usage: links-documents --diff <first.json> <second.json>');
  const read = (p: string): Saved => JSON.parse(readFileSync(p, 'utf8')) as Saved;
  diff(read(second), read(third));
} else {
  const dir = path.resolve(first ?? '/tmp/corpora/rfcs');
  const op = createLinks({});
  const files = markdownUnder(dir, op.accepts);
  const documents = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const t0 = performance.now();
  const results = documents.map(({ file, text }) => ({ file, result: op.finish(op.map({ text, start: 0, end: text.length, overlap: 0, line: 1, last: true })) }));
  const ms = performance.now() - t0;
  console.log(`${files.length} documents: per-document phase ${ms.toFixed(0)} ms (${(ms / files.length).toFixed(2)} ms/document)`);
  if (second) {
    const saved: Saved = { documents: files.length, ms, results: Object.fromEntries(results.map(({ file, result }) => [path.relative(dir, file), result])) };
    writeFileSync(second, JSON.stringify(saved));
  }
}
