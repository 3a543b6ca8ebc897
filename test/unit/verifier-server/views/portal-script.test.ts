import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PORTAL_SCRIPT } from '../../../../verifier-server/views/portal-script';

/**
 * The portal's script on a page of its own: a fresh happy-dom window per test, the script run
 * against it with a clock the test moves. The double click itself, in Chromium against the
 * verifier, is test/e2e/portal-double-click.test.ts.
 */
let window: Window;
let clock: number;

/** Loads `body` into a fresh window and runs the script against it, as the page's deferred script. */
function load(body: string): void {
  window = new Window({ url: 'http://127.0.0.1:8080/login/code' });
  window.document.body.innerHTML = body;
  clock = 1_000;
  const run = new Function(
    'document',
    'addEventListener',
    'performance',
    'HTMLFormElement',
    'Element',
    PORTAL_SCRIPT,
  );
  run(
    window.document,
    window.addEventListener.bind(window),
    { now: () => clock },
    window.HTMLFormElement,
    window.Element,
  );
}

beforeEach(() => {
  load(`
    <header><details class="menu"><summary>demo</summary>
      <div class="items"><a href="/account">Mijn gegevens</a>
        <form method="post" action="/logout"><button type="submit">Uitloggen</button></form></div>
    </details></header>
    <main><form method="post" action="/login/code" id="code-form"><input id="code" name="code">
      <button type="submit">Inloggen</button></form>
      <form method="post" action="/login/fallback" id="other"><button type="submit">Geen toegang</button></form>
      <a href="/help" id="elsewhere">Hulp</a></main>`);
});

afterEach(async () => {
  await window.happyDOM.close();
});

const $ = <T extends Element>(selector: string): T => {
  const found = window.document.querySelector(selector);
  if (found === null) throw new Error(`no ${selector}`);
  return found as unknown as T;
};

/** The browser's pageshow (happy-dom has no PageTransitionEvent): `persisted` when from the cache. */
function pageshow(persisted: boolean): void {
  const event = new window.Event('pageshow');
  Object.defineProperty(event, 'persisted', { value: persisted });
  window.dispatchEvent(event);
}

/** Sends `form` as a click on its button would: true when the browser may go on and send it. */
function submit(selector: string): boolean {
  const event = new window.SubmitEvent('submit', { bubbles: true, cancelable: true });
  return $(selector).dispatchEvent(event as unknown as Event);
}

describe('a page that has sent a form', () => {
  test('sends no second one while the answer is on the way: a double click sends the code once', () => {
    expect(submit('#code-form')).toBe(true);
    expect($('#code-form').getAttribute('aria-busy')).toBe('true');
    clock += 120;
    expect(submit('#code-form')).toBe(false);
    // Nor another form of the page: its answer would replace the first's just the same.
    expect(submit('#other')).toBe(false);
    clock += 9_000;
    expect(submit('#code-form')).toBe(false);
  });

  test('sends again after 10 s without an answer, so a lost request can be retried', () => {
    expect(submit('#code-form')).toBe(true);
    clock += 10_000;
    expect(submit('#code-form')).toBe(true);
  });

  test('sends again when it comes back from the back/forward cache, no longer marked busy', () => {
    expect(submit('#code-form')).toBe(true);
    clock += 500;
    pageshow(true);
    expect($('#code-form').hasAttribute('aria-busy')).toBe(false);
    expect(submit('#code-form')).toBe(true);
  });

  test('sends again after Escape, which stops the browser loading (the answer will not come)', () => {
    expect(submit('#code-form')).toBe(true);
    clock += 2_000;
    window.document.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect($('#code-form').hasAttribute('aria-busy')).toBe(false);
    expect(submit('#code-form')).toBe(true);
  });

  test('a fresh load is no reason to forget it (pageshow without the cache)', () => {
    expect(submit('#code-form')).toBe(true);
    pageshow(false);
    expect(submit('#code-form')).toBe(false);
  });

  test('a submit another handler already cancelled does not count as sent', () => {
    const form = $('#code-form');
    const cancel = (event: Event) => event.preventDefault();
    form.addEventListener('submit', cancel);
    expect(submit('#code-form')).toBe(false);
    form.removeEventListener('submit', cancel);
    expect(submit('#code-form')).toBe(true);
  });
});

describe('the user menu', () => {
  const menu = () => $<HTMLDetailsElement>('details.menu');

  test('closes on Escape and gives the focus back to its button', () => {
    menu().open = true;
    $<HTMLAnchorElement>('details.menu a').focus();
    window.document.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(menu().open).toBe(false);
    expect(window.document.activeElement).toBe($('details.menu summary'));
  });

  test('closes on Escape when the focus is elsewhere; other keys leave it open', () => {
    menu().open = true;
    $<HTMLInputElement>('#code').focus();
    // The focus moving out closes it too; open it again to see what the keys do.
    menu().open = true;
    window.document.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(menu().open).toBe(true);
    window.document.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(menu().open).toBe(false);
    expect(window.document.activeElement).toBe($('#code'));
  });

  test('closes on a click elsewhere, not on a click inside', () => {
    menu().open = true;
    $('details.menu .items').dispatchEvent(
      new window.MouseEvent('click', { bubbles: true }) as unknown as Event,
    );
    expect(menu().open).toBe(true);
    $('#elsewhere').dispatchEvent(new window.MouseEvent('click', { bubbles: true }) as unknown as Event);
    expect(menu().open).toBe(false);
  });

  test('closes when the focus leaves it (Tab past its last item)', () => {
    menu().open = true;
    $<HTMLButtonElement>('details.menu button').focus();
    expect(menu().open).toBe(true);
    $<HTMLInputElement>('#code').focus();
    expect(menu().open).toBe(false);
  });
});

describe('a message carried across a redirect', () => {
  test('takes the focus as the page loads, so a screen reader reads it', async () => {
    await window.happyDOM.close();
    load(
      '<main><p class="notice" role="status">‘Chrome plugin balie’ is toegevoegd.</p><h1>Mijn gegevens</h1></main>',
    );
    expect(window.document.activeElement?.textContent).toBe('‘Chrome plugin balie’ is toegevoegd.');
    expect(window.document.activeElement?.getAttribute('tabindex')).toBe('-1');
  });

  test('not where a field is to take it (autofocus: the user types next), and not without a message', async () => {
    await window.happyDOM.close();
    load('<main><p class="notice" role="status">U bent uitgelogd.</p><input id="username" autofocus></main>');
    expect(window.document.activeElement?.tagName).not.toBe('P');
    await window.happyDOM.close();
    load('<main><p class="demo-notice">Demo</p><h1>Inloggen</h1></main>');
    expect(window.document.activeElement).toBe(window.document.body);
  });
});
