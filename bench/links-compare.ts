// Our links checker and remark-validate-links over one folder, in this
// process, as comparable findings: the peer's three kinds, a file relative to
// the folder, and the lines a finding covers. Used by the peer unit test and
// by bench/links-peer.mjs (the corpus comparison).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { engine, type Options as EngineOptions } from 'unified-engine';
import { remark } from 'remark';
import remarkValidateLinks from 'remark-validate-links';
import type { TargetProbe } from '../src/operations/operation';
import { createLinks, type LinksFacts, type LinksRule } from '../src/operations/links';

/** The peer's rule ids; ours map onto them. */
export type PeerKind = 'missing-file' | 'missing-heading' | 'missing-heading-in-file';

export interface ComparableFinding {
  /** Relative to the folder, '/'-separated. */
  readonly file: string;
  readonly kind: PeerKind;
  readonly line: number;
  /** The last line of the node the finding is on (the peer reports whole links). */
  readonly endLine: number;
  readonly message: string;
}

const KIND_OF_OURS: Partial<Record<LinksRule, PeerKind>> = {
  'missing-file': 'missing-file',
  'case-mismatch': 'missing-file',
  'missing-fragment': 'missing-heading',
  'missing-fragment-in-file': 'missing-heading-in-file',
};

const SKIP_DIRS = new Set(['.git', 'node_modules']);

/** The Markdown documents under dir, as the peer's engine finds them (md, markdown, mdx; .git and node_modules left out). */
export function markdownUnder(dir: string, accepts: (p: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(p);
      } else if (accepts(p)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

const fsProbe: TargetProbe = {
  kind: async (p) => {
    try {
      return statSync(p).isDirectory() ? 'directory' : 'file';
    } catch {
      return 'missing';
    }
  },
  list: async (d) => {
    try {
      return readdirSync(d);
    } catch {
      return undefined;
    }
  },
};

export interface OurRun {
  readonly findings: ComparableFinding[];
  /** Findings of rules the peer does not have (references, definitions). */
  readonly otherFindings: number;
  readonly documents: number;
  /** Reading and the per-document phase (one parse per document), milliseconds. */
  readonly perDocumentMs: number;
  readonly resolveMs: number;
}

/** Our operation over every Markdown document under dir, the folder being the workspace root. */
export async function runOurs(dir: string): Promise<OurRun> {
  const op = createLinks({});
  const files = markdownUnder(dir, op.accepts);
  const t0 = performance.now();
  const results = files.map((file) => {
    const text = readFileSync(file, 'utf8');
    return { file, result: op.finish(op.map({ text, start: 0, end: text.length, overlap: 0, line: 1, last: true })) };
  });
  const t1 = performance.now();
  const resolver = op.workspace!.createResolver(fsProbe);
  for (const { file, result } of results) resolver.set(file, dir, op.workspace!.facts(result) as LinksFacts);
  const resolved = await resolver.resolve();
  const t2 = performance.now();
  const findings: ComparableFinding[] = [];
  let otherFindings = 0;
  for (const { file, result } of results) {
    for (const f of [...result.findings, ...(resolved.get(file) ?? [])]) {
      const kind = KIND_OF_OURS[f.rule as LinksRule];
      if (!kind) {
        otherFindings++;
        continue;
      }
      findings.push({ file: path.relative(dir, file).split(path.sep).join('/'), kind, line: f.range.start.line, endLine: f.range.end.line, message: `${f.rule}: ${f.message}` });
    }
  }
  return { findings, otherFindings, documents: files.length, perDocumentMs: t1 - t0, resolveMs: t2 - t1 };
}

/** remark-validate-links over every Markdown document under dir, as `remark --use remark-validate-links=repository:false dir` runs it. */
export function runPeer(dir: string): Promise<ComparableFinding[]> {
  return new Promise((resolve, reject) => {
    engine(
      {
        processor: remark(),
        files: [dir],
        cwd: dir,
        extensions: ['md', 'markdown', 'mdx'],
        // The plugin's own options type is narrower than the engine's generic plugin tuple.
        plugins: [[remarkValidateLinks, { repository: false }]] as unknown as EngineOptions['plugins'],
        out: false,
        color: false,
        reporter: () => '',
        ignoreName: '.remarkignore',
      },
      (error, _code, context) => {
        if (error) return reject(error);
        const out: ComparableFinding[] = [];
        for (const file of context?.files ?? []) {
          for (const m of file.messages) {
            if (!m.source?.startsWith('remark-validate-links')) continue;
            const place = m.place && 'start' in m.place ? m.place : undefined;
            const line = place ? place.start.line : (m.line ?? 0);
            out.push({
              file: path.relative(dir, path.resolve(file.cwd, file.path)).split(path.sep).join('/'),
              kind: m.ruleId as PeerKind,
              line,
              endLine: place ? place.end.line : line,
              message: m.reason,
            });
          }
        }
        resolve(out);
      },
    );
  });
}

export interface Differences {
  /** Peer findings none of ours matches (same file and kind, our line within the peer's node). */
  readonly onlyPeer: ComparableFinding[];
  readonly onlyOurs: ComparableFinding[];
}

export function compareFindings(ours: readonly ComparableFinding[], peer: readonly ComparableFinding[]): Differences {
  const matched = new Set<ComparableFinding>();
  const onlyPeer: ComparableFinding[] = [];
  for (const p of peer) {
    const m = ours.find((o) => !matched.has(o) && o.file === p.file && o.kind === p.kind && o.line >= p.line && o.line <= p.endLine);
    if (m) matched.add(m);
    else onlyPeer.push(p);
  }
  return { onlyPeer, onlyOurs: ours.filter((o) => !matched.has(o)) };
}
