// SARIF 2.1.0, as GitHub code scanning and other CI tools read it: one run per
// operation (its tool.driver names the operation's rules, with help links),
// results with ruleId, level, message, a physical location relative to the
// workspace folder it belongs to (uriBaseId ROOTn), related locations and fixes.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, RuleInfo, Severity, TextRange } from '../operations/findings';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/batch-operations/batch-operations';

/** An operation as SARIF needs it: its id and its rules. */
export interface SarifOperation {
  readonly id: string;
  readonly version: number;
  readonly rules: readonly RuleInfo[];
}

export interface SarifOptions {
  /** The workspace folders, for locations relative to one of them. */
  readonly roots: readonly string[];
  /** The tool's version (the driver's semanticVersion). */
  readonly toolVersion: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** The SARIF log of a run's findings, as a JSON text. */
export function formatSarif(findings: readonly Finding[], operations: readonly SarifOperation[], options: SarifOptions): string {
  const roots = options.roots.map((r) => path.resolve(r));
  const bases = Object.fromEntries(roots.map((r, i) => [`ROOT${i}`, { uri: pathToFileURL(r.endsWith(path.sep) ? r : r + path.sep).href }]));
  const byOperation = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = byOperation.get(f.operation);
    if (!list) byOperation.set(f.operation, (list = []));
    list.push(f);
  }
  const runs = operations.map((op) => {
    const ruleIndex = new Map<string, number>();
    const rules = op.rules.map((r, i) => {
      ruleIndex.set(r.id, i);
      return {
        id: r.id,
        name: pascal(r.name),
        shortDescription: { text: r.name },
        fullDescription: { text: r.description },
        ...(r.helpUri ? { helpUri: r.helpUri } : {}),
        defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
      };
    });
    const results = (byOperation.get(op.id) ?? []).map((f) => {
      const index = ruleIndex.get(f.rule);
      return {
        ruleId: f.rule,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: physical(f.file, f.range, roots) }],
        ...(f.related && f.related.length > 0
          ? { relatedLocations: f.related.map((r, id) => ({ id, physicalLocation: physical(r.file, r.range, roots), ...(r.message ? { message: { text: r.message } } : {}) })) }
          : {}),
        ...(f.fix
          ? {
              fixes: [
                {
                  description: { text: f.fix.description },
                  artifactChanges: [
                    {
                      artifactLocation: artifact(f.file, roots),
                      replacements: f.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                    },
                  ],
                },
              ],
            }
          : {}),
      };
    });
    return {
      tool: { driver: { name: `batch-ops ${op.id}`, semanticVersion: options.toolVersion, informationUri: INFORMATION_URI, rules } },
      originalUriBaseIds: bases,
      columnKind: 'utf16CodeUnits',
      results,
    };
  });
  return JSON.stringify({ $schema: SARIF_SCHEMA, version: '2.1.0', runs }, null, 2) + '\n';
}

function physical(file: string, range: TextRange | undefined, roots: readonly string[]) {
  return { artifactLocation: artifact(file, roots), ...(range ? { region: region(range) } : {}) };
}

/** A path relative to the deepest root that holds it, as a URI reference with that root's base id; else an absolute file URI. */
function artifact(file: string, roots: readonly string[]): { uri: string; uriBaseId?: string } {
  let best = -1;
  roots.forEach((r, i) => {
    const rel = path.relative(r, file);
    if (!rel.startsWith('..') && !path.isAbsolute(rel) && (best < 0 || r.length > roots[best]!.length)) best = i;
  });
  if (best < 0) return { uri: pathToFileURL(file).href };
  const rel = path.relative(roots[best]!, file).split(path.sep).map(encodeURIComponent).join('/');
  return { uri: rel, uriBaseId: `ROOT${best}` };
}

function region(r: TextRange) {
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

/** SARIF's rule name is an identifier-like word: "Broken fragment" -> "BrokenFragment". */
function pascal(name: string): string {
  return name.replace(/(^|[^\p{L}\p{N}]+)(\p{L}|\p{N})/gu, (_m, _sep, ch: string) => ch.toUpperCase()).replace(/[^\p{L}\p{N}]/gu, '');
}
