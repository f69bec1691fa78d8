// Engine paths as text, without the editor (so editor-free modules and their unit
// tests can use it): file roots are file-system paths; non-file roots (virtual
// workspaces) are a URI's string form, whose separator is always '/'.
import * as path from 'node:path';

const URI_LIKE = /^[a-z][\w+.-]+:\/\//i;

/** Whether `p` is a URI's string form rather than a file-system path. */
export function isUriLike(p: string): boolean {
  return URI_LIKE.test(p);
}

/** A root's separator, and what every path below it starts with. */
export function rootPrefix(root: string): { readonly sep: string; readonly prefix: string } {
  const sep = isUriLike(root) ? '/' : path.sep;
  return { sep, prefix: root.endsWith(sep) ? root : root + sep };
}
