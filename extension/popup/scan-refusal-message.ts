import type { ScanStartRefusal } from '../messages';
import type { MessageKey } from './t';

/** What the user is told when a scan could not start: by the scan button, or after the keyboard command. */
export const SCAN_REFUSAL_MESSAGE: { readonly [R in ScanStartRefusal]: MessageKey } = {
  forbidden: 'scanForbidden',
  'no-tab': 'scanNoTab',
  failed: 'scanFailed',
};
