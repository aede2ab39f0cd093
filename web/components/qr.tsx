/** QR codes as inline SVG, generated locally (no third-party service sees the link). */
import { raw } from 'hono/html';
import { encode } from 'uqr';

/** Builds an SVG QR code for `text` with a title for screen readers; modules are drawn as one path. */
export function qrSvg(text: string, label: string, size = 220): string {
  const { data, size: n } = encode(text, { ecc: 'M', border: 2 });
  let d = '';
  for (let y = 0; y < n; y++) {
    const row = data[y]!;
    for (let x = 0; x < n; x++) if (row[x]) d += `M${x} ${y}h1v1h-1z`;
  }
  const esc = label.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" width="${size}" height="${size}" role="img" aria-label="${esc}" shape-rendering="crispEdges"><title>${esc}</title><rect width="${n}" height="${n}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

/** The QR code as a JSX child. */
export function Qr({ text, label, size }: { text: string; label: string; size?: number }) {
  return <div class="qr">{raw(qrSvg(text, label, size))}</div>;
}
