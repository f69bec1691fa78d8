// Human units for counts, sizes and durations (en-US grouping, binary sizes).

/**
 * A number as Intl.NumberFormat('en-US') writes it (grouped thousands, at most
 * three decimals), by hand: the first Intl.NumberFormat loads ICU's number data,
 * which held the extension host for 75 ms at the first status bar update of a run.
 */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '∞' : '-∞';
  const abs = Math.abs(n);
  // Beyond 2^53 digits are not exact anyway; leave such numbers (never counts here) to Intl.
  if (abs >= Number.MAX_SAFE_INTEGER) return n.toLocaleString('en-US');
  const rounded = Math.round(abs * 1000) / 1000;
  const [whole, fraction] = String(rounded).split('.');
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return `${sign}${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

const BINARY_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'];

/** Binary sizes with at most one decimal: 512 bytes, 1.5 KiB, 10 MiB, 12.3 MiB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < BINARY_UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return `${Math.round(v * 10) / 10} ${BINARY_UNITS[u]}`;
}

/** Megabytes as the status bar shows them (decimal MB, no fraction). */
export function formatMegabytes(bytes: number): string {
  return `${formatCount(Math.round(bytes / 1e6))} MB`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s - m * 60)} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${m - h * 60} min`;
}

/** Parses sizes like 10MiB, 500k, 1.5GB, 4096. Returns undefined if it is not one. */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  const power = ' kmgt'.indexOf((m[2] || ' ').toLowerCase());
  const binary = m[3]!.toLowerCase().startsWith('i') || m[3] === '';
  const base = binary ? 1024 : 1000;
  return Math.round(n * base ** power);
}
