// Where a run's text comes from besides the disk walk: unsaved editor buffers
// (overrides), non-file roots (workspace.findFiles + workspace.fs), and an explicit
// list of files (re-processing saved documents).
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Candidate, DiscoverOptions, DiscoveryItem } from '../engine/index';
import type { EngineModuleType } from './engineLoader';
import { pathOf, uriOf } from './paths';
import { MiB, SETTINGS } from '../settings/table';

/** Open documents with unsaved changes, by engine path. */
export function dirtyOverrides(): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && !doc.isClosed) out.set(pathOf(doc.uri), doc.getText());
  }
  return out;
}

export interface RunInput {
  readonly roots: string[];
  readonly source?: AsyncIterable<DiscoveryItem[]>;
  readonly contentProvider?: (p: string) => Promise<Uint8Array>;
}

const readVirtual = async (p: string): Promise<Uint8Array> => {
  const uri = uriOf(p);
  if (uri.scheme === 'file') throw new Error('read from disk');
  return vscode.workspace.fs.readFile(uri);
};

/** Roots as the engine takes them; a discovery source when any root is not on the file system. */
export function inputForRoots(engine: EngineModuleType, roots: readonly vscode.Uri[], options: Omit<DiscoverOptions, 'signal'>, signal: AbortSignal): RunInput {
  const paths = roots.map(pathOf);
  if (roots.every((r) => r.scheme === 'file')) return { roots: paths };
  async function* source(): AsyncGenerator<DiscoveryItem[]> {
    let seq = 0;
    for (const root of roots) {
      if (signal.aborted) return;
      if (root.scheme === 'file') {
        yield* engine.discover([root.fsPath], { ...options, signal });
        continue;
      }
      yield* virtualRoot(root, options, () => seq++, signal);
    }
  }
  return { roots: paths, source: source(), contentProvider: readVirtual };
}

async function* virtualRoot(root: vscode.Uri, options: Omit<DiscoverOptions, 'signal'>, nextSeq: () => number, signal: AbortSignal): AsyncGenerator<DiscoveryItem[]> {
  const include = options.include && options.include.length > 0 ? `{${options.include.join(',')}}` : '**/*';
  const exclude = options.exclude && options.exclude.length > 0 ? `{${options.exclude.join(',')}}` : null;
  const rootPath = pathOf(root);
  let uris: vscode.Uri[];
  try {
    uris = await vscode.workspace.findFiles(new vscode.RelativePattern(root, include), exclude);
  } catch (err) {
    yield [{ type: 'warning', path: rootPath, message: `cannot list ${rootPath}: ${err instanceof Error ? err.message : String(err)}` }];
    return;
  }
  const max = options.maxFileSize ?? SETTINGS.maxFileSize.default * MiB;
  let batch: DiscoveryItem[] = [];
  for (const uri of uris) {
    if (signal.aborted) return;
    const p = pathOf(uri);
    try {
      const st = await vscode.workspace.fs.stat(uri);
      if (st.type & vscode.FileType.Directory) continue;
      const base = { path: p, root: rootPath, size: st.size, mtimeMs: st.mtime };
      if (st.size > max) batch.push({ type: 'skip', outcome: { ...base, kind: 'skipped', reason: 'too-large', detail: `${st.size} bytes, over maxFileSize` } });
      else batch.push({ type: 'file', candidate: { ...base, seq: nextSeq() } });
    } catch (err) {
      batch.push({ type: 'warning', path: p, message: `cannot stat ${p}: ${err instanceof Error ? err.message : String(err)}` });
    }
    if (batch.length >= 256) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** One batch of the given files (saved documents), each under its workspace folder. */
export function inputForFiles(files: readonly string[]): RunInput {
  const roots = new Set<string>();
  async function* source(): AsyncGenerator<DiscoveryItem[]> {
    const items: DiscoveryItem[] = [];
    let seq = 0;
    for (const p of files) {
      const uri = uriOf(p);
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      const root = folder ? pathOf(folder.uri) : pathOf(vscode.Uri.joinPath(uri, '..'));
      try {
        let size: number;
        let mtimeMs: number;
        if (uri.scheme === 'file') {
          const st = fs.statSync(p);
          if (!st.isFile()) continue;
          size = st.size;
          mtimeMs = st.mtimeMs;
        } else {
          const st = await vscode.workspace.fs.stat(uri);
          size = st.size;
          mtimeMs = st.mtime;
        }
        const candidate: Candidate = { path: p, root, size, mtimeMs, seq: seq++ };
        items.push({ type: 'file', candidate });
      } catch (err) {
        items.push({ type: 'warning', path: p, message: `${p} is gone: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
    yield items;
  }
  for (const p of files) {
    const folder = vscode.workspace.getWorkspaceFolder(uriOf(p));
    if (folder) roots.add(pathOf(folder.uri));
  }
  const virtual = files.some((p) => uriOf(p).scheme !== 'file');
  return { roots: [...roots], source: source(), ...(virtual ? { contentProvider: readVirtual } : {}) };
}
