// "Did you mean …": the closest candidate by Damerau-Levenshtein distance
// (optimal string alignment: insertions, deletions, substitutions and
// transpositions of neighbours), when it is close enough to be a typo.

/** Optimal-string-alignment distance of a and b, or limit + 1 once it exceeds limit. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    // The rows hold n + 1 entries and 1 <= j <= n: every index below is in bounds.
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        d = Math.min(d, prev2[j - 2]! + 1);
      }
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** The largest distance at which `word` is taken for a typo of a candidate: 2, or a third of its length when shorter. */
export function typoLimit(word: string): number {
  return Math.min(2, Math.floor(word.length / 3));
}

/** The closest candidate within typoLimit(word) (ties: the first), compared case-insensitively; undefined when none is. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = typoLimit(w);
  if (limit === 0) return undefined;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance && d > 0) {
      best = c;
      bestDistance = d;
      if (d === 1) break;
    }
  }
  return best;
}
