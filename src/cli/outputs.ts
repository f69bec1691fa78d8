// The files a command-line run writes (--out, --cache), checked before the run
// so a bad path is a usage error at once, not a stack trace after the work.
import { cacheTarget } from '../engine/cache/cache-file';
import { checkWriteTarget, type WriteRefusal } from '../engine/write/atomic-write';
import type { ReportTarget } from '../engine/write/write-target';
import { isReportHead } from '../report/format';

export interface RunOutputs {
  readonly roots: readonly string[];
  readonly out?: string;
  readonly cacheFile?: string;
}

export function reportTarget(o: RunOutputs & { readonly out: string }): ReportTarget {
  return { kind: 'report', path: o.out, inputRoots: o.roots, recognise: isReportHead, otherOutputs: o.cacheFile ? [o.cacheFile] : [] };
}

/** What to tell the user before the run: a usage error (exit 2), or that the cache will be read but not saved. */
export type OutputsVerdict =
  | { readonly kind: 'ok'; readonly cacheReadOnly: boolean }
  | { readonly kind: 'usage-error'; readonly message: string };

export function checkOutputs(o: RunOutputs): OutputsVerdict {
  if (o.out !== undefined) {
    const r = checkWriteTarget(reportTarget({ ...o, out: o.out }));
    if (r.kind === 'refused') return { kind: 'usage-error', message: `--out ${refusalAdvice(r)}` };
  }
  let cacheReadOnly = false;
  if (o.cacheFile !== undefined) {
    const r = checkWriteTarget(cacheTarget(o.cacheFile, o.out !== undefined ? [o.out] : []));
    // A read-only cache is a choice (a prepared cache in CI): it is read, and not saved.
    if (r.kind === 'refused' && r.reason === 'read-only') cacheReadOnly = true;
    else if (r.kind === 'refused') return { kind: 'usage-error', message: `--cache ${refusalAdvice(r)}` };
  }
  return { kind: 'ok', cacheReadOnly };
}

/** The refusal, and what to do about it, in one line. */
export function refusalAdvice(r: WriteRefusal): string {
  switch (r.reason) {
    case 'is-input-document':
      return `would overwrite a document of this run: ${r.detail}; choose a path outside the analysed folders or a new file`;
    case 'not-a-cache-file':
      return `would overwrite a file that is not a cache: ${r.detail}; choose a new file or remove it first`;
    case 'same-as-other-output':
      return `names the same file as the other output: ${r.detail}; give --out and --cache different files`;
    case 'missing-folder':
      return `cannot be written: ${r.detail}; create it first`;
    case 'is-a-directory':
      return `cannot be written: ${r.detail}; give a file name`;
    default:
      return `cannot be written: ${r.detail}`;
  }
}
