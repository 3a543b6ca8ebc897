import { expect, it, vi } from 'vitest';
import { noteActivity } from '../../../../extension/popup/note-activity';

// The log's code cannot be fetched (the extension was updated while the popup was open): found by
// a review, the rejection skipped showing a change the vault had already made.
vi.mock('../../../../extension/activity/record-activity', () => {
  throw new Error('the file is gone');
});

it('resolves when the log’s code cannot be fetched: the change it follows stands', async () => {
  await expect(noteActivity({ kind: 'site-removed' })).resolves.toBeUndefined();
});
