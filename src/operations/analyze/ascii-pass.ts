// The analyze operation's character pass in WebAssembly (ascii-pass.as.ts), for
// text that is all ASCII. Written by hand because no library does this one
// pass; the JavaScript loop in characters.ts stays the reference, takes every other
// text, and takes everything where WebAssembly cannot be instantiated.
import { ASCII_PASS_WASM } from './ascii-pass.wasm';
import * as text from './text';

/** What the kernel found; word fragments at the edges are left to the caller. */
export interface AsciiPass {
  readonly words: number;
  readonly syllables: number;
  readonly functionWords: number;
  readonly wordChars: number;
  /** The sentence automaton: converged (a word character was seen) with its run state, or per start state. */
  readonly sentences: number;
  readonly converged: boolean;
  readonly inRun: number;
  readonly preOut: number[];
  readonly preCount: number[];
  /** Where the word starting at offset 0 ends, if it ends inside the text; else -1. */
  readonly firstEnd: number;
  /** Where the word running to the end starts (0: the whole text is one word); else -1. */
  readonly lastStart: number;
  /** Counts per ASCII code. */
  readonly hist: number[];
  /** Offsets of every "\n", in order: a view of the kernel's memory, valid until its next call. */
  readonly lineEnds: Int32Array;
}

// The little of the WebAssembly API used here: its declarations live in lib.dom,
// which this project (Node only) does not compile against.
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
}

interface Exports {
  readonly memory: { readonly buffer: ArrayBuffer };
  textOffset(): number;
  outOffset(): number;
  reserve(n: number): number;
  scan(n: number): void;
  histogram(n: number): void;
  lineEnds(n: number): number;
  linesOffset(n: number): number;
  init(): void;
}

interface Kernel {
  readonly x: Exports;
  readonly text: number;
  readonly out: number;
  /** Views of the current memory; remade after it grows (growing detaches the old buffer). */
  buffer: ArrayBuffer;
  counts: Uint32Array;
  results: Int32Array;
}

/** Tests turn the kernel off to compare it with the JavaScript pass. */
export const asciiKernel = { enabled: true };

const encoder = new TextEncoder();
let kernel: Kernel | null | undefined;

function instantiate(): Kernel | null {
  try {
    const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
    if (!wasm) return null;
    const module = new wasm.Module(Buffer.from(ASCII_PASS_WASM, 'base64'));
    const x = new wasm.Instance(module, {}).exports as Exports;
    const bytes = new Uint8Array(x.memory.buffer);
    bytes.set(text.ASCII_CLASS, 512);
    bytes.set(text.VOWEL, 640);
    new Int32Array(x.memory.buffer, 1024, 256).set(text.FUNCTION_TABLE);
    x.init();
    const k: Kernel = { x, text: x.textOffset(), out: x.outOffset(), buffer: x.memory.buffer, counts: new Uint32Array(0), results: new Int32Array(0) };
    views(k);
    return k;
  } catch {
    // No WebAssembly here (or no memory for it): the JavaScript pass does it all.
    return null;
  }
}

function views(k: Kernel): void {
  k.buffer = k.x.memory.buffer;
  k.counts = new Uint32Array(k.buffer, 0, 128);
  k.results = new Int32Array(k.buffer, k.out, 17);
}

function ready(): Kernel | null {
  if (!asciiKernel.enabled) return null;
  return kernel === undefined ? (kernel = instantiate()) : kernel;
}

/** Whether asciiPass can take ASCII text here (on, and instantiated). */
export function asciiKernelReady(): boolean {
  return ready() !== null;
}

/** The character pass of s, or undefined when s is not all ASCII (or the kernel is off or unavailable). */
export function asciiPass(s: string): AsciiPass | undefined {
  const k = ready();
  if (k === null) return undefined;
  const n = s.length;
  if (!k.x.reserve(n)) return undefined;
  if (k.buffer !== k.x.memory.buffer) views(k);
  // One byte a character exactly when every character is ASCII.
  const { read, written } = encoder.encodeInto(s, new Uint8Array(k.buffer, k.text, n));
  if (read !== n || written !== n) return undefined;
  k.x.scan(n);
  k.x.histogram(n);
  const lines = k.x.lineEnds(n);
  const r = k.results;
  const counts = k.counts;
  const hist = new Array<number>(128);
  for (let c = 0; c < 128; c++) {
    hist[c] = counts[c]!;
    counts[c] = 0;
  }
  return {
    words: r[0]!,
    syllables: r[1]!,
    functionWords: r[2]!,
    wordChars: r[3]!,
    sentences: r[4]!,
    converged: r[5] === 1,
    inRun: r[6]!,
    preOut: [r[7]!, r[8]!, r[9]!, r[10]!],
    preCount: [r[11]!, r[12]!, r[13]!, r[14]!],
    firstEnd: r[15]!,
    lastStart: r[16]!,
    hist,
    lineEnds: new Int32Array(k.buffer, k.x.linesOffset(n), lines),
  };
}
