import QRCode from 'qrcode';

/**
 * A QR code of `text` as an SVG data URL for an <img> (the pages' CSP allows `img-src data:`):
 * error correction M, a 4-module quiet zone (ISO/IEC 18004 §7.3.7), which phone cameras read
 * reliably from a screen. Never logged: the text holds a secret.
 */
export async function qrSvgDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
