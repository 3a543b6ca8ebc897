import { fromBinary } from '@bufbuild/protobuf';
import QRCode from 'qrcode';
import { describe, expect, test } from 'vitest';
import {
  MAX_ACCOUNTS_PER_BATCH,
  migrationBatches,
  otpauthList,
  otpauthUri,
} from '../../../../extension/backup';
import type { AccountDraft } from '../../../../extension/otp/account';
import { parseMigrationUri } from '../../../../extension/otp/parse-migration-uri';
import { parseOtpauthUri } from '../../../../extension/otp/parse-otpauth-uri';
import { MigrationPayloadSchema } from '../../../../extension/otp/proto/google-auth-migration_pb';
import { ACCOUNTS, expectSameAccounts, fixtureDraft, readPlain } from '../import/import-fixtures';

const drafts = ACCOUNTS.map((a) => fixtureDraft(a));

/** A realistic practice account: a 20-byte secret, an issuer, an e-mail address as the label. */
const practice = (i: number): AccountDraft => ({
  type: 'totp',
  secret: Uint8Array.from({ length: 20 }, (_, j) => (i * 7 + j) & 0xff),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  issuer: `Zorgverzekeraar Regio ${i}`,
  label: `medewerker.${i}@huisartsenpraktijk-voorbeeld.nl`,
  name: '',
});

describe('the plain otpauth list', () => {
  test('reads back (through the importer) to the same accounts, codes included', async () => {
    expectSameAccounts((await readPlain(otpauthList(drafts))).accounts, ACCOUNTS);
  });

  test('a URI without issuer has no empty prefix', () => {
    const uri = otpauthUri({ ...practice(1), issuer: '' });
    expect(uri).toMatch(/^otpauth:\/\/totp\/medewerker/);
    expect(parseOtpauthUri(uri)).toMatchObject({ issuer: '', label: practice(1).label });
  });
});

describe('to Google Authenticator: migration QR codes', () => {
  test('round-trips through the migration parser, codes included; 7 digits and other periods are left out', () => {
    const sevenDigits = { ...practice(1), digits: 7 };
    const { uris, unsupported } = migrationBatches([...drafts, sevenDigits], 12345);
    expect(unsupported).toEqual([drafts[1], sevenDigits]);
    const parsed = uris.flatMap((uri) => parseMigrationUri(uri).accounts);
    expectSameAccounts(
      parsed,
      ACCOUNTS.filter((a) => a.period === 30),
    );
  });

  test('100 accounts: batches of at most 10 that share a batch_id, numbered 0..n-1 of n, each a QR of version ≤ 20 (M)', () => {
    const many = Array.from({ length: 100 }, (_, i) => practice(i));
    const { uris } = migrationBatches(many, -987654);
    expect(uris.length).toBeGreaterThanOrEqual(10);
    const payloads = uris.map((uri) => {
      const data = decodeURIComponent(uri.replace('otpauth-migration://offline?data=', ''));
      return fromBinary(
        MigrationPayloadSchema,
        Uint8Array.from(atob(data), (c) => c.charCodeAt(0)),
      );
    });
    payloads.forEach((payload, index) => {
      expect(payload).toMatchObject({
        version: 1,
        batchSize: uris.length,
        batchIndex: index,
        batchId: -987654,
      });
      expect(payload.otpParameters.length).toBeLessThanOrEqual(MAX_ACCOUNTS_PER_BATCH);
    });
    for (const uri of uris)
      expect(QRCode.create(uri, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(20);
    const back = uris.flatMap((uri) => parseMigrationUri(uri).accounts);
    expect(back.map((a) => [a.issuer, a.label])).toEqual(many.map((a) => [a.issuer, a.label]));
  });

  test('a label with a colon of its own comes back whole', () => {
    const account = { ...practice(1), label: 'afdeling:balie' };
    const [uri = ''] = migrationBatches([account]).uris;
    expect(parseMigrationUri(uri).accounts[0]).toMatchObject({
      issuer: account.issuer,
      label: 'afdeling:balie',
    });
  });

  test('a random batch_id differs between exports', () => {
    const ids = new Set(
      Array.from({ length: 5 }, () => {
        const [uri = ''] = migrationBatches([practice(1)]).uris;
        return uri;
      }),
    );
    expect(ids.size).toBeGreaterThan(1);
  });
});
