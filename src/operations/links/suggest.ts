// "Did you mean …": the closest candidate by Damerau-Levenshtein distance
// (optimal string alignment: insertions, deletions, substitutions and
// transpositions of neighbours), when it is close enough to be a typo.
// The distance is bounded: only the diagonal band of width 2·limit+1 is
// computed (a cell outside it costs more than limit), in rows reused across
// calls, and a row whose every cell exceeds limit ends the computation.

/** More than any limit: a cell outside the band. */
const FAR = 0x3fffffff;

// Three rows, reused by every call (grown when a longer candidate comes).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal-string-alignment distance of a and b, or limit + 1 once it exceeds limit. */
export function editDistance(a: string, b: string, limit: number): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > limit) return limit + 1;
  if (limit < 0) return limit + 1;
  if (rowA.length < n + 2) {
    const size = Math.max(n + 2, rowA.length * 2);
    rowA = new Int32Array(size);
    rowB = new Int32Array(size);
    rowC = new Int32Array(size);
  }
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  // Row 0: exact (j insertions); cells past the band are above limit anyway.
  for (let j = 0; j <= n; j++) prev[j] = j;
  prev[n + 1] = FAR;
  for (let i = 1; i <= m; i++) {
    const lo = i - limit > 1 ? i - limit : 1;
    const hi = i + limit < n ? i + limit : n;
    // Left of the band: column 0 is exact (i deletions), anything else is far.
    cur[lo - 1] = lo === 1 ? i : FAR;
    const ai = a.charCodeAt(i - 1);
    const ai1 = i > 1 ? a.charCodeAt(i - 2) : -1;
    let rowMin = lo === 1 ? i : FAR;
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let d = prev[j - 1]! + cost;
      const up = prev[j]! + 1;
      if (up < d) d = up;
      const left = cur[j - 1]! + 1;
      if (left < d) d = left;
      if (j > 1 && ai === b.charCodeAt(j - 2) && ai1 === bj) {
        const t = prev2[j - 2]! + 1;
        if (t < d) d = t;
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Right of the band: far (read by the next row's last cell).
    if (hi + 1 <= n) cur[hi + 1] = FAR;
    if (rowMin > limit) return limit + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[n]!;
  return d > limit ? limit + 1 : d;
}

/** The largest distance at which `word` is taken for a typo of a candidate: 2, or a third of its length when shorter. */
export function typoLimit(word: string): number {
  return Math.min(2, Math.floor(word.length / 3));
}

/** Lowercased candidate lists, kept while the list lives (a directory listing is asked about once per missing link into it). */
const lowered = new WeakMap<readonly string[], readonly string[]>();

function lowerAll(candidates: Iterable<string>): readonly string[] {
  if (!Array.isArray(candidates)) return [...candidates].map((c) => c.toLowerCase());
  const list = candidates as readonly string[];
  let lower = lowered.get(list);
  if (!lower) lowered.set(list, (lower = list.map((c) => c.toLowerCase())));
  return lower;
}

/** The closest candidate within typoLimit(word) (ties: the first), compared case-insensitively; undefined when none is. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = typoLimit(w);
  if (limit === 0) return undefined;
  const original = Array.isArray(candidates) ? (candidates as readonly string[]) : [...candidates];
  const lower = lowerAll(original);
  const wl = w.length;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (let k = 0; k < lower.length; k++) {
    const c = lower[k]!;
    // Cheap cutoff: a length difference alone costs that many edits.
    const diff = c.length - wl;
    if (diff >= bestDistance || -diff >= bestDistance) continue;
    const d = editDistance(w, c, bestDistance - 1);
    if (d < bestDistance && d > 0) {
      best = original[k];
      bestDistance = d;
      if (d === 1) break;
    }
  }
  return best;
}
