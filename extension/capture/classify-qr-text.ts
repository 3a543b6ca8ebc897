/** A QR code that is not an authenticator code: a web address (its host) or anything else. */
export type OtherQrContent = { readonly kind: 'url'; readonly host: string } | { readonly kind: 'text' };

/** What a decoded QR code holds, as far as the scan result is concerned. */
export type QrContent =
  | { readonly kind: 'otpauth'; readonly uri: string }
  | { readonly kind: 'migration'; readonly uri: string }
  | OtherQrContent;

/** Classifies decoded QR text, so a non-authenticator code gets a message that says what it is. */
export function classifyQrText(text: string): QrContent {
  const trimmed = text.trim();
  if (/^otpauth:\/\//i.test(trimmed)) return { kind: 'otpauth', uri: trimmed };
  if (/^otpauth-migration:\/\//i.test(trimmed)) return { kind: 'migration', uri: trimmed };
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      return { kind: 'url', host: new URL(trimmed).host };
    } catch {
      return { kind: 'text' };
    }
  }
  return { kind: 'text' };
}
