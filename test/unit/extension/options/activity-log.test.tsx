// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openActivityDb } from '../../../../extension/activity/activity-db';
import type { StoredActivity } from '../../../../extension/activity/read-activity';
import { recordActivity } from '../../../../extension/activity/record-activity';
import { activityCsv, isoTime, localTime } from '../../../../extension/options/activity-csv';
import { activityText } from '../../../../extension/options/activity-text';
import { ActivityLog } from '../../../../extension/options/components/activity-log';
import { installChromeI18n } from '../popup/chrome-i18n';
import { allByTestId, byTestId, click, waitFor } from '../popup/popup-fixtures';

const DB = 'activity-log-test';
let container: HTMLElement;
let clock: number;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  installChromeI18n('nl');
  clock = new Date(2026, 11, 2, 9, 0, 0).getTime();
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

const record = (event: Parameters<typeof recordActivity>[0]) =>
  recordActivity(event, { dbName: DB, now: () => (clock += 60_000) });
const texts = () =>
  allByTestId(container, 'activity-entry').map((row) => (row as HTMLTableRowElement).cells[1]?.textContent);
const mount = () => act(() => render(<ActivityLog dbName={DB} />, container));

/** An entry as a damaged database or a newer version could hold it: written behind the log's back. */
async function writeRaw(value: unknown): Promise<void> {
  const db = await openActivityDb(DB);
  await db.add('entries', value as never);
  db.close();
}

describe('“Activiteit op deze computer”', () => {
  it('shows what happened, newest first, in Dutch, with date and time', async () => {
    await record({ kind: 'unlock-refused' });
    await record({ kind: 'unlocked' });
    await record({ kind: 'accounts-added', via: 'scan', count: 1 });
    await record({ kind: 'account-removed' });
    await record({ kind: 'locked', why: 'idle' });
    await mount();
    await waitFor(() => expect(texts()).toHaveLength(5));
    expect(texts()).toEqual([
      'Vergrendeld na een tijd zonder activiteit',
      'Account verwijderd',
      'Account toegevoegd met een scan',
      'Ontgrendeld met de wachtwoordzin',
      'Onjuiste wachtwoordzin ingevoerd',
    ]);
    // The table is named by the section's heading, for a screen reader's list of tables.
    expect(container.querySelector('table')?.getAttribute('aria-labelledby')).toBe('activity-heading');
    expect(container.querySelector('#activity-heading')?.textContent).toBe('Activiteit op deze computer');
    const time = allByTestId(container, 'activity-entry')[0]?.querySelector('time');
    expect(time?.getAttribute('datetime')).toBe(new Date(2026, 11, 2, 9, 5).toISOString());
    expect(time?.textContent).toMatch(/2 dec 2026.*09:05:00/);
  });

  it('an empty log says so', async () => {
    await mount();
    await waitFor(() =>
      expect(byTestId(container, 'activity-empty').textContent).toBe('Nog niets vastgelegd.'),
    );
  });

  it('follows what happens meanwhile: a new entry appears at the top without reloading', async () => {
    await record({ kind: 'unlocked' });
    await mount();
    await waitFor(() => expect(texts()).toEqual(['Ontgrendeld met de wachtwoordzin']));
    await record({ kind: 'exported', what: 'plain', count: 3 });
    await waitFor(() =>
      expect(texts()).toEqual([
        'Onversleutelde lijst gemaakt: 3 accounts',
        'Ontgrendeld met de wachtwoordzin',
      ]),
    );
  });

  it('shows 25 at first; “Meer tonen” shows the next ones and gives the first of them the focus', async () => {
    for (let i = 0; i < 30; i++) await record({ kind: 'unlock-refused' });
    await mount();
    await waitFor(() => expect(texts()).toHaveLength(25));
    const more = byTestId<HTMLButtonElement>(container, 'activity-more');
    expect(more.textContent).toBe('Meer tonen (nog 5)');
    await click(more);
    expect(texts()).toHaveLength(30);
    expect(document.activeElement).toBe(allByTestId(container, 'activity-entry')[25]);
    expect(container.querySelector('[data-testid="activity-more"]')).toBeNull();
  });

  it('an entry it cannot name (damaged, or from a newer version) is “Onbekende gebeurtenis”, and the rest still shows', async () => {
    await record({ kind: 'unlocked' });
    await writeRaw({ at: clock + 1, event: { kind: 'teleported' } });
    await writeRaw({ at: 'gisteren', event: null });
    await writeRaw(null);
    await mount();
    await waitFor(() => expect(texts()).toHaveLength(4));
    expect(texts()).toEqual([
      'Onbekende gebeurtenis',
      'Onbekende gebeurtenis',
      'Onbekende gebeurtenis',
      'Ontgrendeld met de wachtwoordzin',
    ]);
  });
});

describe('activityText: every event named, nothing else', () => {
  it.each([
    [{ kind: 'locked', why: 'button' }, 'Vergrendeld'],
    [{ kind: 'locked', why: 'screen-lock' }, 'Vergrendeld omdat het scherm werd vergrendeld'],
    [{ kind: 'locked', why: 'max-unlock' }, 'Vergrendeld: de maximale ontgrendeltijd was voorbij'],
    [{ kind: 'accounts-added', via: 'manual', count: 1 }, 'Account handmatig toegevoegd'],
    [{ kind: 'accounts-added', via: 'import', count: 12 }, '12 accounts geïmporteerd'],
    [{ kind: 'accounts-added', via: 'import', count: 1 }, '1 account geïmporteerd'],
    [{ kind: 'accounts-added', via: 'scan', count: 2 }, '2 accounts toegevoegd met een scan'],
    [{ kind: 'account-restored' }, 'Verwijderen ongedaan gemaakt'],
    [{ kind: 'unlock-refused' }, 'Onjuiste wachtwoordzin ingevoerd'],
    [
      { kind: 'unlock-refused', while: 'export' },
      'Onjuiste wachtwoordzin bij een export of het tonen van een QR-code',
    ],
    [
      { kind: 'unlock-refused', while: 'change' },
      'Onjuiste huidige wachtwoordzin bij het wijzigen of verwijderen van de wachtwoordzin',
    ],
    [{ kind: 'site-added', via: 'scan' }, 'Website aan een account gekoppeld met een scan'],
    [{ kind: 'site-added', via: 'manual' }, 'Website aan een account toegevoegd'],
    [{ kind: 'site-added', via: 'fill' }, 'Website aan een account gekoppeld bij het invullen van een code'],
    [{ kind: 'site-removed' }, 'Website van een account verwijderd'],
    [{ kind: 'exported', what: 'backup', count: 1 }, 'Versleutelde back-up gemaakt: 1 account'],
    [
      { kind: 'exported', what: 'google', count: 4 },
      'QR-codes voor Google Authenticator getoond: 4 accounts',
    ],
    [{ kind: 'exported', what: 'account-qr', count: 1 }, 'QR-code van een account getoond'],
    [{ kind: 'passphrase-set' }, 'Wachtwoordzin ingesteld'],
    [{ kind: 'passphrase-changed' }, 'Wachtwoordzin gewijzigd'],
    [{ kind: 'passphrase-removed' }, 'Wachtwoordzin verwijderd'],
    [{ kind: 'erased' }, 'Alles gewist (wachtwoordzin vergeten)'],
  ])('%o: %s', (event, text) => {
    expect(activityText(event)).toBe(text);
  });

  it.each([
    [{ kind: 'locked', why: 'constructor' }],
    [{ kind: 'toString' }],
    [{ kind: 'accounts-added', via: 'scan', count: 0 }],
    [{ kind: 'accounts-added', via: 'scan', count: -3 }],
    [{ kind: 'exported', what: 'backup', count: 1.5 }],
    [{ kind: 'exported', what: '__proto__', count: 2 }],
    [{ kind: 'site-added', via: 'constructor' }],
    [{ kind: 'site-added' }],
    [{ kind: 'unlock-refused', while: 'constructor' }],
    [undefined],
    ['unlocked'],
  ])('%o: unknown', (event) => {
    expect(activityText(event)).toBe('Onbekende gebeurtenis');
  });
});

describe('the CSV download', () => {
  const entries: StoredActivity[] = [
    { key: 2, at: new Date(2026, 11, 2, 9, 30, 5).getTime(), event: { kind: 'account-removed' } },
    {
      key: 1,
      at: new Date(2026, 11, 2, 8, 0, 0).getTime(),
      event: { kind: 'accounts-added', via: 'import', count: 2 },
    },
  ];
  const iso = (entry: StoredActivity | undefined) => isoTime(entry?.at ?? Number.NaN);

  it('oldest first, in the computer’s time; Dutch: semicolons, a byte order mark for Excel', () => {
    expect(activityCsv(entries)).toBe(
      '\uFEFFWanneer;Gebeurtenis (code);Wat;Tijdstip (ISO 8601)\r\n' +
        `2026-12-02 08:00:00;accounts-added;2 accounts geïmporteerd;${iso(entries[1])}\r\n` +
        `2026-12-02 09:30:05;account-removed;Account verwijderd;${iso(entries[0])}\r\n`,
    );
    expect(iso(entries[0])).toMatch(/^2026-12-02T09:30:05[+-]\d\d:\d\d$/);
    expect(new Date(iso(entries[0])).getTime()).toBe(entries[0]?.at);
  });

  it('English: commas and English texts', () => {
    installChromeI18n('en');
    const csv = activityCsv([
      { key: 1, at: entries[0]?.at ?? 0, event: { kind: 'exported', what: 'plain', count: 2 } },
    ]);
    expect(csv).toBe(
      `\uFEFFWhen,Event (code),What,Time (ISO 8601)\r\n2026-12-02 09:30:05,exported,Unencrypted list made: 2 accounts,${iso(entries[0])}\r\n`,
    );
  });

  it('a damaged entry never brings a formula into the spreadsheet', () => {
    const csv = activityCsv([
      { key: 1, at: Number.NaN, event: { kind: '=HYPERLINK("https://evil.example","klik")' } },
    ]);
    expect(csv).not.toContain('=');
    expect(csv.split('\r\n')[1]).toBe(';;Onbekende gebeurtenis;');
    expect(localTime(Number.NaN)).toBe('');
  });
});
