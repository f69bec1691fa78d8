// What a link destination is: a web link (a scheme or //host), a fragment of
// the same document, or a local path with an optional fragment; and the
// percent-decoded parts a resolver compares with file names and anchors.

export type Destination =
  | { readonly kind: 'web'; readonly host: string }
  | { readonly kind: 'local'; readonly path: string; readonly fragment: string | undefined }
  | { readonly kind: 'none' };

function isSchemeChar(c: number, first: boolean): boolean {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (first) return letter;
  return letter || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e;
}

/** The scheme of a URL (RFC 3986: a letter, then letters, digits, + - .; two or more characters, so C:\ is a path), or undefined. */
export function schemeOf(url: string): string | undefined {
  const colon = url.indexOf(':');
  if (colon < 2) return undefined;
  for (let i = 0; i < colon; i++) if (!isSchemeChar(url.charCodeAt(i), i === 0)) return undefined;
  return url.slice(0, colon).toLowerCase();
}

/** Percent-decoded text, or the text itself when it is not valid percent-encoding. */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function webHost(url: string, scheme: string): string {
  if (scheme === 'http' || scheme === 'https' || scheme === 'ftp' || scheme === 'ftps' || url.startsWith('//')) {
    try {
      return new URL(url.startsWith('//') ? `https:${url}` : url).host.toLowerCase() || `${scheme}:`;
    } catch {
      return `${scheme}:`;
    }
  }
  return `${scheme}:`;
}

/** Classifies a destination as written (escapes and entities resolved, percent-encoding kept). */
export function classify(url: string): Destination {
  if (url === '') return { kind: 'none' };
  if (url.startsWith('//')) return { kind: 'web', host: webHost(url, 'https') };
  const scheme = schemeOf(url);
  if (scheme !== undefined) return { kind: 'web', host: webHost(url, scheme) };
  const hashIndex = url.indexOf('#');
  const beforeHash = hashIndex < 0 ? url : url.slice(0, hashIndex);
  const query = beforeHash.indexOf('?');
  const path = percentDecode(query < 0 ? beforeHash : beforeHash.slice(0, query));
  const fragment = hashIndex < 0 ? undefined : percentDecode(url.slice(hashIndex + 1));
  return { kind: 'local', path, fragment };
}

/** True for a fragment that names the top of any document on GitHub ('' and 'top'). */
export function isTopFragment(fragment: string): boolean {
  return fragment === '' || fragment.toLowerCase() === 'top';
}

/** How fragments and anchors are compared: GitHub lowers the fragment when no anchor matches it exactly, remark-validate-links always does. */
export function anchorKey(anchor: string): string {
  return anchor.toLowerCase();
}
