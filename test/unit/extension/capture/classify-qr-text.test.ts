import { describe, expect, test } from 'vitest';
import { classifyQrText } from '../../../../extension/capture/classify-qr-text';

describe('classifyQrText: what a decoded QR code holds', () => {
  test.each([
    ['otpauth://totp/Demo:demo?secret=JBSWY3DPEHPK3PXP', { kind: 'otpauth' }],
    [
      '  OTPAUTH://hotp/x?secret=A&counter=1\n',
      { kind: 'otpauth', uri: 'OTPAUTH://hotp/x?secret=A&counter=1' },
    ],
    ['otpauth-migration://offline?data=CjEK', { kind: 'migration' }],
    ['Otpauth-Migration://offline?data=x', { kind: 'migration' }],
    ['https://portal.example.com:8443/login', { kind: 'url', host: 'portal.example.com:8443' }],
    ['http://[::1]/', { kind: 'url', host: '[::1]' }],
    // A scheme and nothing URL-like after it: plain text, never a "web address" of nothing.
    ['https://', { kind: 'text' }],
    ['www.example.com', { kind: 'text' }],
    ['otpauth:/totp/missing-slash', { kind: 'text' }],
    ['mailto:balie@example.nl', { kind: 'text' }],
    ['', { kind: 'text' }],
  ])('%j', (text, expected) => {
    expect(classifyQrText(text)).toMatchObject(expected);
  });
});
