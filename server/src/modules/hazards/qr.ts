import { AppError } from '../../platform/errors.ts';

// QR codes behind a small adapter: the encoder ('qr', zero-dependency, MIT OR Apache-2.0) only gives
// the module matrix; the SVG (quiet zone, caption, escaping) is ours. Loaded on first use, so a missing
// package fails the QR endpoint with a clear 503 instead of the whole server at start-up.

type Encode = (text: string, output: 'raw', opts?: { ecc?: 'low' | 'medium' | 'quartile' | 'high'; border?: number }) => boolean[][];
let encoder: Promise<Encode> | null = null;

function loadEncoder(): Promise<Encode> {
  encoder ??= import('qr').then((m) => m.encodeQR as Encode).catch((e: unknown) => {
    encoder = null;
    throw e;
  });
  return encoder;
}

/** The QR module matrix of a text (true = dark), error correction level M, without quiet zone. */
export async function qrMatrix(text: string): Promise<boolean[][]> {
  let encode: Encode;
  try {
    encode = await loadEncoder();
  } catch {
    throw new AppError(503, 'internal_error'); // the 'qr' package is not installed
  }
  // The encoder insists on a quiet zone: ask for one module and slice it off (the SVG draws its own).
  const m = encode(text, 'raw', { ecc: 'medium', border: 1 });
  return m.slice(1, -1).map((row) => row.slice(1, -1));
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * A printable SVG: the code (4-module quiet zone, 8 px per module) as one path of horizontal runs
 * `M{x} {y}h{n}v1h-{n}z` in module units, and up to two caption lines under it.
 */
export async function qrSvg(text: string, caption: string[] = []): Promise<string> {
  const m = await qrMatrix(text);
  const n = m.length;
  const quiet = 4;
  const scale = 8;
  const side = (n + 2 * quiet) * scale;
  const lines = caption.slice(0, 2);
  const height = side + lines.length * 24 + (lines.length ? 8 : 0);
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!m[y]![x]) continue;
      let run = 1;
      while (x + run < n && m[y]![x + run]) run++;
      d += `M${x + quiet} ${y + quiet}h${run}v1h-${run}z`;
      x += run - 1;
    }
  }
  const text_ = lines.map((l, i) => {
    const size = i === 0 ? 16 : 13;
    // Squeeze a caption wider than the code (long enterprise names) into the width instead of clipping it.
    const fit = [...l].length * size > side - 16 ? ` textLength="${side - 16}" lengthAdjust="spacingAndGlyphs"` : '';
    return `<text x="${side / 2}" y="${side + 18 + i * 24}" text-anchor="middle" font-family="sans-serif" font-size="${size}"${fit}>${escapeXml(l)}</text>`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n`
    + `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${height}" viewBox="0 0 ${side} ${height}" shape-rendering="crispEdges">`
    + `<title>${escapeXml(lines[0] ?? text)}</title><rect width="100%" height="100%" fill="#fff"/>`
    + `<path transform="scale(${scale})" fill="#000" d="${d}"/>${text_}</svg>\n`;
}
