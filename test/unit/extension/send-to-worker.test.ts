import { describe, expect, test } from 'vitest';
import { sendToWorker } from '../../../extension/send-to-worker';

/** A runtime whose worker answers `reply`, and records what it was sent. */
function port(reply: unknown) {
  const sent: unknown[] = [];
  const sendMessage = async (message: unknown) => {
    sent.push(message);
    return reply;
  };
  return { sent, sendMessage };
}

describe('sendToWorker: a reply is the contract or nothing', () => {
  test.each([
    [{ ok: true }, { ok: true }],
    [
      { ok: false, reason: 'forbidden' },
      { ok: false, reason: 'forbidden' },
    ],
    [{ ok: false, reason: 'something else' }, undefined],
    [{ ok: 'yes' }, undefined],
    [undefined, undefined],
    ['ok', undefined],
  ])('scan-start answered %j → %j', async (reply, expected) => {
    const worker = port(reply);
    expect(await sendToWorker(worker, { type: 'scan-start' })).toEqual(expected);
    expect(worker.sent).toEqual([{ type: 'scan-start' }]);
  });

  test.each([
    [{ outcome: 'done' }, { outcome: 'done' }],
    [{ outcome: 'held' }, { outcome: 'held' }],
    [{ outcome: 'no-code' }, { outcome: 'no-code' }],
    [{ outcome: 'failed' }, { outcome: 'failed' }],
    // The page-facing reply is exactly one of those four: anything else is not passed on.
    [{ outcome: 'added' }, undefined],
    [{ ok: true }, undefined],
    [null, undefined],
  ])('scan-selection answered %j → %j', async (reply, expected) => {
    const message = { type: 'scan-selection', rect: null, viewportWidth: 800 } as const;
    expect(await sendToWorker(port(reply), message)).toEqual(expected);
  });
});
