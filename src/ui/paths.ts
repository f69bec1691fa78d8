// Engine paths <-> editor URIs. File roots use file-system paths; non-file roots
// (virtual workspaces) use the URI's string form, which the engine treats as opaque.
import * as vscode from 'vscode';
import { isUriLike, rootPrefix } from './pathText';

export function pathOf(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

export function uriOf(p: string): vscode.Uri {
  return isUriLike(p) ? vscode.Uri.parse(p) : vscode.Uri.file(p);
}

/** True when `p` is `root` or inside it. */
export function isUnder(p: string, root: string): boolean {
  return underAny([root])(p);
}

/** A test for "is one of `roots` or inside one", with each root's prefix worked out once (it runs per result). */
export function underAny(roots: readonly string[]): (p: string) => boolean {
  const prefixes = roots.map((root) => rootPrefix(root).prefix);
  return (p) => {
    for (let i = 0; i < roots.length; i++) if (p === roots[i] || p.startsWith(prefixes[i]!)) return true;
    return false;
  };
}
