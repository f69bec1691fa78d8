// "Fix All in Workspace / in Folder", decided without the editor: which findings'
// fixes go into the one WorkspaceEdit, under which label (one group per rule, so
// the refactor preview lists them by rule), which documents are left out because
// their content is no longer what was analysed, and which documents to save after.
import * as crypto from 'node:crypto';
import type { Finding, RuleInfo, TextEdit } from '../../operations/findings';
import { applyEdits } from '../../operations/edits';
import { fixable, mergeFixes, sameContent } from './fixes';

/** A document's content now, as the hash check needs it: an open editor's buffer, or the file's bytes. */
export type CurrentContent =
  | { readonly kind: 'buffer'; readonly text: string }
  | { readonly kind: 'file'; readonly bytes: Uint8Array }
  /** Gone, or unreadable. */
  | { readonly kind: 'missing' };

/** An edit of the fix-all edit with the label of the rule it fixes. */
export interface LabelledEdit {
  readonly edit: TextEdit;
  readonly label: string;
}

export interface FixAllDocument {
  readonly path: string;
  /** Sorted, non-overlapping: the fixes mergeFixes takes for the document. */
  readonly edits: readonly LabelledEdit[];
  /** How many findings those edits fix. */
  readonly problems: number;
}

export interface FixAllPlan {
  readonly documents: readonly FixAllDocument[];
  /** Documents with fixes whose content changed since they were analysed: analysed again, not edited. */
  readonly stale: readonly string[];
  readonly problems: number;
}

/**
 * The label of a rule's group in the refactor preview: markdownlint's own
 * "MD009/no-trailing-spaces: Trailing spaces" for a rule whose name is an alias,
 * "Broken fragment (broken-fragment)" for one with a name for people, the
 * operation and rule ids when the rule is not described.
 */
export function fixGroupLabel(info: RuleInfo | undefined, operation: string, rule: string): string {
  if (!info) return `${operation}/${rule}`;
  if (/\s/.test(info.name)) return `${info.name} (${rule})`;
  return `${rule}${info.name === rule ? '' : `/${info.name}`}: ${info.description}`;
}

/** Whether a document's current content is the content its outcome was computed from (hash as the engine's: SHA-1 of the bytes). */
export function isAnalysedContent(analysedHash: string | undefined, current: CurrentContent): boolean {
  if (analysedHash === undefined) return false;
  if (current.kind === 'missing') return false;
  if (current.kind === 'buffer') return sameContent(analysedHash, current.text);
  return crypto.createHash('sha1').update(current.bytes).digest('hex') === analysedHash;
}

/**
 * The fix-all plan: the fixable findings of documents in scope, per document
 * merged without overlaps (a fix that collides with another waits for the next
 * run), each edit labelled by its rule; a document whose content check fails goes
 * to `stale` instead.
 * @param findings every finding of the window (FindingsStore.all())
 * @param inScope whether a document is in the workspace or folder being fixed
 * @param analysed whether a document's current content is what was analysed (isAnalysedContent)
 */
export function planFixAll(
  findings: readonly Finding[],
  inScope: (path: string) => boolean,
  analysed: (path: string) => boolean,
  ruleInfo: (operation: string, rule: string) => RuleInfo | undefined,
  /** The group a finding's edits go in (default: its rule's, fixGroupLabel). */
  labelOf: (f: Finding) => string = (f) => fixGroupLabel(ruleInfo(f.operation, f.rule), f.operation, f.rule),
): FixAllPlan {
  const byPath = new Map<string, Finding[]>();
  for (const f of fixable(findings)) {
    if (!inScope(f.file)) continue;
    let list = byPath.get(f.file);
    if (!list) byPath.set(f.file, (list = []));
    list.push(f);
  }
  const documents: FixAllDocument[] = [];
  const stale: string[] = [];
  let problems = 0;
  for (const path of [...byPath.keys()].sort()) {
    if (!analysed(path)) {
      stale.push(path);
      continue;
    }
    const { applied } = mergeFixes(fixable(byPath.get(path)!));
    const edits: LabelledEdit[] = [];
    for (const f of applied) {
      const label = labelOf(f);
      for (const edit of f.fix.edits) edits.push({ edit, label });
    }
    edits.sort((a, b) => a.edit.range.start.line - b.edit.range.start.line || a.edit.range.start.column - b.edit.range.start.column);
    documents.push({ path, edits, problems: applied.length });
    problems += applied.length;
  }
  return { documents, stale, problems };
}

/**
 * The documents to save after the edit is applied, in batches: those it touched
 * that had no unsaved changes before (the edit opened them, or they were clean);
 * a document the user was editing keeps its unsaved changes, fixes included.
 */
export function documentsToSave(touched: readonly string[], dirtyBefore: ReadonlySet<string>, batchSize = 50): string[][] {
  const save = touched.filter((p) => !dirtyBefore.has(p));
  const batches: string[][] = [];
  for (let i = 0; i < save.length; i += batchSize) batches.push(save.slice(i, i + batchSize));
  return batches;
}

/** What the user applied of a plan in the refactor preview, where they may untick rules or files. */
export interface AppliedFixes {
  /** Documents every fix of which was applied, and the problems those fixes fix. */
  readonly documents: number;
  readonly problems: number;
  /** Documents only some of whose fixes were applied. */
  readonly partly: number;
}

/** Nothing applied: the preview discarded, or nothing to fix. */
export const NOTHING_APPLIED: AppliedFixes = { documents: 0, problems: 0, partly: 0 };

/**
 * Counts what the edit changed, document by document, from each document's text
 * before and after (undefined: not known, or not open after the edit, which leaves
 * unticked files closed). Line endings are compared as one: the editor writes an
 * inserted line break as the document's own.
 */
export function appliedFixes(plan: FixAllPlan, before: (path: string) => string | undefined, after: (path: string) => string | undefined): AppliedFixes {
  let documents = 0;
  let problems = 0;
  let partly = 0;
  const lf = (text: string) => text.replace(/\r\n?/g, '\n');
  for (const doc of plan.documents) {
    const was = before(doc.path);
    const now = after(doc.path);
    if (was === undefined || now === undefined) continue;
    const is = lf(now);
    if (is === lf(was)) continue;
    if (is === lf(applyEdits(was, doc.edits.map((e) => e.edit)))) {
      documents++;
      problems += doc.problems;
    } else partly++;
  }
  return { documents, problems, partly };
}
