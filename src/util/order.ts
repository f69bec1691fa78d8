// Code-unit order: how every list of paths, names, ids and keys is sorted here (the
// walk, reports, findings, the views). It is what `<` does on strings: the same on
// every machine and in every locale, unlike localeCompare, so two runs over one tree
// give byte-identical reports.

/** -1, 0 or 1: a before, equal to or after b in UTF-16 code-unit order. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Items by their path, in code-unit order. */
export function byPath(a: { readonly path: string }, b: { readonly path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** [key, value] pairs by key, in code-unit order. */
export function byKey(a: readonly [string, unknown], b: readonly [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
