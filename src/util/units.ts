// Human units for counts, sizes and durations (en-US grouping, binary sizes).
// Made on first use: building an Intl.NumberFormat loads locale data, about
// 30 ms, which the extension must not pay while activating.
let grouped: Intl.NumberFormat | undefined;

export function formatCount(n: number): string {
  grouped ??= new Intl.NumberFormat('en-US');
  return grouped.format(n);
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
