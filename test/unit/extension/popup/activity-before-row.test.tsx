// @vitest-environment happy-dom
/**
 * A popup closed the moment a change shows must not lose its activity-log entry: the row appears
 * (or goes) only once the entry is written. The log write is held here until the test lets it go.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityEvent } from '../../../../extension/activity/activity-event';
import {
  allByTestId,
  byTestId,
  click,
  draft,
  fill,
  type Popup,
  renderPopup,
  rowByName,
  rowNames,
  submit,
  waitFor,
} from './popup-fixtures';

const held: { event: ActivityEvent; release: () => void }[] = [];
vi.mock('../../../../extension/activity/record-activity', () => ({
  recordActivity: (event: ActivityEvent) =>
    new Promise<void>((release) => {
      held.push({ event, release });
    }),
}));

let popup: Popup | undefined;
afterEach(() => {
  popup?.unmount();
  held.length = 0;
});

/** Waits for the next held log write, checks what it records and lets it finish. */
async function releaseNext(kind: ActivityEvent['kind'], event?: ActivityEvent): Promise<void> {
  const next = await waitFor(() => {
    const first = held.shift();
    if (first === undefined) throw new Error('No log write yet');
    return first;
  });
  expect(next.event.kind).toBe(kind);
  if (event !== undefined) expect(next.event).toEqual(event);
  next.release();
}

/** Lets the popup run for a while with the log write still held. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('popup: the activity log entry is written before the change shows', () => {
  it('a manual add', async () => {
    popup = await renderPopup();
    const { container } = popup;
    await waitFor(() => byTestId(container, 'empty'));
    await click(byTestId(container, 'add-manual'));
    const form = byTestId<HTMLButtonElement>(container, 'save').form as HTMLFormElement;
    await fill(form.querySelector('[name="secret"]') as HTMLInputElement, 'JBSWY3DPEHPK3PXP');
    await fill(form.querySelector('[name="issuer"]') as HTMLInputElement, 'Portaal');
    await submit(form);
    await settle();
    expect(allByTestId(container, 'account')).toHaveLength(0);
    await releaseNext('accounts-added');
    await waitFor(() => expect(allByTestId(container, 'account')).toHaveLength(1));
  });

  it('a deletion and its undo', async () => {
    popup = await renderPopup([draft('A'), draft('B')]);
    const { container } = popup;
    await waitFor(() => expect(rowNames(container)).toEqual(['A', 'B']));
    const row = rowByName(container, 'B');
    await click(byTestId(row, 'actions'));
    await click(byTestId(row, 'delete'));
    await click(byTestId(container, 'confirm-delete'));
    await settle();
    expect(rowNames(container)).toEqual(['A', 'B']);
    await releaseNext('account-removed');
    await waitFor(() => expect(rowNames(container)).toEqual(['A']));

    await click(byTestId(byTestId(container, 'toast'), 'undo'));
    await settle();
    expect(rowNames(container)).toEqual(['A']);
    await releaseNext('account-restored');
    await waitFor(() => expect(rowNames(container)).toEqual(['A', 'B']));
  });

  // The sites editor: which website is not recorded (the vault keeps it encrypted), only that one
  // was added or removed.
  it('a website added and removed in the sites editor', async () => {
    popup = await renderPopup([draft('Portaal')]);
    const { container } = popup;
    const row = await waitFor(() => rowByName(container, 'Portaal'));
    await click(byTestId(row, 'actions'));
    await click(byTestId(row, 'edit-sites'));
    const editor = byTestId(row, 'account-origins');
    await fill(editor.querySelector('input[name="origin"]') as HTMLInputElement, 'portaal.example.nl');
    await submit(editor.querySelector('form') as HTMLFormElement);
    await settle();
    const sites = () => byTestId(rowByName(container, 'Portaal'), 'account-origins').querySelectorAll('li');
    expect(sites()).toHaveLength(0);
    await releaseNext('site-added', { kind: 'site-added', via: 'manual' });
    await waitFor(() => expect(sites()).toHaveLength(1));

    await click(sites()[0]?.querySelector('button') as HTMLButtonElement);
    await settle();
    expect(sites()).toHaveLength(1);
    await releaseNext('site-removed', { kind: 'site-removed' });
    await waitFor(() => expect(sites()).toHaveLength(0));
    expect(held).toEqual([]);
  });
});
