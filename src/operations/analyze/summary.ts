// Totals over documents: the summary fold (one result at a time, mergeable
// across workers) and summarize() through it.
import type { SummaryFold } from '../operation';
import { round } from './finish';
import { WORDS_PER_MINUTE, type AnalyzeResult, type AnalyzeSummary } from './types';

interface SummaryAcc {
  documents: number;
  lines: number;
  words: number;
  characters: number;
  bytes: number;
  sentences: number;
  markers: number;
  headings: number;
  englishDocuments: number;
  fleschSum: number;
  mostWords: number;
  byTag: Map<string, number>;
}

export const summaryFold: SummaryFold<AnalyzeResult, AnalyzeSummary, SummaryAcc> = {
  start: (): SummaryAcc => ({ documents: 0, lines: 0, words: 0, characters: 0, bytes: 0, sentences: 0, markers: 0, headings: 0, englishDocuments: 0, fleschSum: 0, mostWords: -1, byTag: new Map() }),
  add(a: SummaryAcc, r: AnalyzeResult): SummaryAcc {
    a.documents++;
    a.lines += r.lines;
    a.words += r.words;
    a.characters += r.characters;
    a.bytes += r.bytes;
    a.sentences += r.sentences;
    a.markers += r.markerCount;
    a.headings += r.headingCount;
    for (const tag in r.markersByTag) a.byTag.set(tag, (a.byTag.get(tag) ?? 0) + r.markersByTag[tag]!);
    if (r.language === 'en' && r.fleschReadingEase !== undefined) {
      a.englishDocuments++;
      a.fleschSum += r.fleschReadingEase;
    }
    if (r.words > a.mostWords) a.mostWords = r.words;
    return a;
  },
  brief: {
    // [lines, words, characters, bytes, sentences, markers, headings, the Flesch
    // score of an English document (false for any other), markers by tag when there
    // are any]: what add() reads. The score goes through JSON as in the result's own
    // text, so a brief folds as that text parsed would.
    of(r: AnalyzeResult): string {
      const flesch = r.language === 'en' && r.fleschReadingEase !== undefined ? r.fleschReadingEase : false;
      const brief: unknown[] = [r.lines, r.words, r.characters, r.bytes, r.sentences, r.markerCount, r.headingCount, flesch];
      for (const _tag in r.markersByTag) {
        brief.push(r.markersByTag);
        break;
      }
      return JSON.stringify(brief);
    },
    add(a: SummaryAcc, text: string): SummaryAcc {
      const b = JSON.parse(text) as [number, number, number, number, number, number, number, number | null | false, Record<string, number>?];
      a.documents++;
      a.lines += b[0];
      a.words += b[1];
      a.characters += b[2];
      a.bytes += b[3];
      a.sentences += b[4];
      a.markers += b[5];
      a.headings += b[6];
      const byTag = b[8];
      if (byTag) for (const tag in byTag) a.byTag.set(tag, (a.byTag.get(tag) ?? 0) + byTag[tag]!);
      if (b[7] !== false) {
        a.englishDocuments++;
        a.fleschSum += b[7] ?? 0;
      }
      if (b[1] > a.mostWords) a.mostWords = b[1];
      return a;
    },
  },
  merge(a: SummaryAcc, b: SummaryAcc): SummaryAcc {
    a.documents += b.documents;
    a.lines += b.lines;
    a.words += b.words;
    a.characters += b.characters;
    a.bytes += b.bytes;
    a.sentences += b.sentences;
    a.markers += b.markers;
    a.headings += b.headings;
    for (const [tag, n] of b.byTag) a.byTag.set(tag, (a.byTag.get(tag) ?? 0) + n);
    a.englishDocuments += b.englishDocuments;
    a.fleschSum += b.fleschSum;
    if (b.mostWords > a.mostWords) a.mostWords = b.mostWords;
    return a;
  },
  end(a: SummaryAcc): AnalyzeSummary {
    const summary: AnalyzeSummary = {
      documents: a.documents,
      lines: a.lines,
      words: a.words,
      characters: a.characters,
      bytes: a.bytes,
      sentences: a.sentences,
      readingMinutes: a.words / WORDS_PER_MINUTE,
      markers: a.markers,
      markersByTag: Object.fromEntries(a.byTag),
      headings: a.headings,
      englishDocuments: a.englishDocuments,
    };
    return {
      ...summary,
      ...(a.englishDocuments > 0 ? { averageFlesch: round(a.fleschSum / a.englishDocuments, 1) } : {}),
      ...(a.documents > 0 ? { longestDocument: { words: a.mostWords } } : {}),
    };
  },
};

export function summarizeResults(results: Iterable<AnalyzeResult>): AnalyzeSummary {
  let acc = summaryFold.start();
  for (const r of results) acc = summaryFold.add(acc, r);
  return summaryFold.end(acc);
}
