/**
 * A Google Authenticator export line is counted before it is decoded (SECURITY #36): a crafted
 * line of a million empty entries (2 bytes each) would otherwise be decoded whole, hundreds of MB
 * on the options page, before the 10,000-account limit applied. The protobuf decoder is watched:
 * it must not run for such a line, and must for a real one.
 */
import * as protobuf from '@bufbuild/protobuf';
import { afterEach, expect, test, vi } from 'vitest';
import { readImportText } from '../../../../extension/import/read-import';
import { errorCode } from './import-fixtures';

vi.mock('@bufbuild/protobuf', async (original) => {
  const actual = await original<typeof import('@bufbuild/protobuf')>();
  return { ...actual, fromBinary: vi.fn(actual.fromBinary) };
});

afterEach(() => vi.mocked(protobuf.fromBinary).mockClear());

const line = (payload: Uint8Array) =>
  `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;

test('a line with more entries than an import may hold is refused without being decoded', async () => {
  const entries = new Uint8Array(2_000_000);
  for (let i = 0; i < entries.length; i += 2) entries[i] = 0x0a; // field 1, length 0
  expect(await errorCode(readImportText(line(entries)))).toBe('too-many-accounts');
  expect(protobuf.fromBinary).not.toHaveBeenCalled();
});

test('several lines are counted together: the limit holds across a whole export', async () => {
  const half = new Uint8Array(2 * 6_000);
  for (let i = 0; i < half.length; i += 2) half[i] = 0x0a;
  expect(await errorCode(readImportText(`${line(half)}\n${line(half)}`))).toBe('too-many-accounts');
  // The first line (6,000) was within the limit and decoded; the second was not.
  expect(protobuf.fromBinary).toHaveBeenCalledTimes(1);
});

test.each([
  // version = -1 as a 10-byte varint, which the decoder accepts, before the entries.
  ['a long varint first', [0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
  // An unknown group, which the decoder skips, before the entries.
  ['a group first', [0x9b, 0x06, 0x9c, 0x06]],
])('%s does not hide the entries that follow from the count', async (_label, prefix) => {
  const entries = new Uint8Array(prefix.length + 2_000_000);
  entries.set(prefix);
  for (let i = prefix.length; i < entries.length; i += 2) entries[i] = 0x0a;
  const code = await errorCode(readImportText(line(entries)));
  expect(['too-many-accounts', 'damaged']).toContain(code);
  expect(protobuf.fromBinary).not.toHaveBeenCalled();
});

test('data the counter cannot walk (a length past the end) is refused as damaged, not decoded', async () => {
  expect(await errorCode(readImportText(line(new Uint8Array([0x0a, 0x7f, 0x01]))))).toBe('damaged');
  expect(protobuf.fromBinary).not.toHaveBeenCalled();
});
