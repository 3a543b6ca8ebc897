import { create, toBinary } from '@bufbuild/protobuf';
import {
  MigrationPayload_OtpParametersSchema,
  MigrationPayloadSchema,
} from '../../extension/otp/proto/google-auth-migration_pb';

export {
  MigrationPayload_Algorithm as Algorithm,
  MigrationPayload_DigitCount as DigitCount,
  MigrationPayload_OtpType as OtpType,
} from '../../extension/otp/proto/google-auth-migration_pb';

export type MigrationEntry = Parameters<typeof create<typeof MigrationPayload_OtpParametersSchema>>[1];

/** An otpauth-migration:// URI as Google Authenticator's "Transfer accounts" shows it. */
export function migrationUri(entries: readonly MigrationEntry[], batch = { size: 1, index: 0 }): string {
  const payload = create(MigrationPayloadSchema, {
    otpParameters: entries.map((entry) => create(MigrationPayload_OtpParametersSchema, entry)),
    version: 1,
    batchSize: batch.size,
    batchIndex: batch.index,
  });
  const base64 = btoa(String.fromCharCode(...toBinary(MigrationPayloadSchema, payload)));
  return `otpauth-migration://offline?data=${encodeURIComponent(base64)}`;
}
