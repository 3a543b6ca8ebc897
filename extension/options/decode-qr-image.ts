import { decodeQr } from '../capture/decode-qr';

/** Larger images are scaled down first: jsQR's cost grows with the area, and 2,000 px is plenty. */
const MAX_SIDE = 2000;

/**
 * The QR code in an image file (a screenshot of a Google Authenticator export, a saved otpauth
 * QR), decoded with jsQR through the capture code; null when there is none or the image does not
 * decode.
 */
export async function decodeQrImage(bytes: Uint8Array<ArrayBuffer>, type: string): Promise<string | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes], { type }));
  } catch {
    return null;
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const context = new OffscreenCanvas(width, height).getContext('2d');
  if (context === null) return null;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const image = context.getImageData(0, 0, width, height);
  return decodeQr({ data: image.data, width, height });
}
