/**
 * The workstation lock in real Chromium (issue 11, SECURITY #34): a passphrase set on the options
 * page; the locked popup's DOM and the popup's and worker's heaps hold no account name, secret or
 * code; idle and screen-lock events lock; the wrong-passphrase delay survives a worker restart; a
 * browser restart locks; a copied profile does not open without the passphrase.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'puppeteer-core';
import { afterAll, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, poll } from '../support/extension-browser';
import { addAccountByHand, setPassphrase } from '../support/lock-driver';
import { expectedCodes } from '../support/scan-driver';

const SECRET = 'KRUGS4ZANFZSAYJAONSWG4TFOQQGC3TEEBZWK3DEN5WSAZLOMNXWIZLE';
const ISSUER = 'Zeldzaam Portaal 7431';
const LABEL = 'baliemedewerker7431';
const PASSPHRASE = 'paarse olifant achter de balie';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const profile = mkdtempSync(join(tmpdir(), 'authenticator-lock-'));
const copied = mkdtempSync(join(tmpdir(), 'authenticator-lock-copy-'));
let eb: ExtensionBrowser | undefined;

afterAll(async () => {
  await eb?.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(copied, { recursive: true, force: true });
});

const addAccount = (popup: Page) => addAccountByHand(popup, { secret: SECRET, issuer: ISSUER, label: LABEL });

async function heapStrings(session: CDPSession): Promise<string> {
  const chunks: string[] = [];
  session.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => chunks.push(chunk));
  await session.send('HeapProfiler.enable');
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await session.detach();
  // Only the heap's strings: the snapshot's node and edge tables are numbers that a 6-digit code could match.
  return (JSON.parse(chunks.join('')) as { strings: string[] }).strings.join('\n');
}

/** What must not be anywhere while locked: the names, the secret and the codes around now. */
function leaks(text: string, now: number): string[] {
  const codes = expectedCodes(SECRET, now);
  return [ISSUER, LABEL, SECRET, ...codes].filter((needle) => text.includes(needle));
}

async function expectLockedPopup(popup: Page): Promise<void> {
  await popup.waitForSelector('[data-testid="unlock"] input[name="passphrase"]', { timeout: 10_000 });
  const dom = await popup.evaluate(() => document.documentElement.outerHTML);
  expect(leaks(dom, Date.now())).toEqual([]);
  expect(await popup.$('[data-testid="account"]')).toBeNull();
}

async function unlock(popup: Page, passphrase: string): Promise<string> {
  await popup.waitForSelector('input[name="passphrase"]:not([readonly])');
  await popup.type('input[name="passphrase"]', passphrase);
  return submit(popup);
}

/** Sends what is typed in the unlock form; the outcome: its message's status, or 'unlocked'. */
async function submit(popup: Page): Promise<string> {
  await popup.click('[data-testid="unlock-submit"]');
  return popup
    .waitForFunction(
      () =>
        document.querySelector('[data-testid="unlock-message"]')?.getAttribute('data-status') ??
        (document.querySelector('[data-testid="account"]') ? 'unlocked' : false),
      { timeout: 15_000, polling: 100 },
    )
    .then((handle) => handle.jsonValue() as Promise<string>);
}

describe('the workstation lock', () => {
  test('lock, a locked popup and worker that hold nothing, idle and screen-lock events, the delay across a worker restart', async () => {
    eb = await launchWithExtension({ profile });
    const popup = await eb.openPopupTab();
    await addAccount(popup);
    await popup.close();
    await setPassphrase(eb, PASSPHRASE);

    // Unlocked by setting it: the popup shows the codes and a lock button.
    const open = await eb.openPopupTab();
    await open.waitForSelector('[data-testid="account"]');
    await open.click('[data-testid="lock"]');
    await expectLockedPopup(open);
    await open.close();

    // A fresh locked popup: nothing decrypted in its DOM or heap, nor in the worker's heap.
    const locked = await eb.openPopupTab();
    await expectLockedPopup(locked);
    const now = Date.now();
    expect(leaks(await heapStrings(await locked.createCDPSession()), now)).toEqual([]);
    const workerTarget = await eb.browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().includes(eb?.extensionId ?? '-'),
    );
    expect(leaks(await heapStrings(await workerTarget.createCDPSession()), now)).toEqual([]);

    // Wrong passphrases: three free, then a delay that a worker restart does not reset.
    // The first two sent with Enter: after the refusal the field still has the focus, so the next
    // try is typed straight away (no click or Tab back into it), and it is marked as wrong.
    await locked.type('input[name="passphrase"]', 'fout 0');
    await locked.keyboard.press('Enter');
    await locked.waitForSelector('[data-testid="unlock-message"][data-status="wrong"]');
    await locked.waitForSelector('input[name="passphrase"][aria-invalid="true"]:not([readonly])');
    await locked.keyboard.type('fout 1');
    expect(
      await locked.evaluate(() => ({
        focused: document.activeElement?.id,
        typed: (document.activeElement as HTMLInputElement | null)?.value,
        describedBy: document.activeElement?.getAttribute('aria-describedby'),
      })),
    ).toEqual({ focused: 'unlock-passphrase', typed: 'fout 1', describedBy: 'unlock-message' });
    await locked.keyboard.press('Enter');
    await locked.waitForSelector('input[name="passphrase"]:not([readonly])');
    expect(await locked.$eval('input[name="passphrase"]', (input) => input === document.activeElement)).toBe(
      true,
    );
    expect(await unlock(locked, 'fout 2')).toBe('wrong');
    await sleep(1000);
    expect(await unlock(locked, 'fout 3')).toBe('wrong'); // now 2 s
    await sleep(2000);
    expect(await unlock(locked, 'fout 4')).toBe('wrong'); // now 4 s
    const fourFrom = Date.now();
    // The popup that tries after the worker restart, opened and typed into now: the 8 s wait counts
    // from the claim of the try before it (before its key derivation), and on a busy machine the
    // derivation, a popup's opening and the typing together could use it up, turning the 'wait'
    // below into an unlock. (The throttle is read at the try, from storage: a popup opened before
    // the restart tests the same.)
    const afterRestart = await eb.openPopupTab();
    await afterRestart.waitForSelector('input[name="passphrase"]:not([readonly])');
    await afterRestart.type('input[name="passphrase"]', PASSPHRASE);
    await locked.bringToFront();
    await sleep(Math.max(0, fourFrom + 4000 - Date.now()));
    // Now 8 s: room for the restart and the click below on a busy machine.
    expect(await unlock(locked, 'fout 5')).toBe('wrong');
    const waitFrom = Date.now();
    await (await eb.worker()).close();
    await afterRestart.bringToFront();
    expect(await submit(afterRestart)).toBe('wait');
    await sleep(Math.max(0, waitFrom + 8100 - Date.now()));
    // Emptied as typing would (an input event): the form keeps what is typed in its state, and
    // puts it back when it re-renders (as it does when the wait is over).
    await afterRestart.$eval('input[name="passphrase"]', (input) => {
      (input as HTMLInputElement).value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(await unlock(afterRestart, PASSPHRASE)).toBe('unlocked');
    // The row's code against the reference of the moment, read again while a new step's tick
    // could still be on its way (it was drawn before the clock read here).
    const read = async () => {
      const code = await afterRestart.$eval('[data-testid="code"]', (el) =>
        (el.textContent ?? '').replace(/\D/g, ''),
      );
      return { code, at: Date.now() };
    };
    const shown = await poll(
      async () => {
        const now = await read();
        return expectedCodes(SECRET, now.at).includes(now.code) ? now : undefined;
      },
      { timeout: 5_000 },
    ).catch(read);
    expect(expectedCodes(SECRET, shown.at)).toContain(shown.code);
    // The control: the same check finds the name in an unlocked popup's heap, so it can fail.
    expect(leaks(await heapStrings(await afterRestart.createCDPSession()), Date.now())).toContain(ISSUER);

    // Idle (chrome.idle, simulated) locks the open popup; so does the screen lock.
    for (const state of ['idle', 'locked']) {
      const worker = await eb.worker();
      // A string: this test's tsconfig has no chrome types, and the worker has no tsx helpers.
      await worker.evaluate(`chrome.idle.onStateChanged.dispatch(${JSON.stringify(state)})`);
      await expectLockedPopup(afterRestart);
      expect(await unlock(afterRestart, PASSPHRASE)).toBe('unlocked');
    }
    await locked.close();
    await afterRestart.close();
  }, 120_000);

  test('a browser restart locks; a copy of the profile does not open without the passphrase', async () => {
    await eb?.close();
    eb = undefined;
    cpSync(profile, copied, { recursive: true });
    for (const dir of [profile, copied]) {
      const browser = await launchWithExtension({ profile: dir });
      try {
        const popup = await browser.openPopupTab();
        await expectLockedPopup(popup);
        expect(await unlock(popup, PASSPHRASE)).toBe('unlocked');
        expect(await popup.$eval('[data-testid="account-name"]', (el) => el.textContent)).toContain(ISSUER);
      } finally {
        await browser.close();
      }
    }
  }, 120_000);
});
