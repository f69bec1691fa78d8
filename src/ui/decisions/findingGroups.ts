// The Results view's and the figures' view of findings, without the editor: a
// finding's label, rule names, the grouping by rule ("Broken fragment (12)" ->
// documents -> findings) and the counts per operation.
import type { Finding, RuleInfo } from '../../operations/findings';
import { byKey, compareCodeUnits } from '../../util/order';

/** An operation's rules (from its registry entry); empty when it declares none. */
export type RulesOf = (operation: string) => readonly RuleInfo[];

/** A finding in a list under its document: "line:column message". */
export function findingLabel(f: Finding): string {
  return `${f.range.start.line}:${f.range.start.column} ${f.message}`;
}

/** A rule's name for people: its RuleInfo name, else its id. */
export function ruleName(rulesOf: RulesOf, operation: string, rule: string): string {
  return ruleInfo(rulesOf, operation, rule)?.name ?? rule;
}

export function ruleInfo(rulesOf: RulesOf, operation: string, rule: string): RuleInfo | undefined {
  return rulesOf(operation).find((r) => r.id === rule);
}

export interface DocumentFindings {
  readonly path: string;
  /** Sorted by position. */
  readonly findings: readonly Finding[];
}

export interface RuleGroup {
  /** 'operation/rule': unique across operations. */
  readonly key: string;
  readonly operation: string;
  readonly rule: string;
  readonly name: string;
  readonly count: number;
  /** Sorted by path. */
  readonly documents: readonly DocumentFindings[];
}

/** "Broken fragment (12)". */
export function ruleGroupLabel(g: RuleGroup, formatCount: (n: number) => string = String): string {
  return `${g.name} (${formatCount(g.count)})`;
}

/** Findings (sorted by file, then position, as FindingsStore.all() gives them) by rule, then document; groups by name. */
export function groupByRule(findings: readonly Finding[], rulesOf: RulesOf): RuleGroup[] {
  const groups = new Map<string, { operation: string; rule: string; byPath: Map<string, Finding[]> }>();
  for (const f of findings) {
    const key = `${f.operation}/${f.rule}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { operation: f.operation, rule: f.rule, byPath: new Map() }));
    let list = g.byPath.get(f.file);
    if (!list) g.byPath.set(f.file, (list = []));
    list.push(f);
  }
  const out: RuleGroup[] = [];
  for (const [key, g] of groups) {
    const documents = [...g.byPath].sort(byKey).map(([path, list]) => ({ path, findings: list }));
    const count = documents.reduce((n, d) => n + d.findings.length, 0);
    out.push({ key, operation: g.operation, rule: g.rule, name: ruleName(rulesOf, g.operation, g.rule), count, documents });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || compareCodeUnits(a.key, b.key));
}

/**
 * Findings per operation, kept up to date one document at a time (the store says
 * which documents changed): the status bar and the Run view read it four times a
 * second during a run, so it never walks every finding.
 */
export class FindingCounts {
  private readonly byPath = new Map<string, ReadonlyMap<string, number>>();
  private readonly totals = new Map<string, number>();

  constructor(private readonly findingsOf: (path: string) => readonly Finding[]) {}

  /** These documents' findings changed. */
  update(paths: Iterable<string>): void {
    for (const p of paths) {
      const old = this.byPath.get(p);
      if (old) for (const [op, n] of old) this.add(op, -n);
      const now = new Map<string, number>();
      for (const f of this.findingsOf(p)) now.set(f.operation, (now.get(f.operation) ?? 0) + 1);
      if (now.size > 0) this.byPath.set(p, now);
      else this.byPath.delete(p);
      for (const [op, n] of now) this.add(op, n);
    }
  }

  /** A document's findings, every operation. */
  countOf(path: string): number {
    let n = 0;
    for (const v of this.byPath.get(path)?.values() ?? []) n += v;
    return n;
  }

  /** The operations with findings (at the user's severities: an operation whose findings are all 'off' is not among them). */
  operations(): IterableIterator<string> {
    return this.totals.keys();
  }

  /** Operation id -> findings, operations sorted by id, those with none left out. */
  byOperation(): [string, number][] {
    return [...this.totals].sort(byKey);
  }

  get total(): number {
    let n = 0;
    for (const v of this.totals.values()) n += v;
    return n;
  }

  private add(op: string, n: number): void {
    const v = (this.totals.get(op) ?? 0) + n;
    if (v === 0) this.totals.delete(op);
    else this.totals.set(op, v);
  }
}

/** "analyze 4 · links 12", for a tooltip line; empty when there are none. */
export function findingsByOperationText(byOperation: readonly (readonly [string, number])[], formatCount: (n: number) => string = String): string {
  return byOperation.map(([op, n]) => `${op} ${formatCount(n)}`).join(' · ');
}
