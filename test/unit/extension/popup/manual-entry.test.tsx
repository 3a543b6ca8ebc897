// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { readActivity } from '../../../../extension/activity/read-activity';
import {
  allByTestId,
  byTestId,
  click,
  digitsOf,
  expectedTotp,
  fill,
  type Popup,
  renderPopup,
  SECRETS,
  submit,
  T0,
  waitFor,
} from './popup-fixtures';

let popup: Popup | undefined;
afterEach(() => popup?.unmount());

type FieldName = 'secret' | 'issuer' | 'label' | 'type' | 'algorithm' | 'digits' | 'period' | 'counter';

async function openForm(): Promise<HTMLFormElement> {
  popup = await renderPopup();
  await waitFor(() => byTestId(popup?.container ?? document, 'empty'));
  await click(byTestId(popup.container, 'add-manual'));
  return byTestId<HTMLButtonElement>(popup.container, 'save').form as HTMLFormElement;
}

function field(form: HTMLFormElement, name: FieldName): HTMLInputElement {
  const element = form.querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (element === null) throw new Error(`No field ${name}`);
  return element;
}

async function fillForm(form: HTMLFormElement, values: Partial<Record<FieldName, string>>): Promise<void> {
  for (const [name, value] of Object.entries(values)) await fill(field(form, name as FieldName), value);
}

/** The error shown for `name`, found through its aria-describedby, as a screen reader would. */
function errorFor(form: HTMLFormElement, name: FieldName): string | undefined {
  const input = field(form, name);
  if (input.getAttribute('aria-invalid') !== 'true') return undefined;
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return ids.map((id) => form.querySelector(`#${id}.field-error`)?.textContent).find(Boolean) ?? undefined;
}

describe('popup: manual entry', () => {
  it('has the contract fields, labelled, with type and algorithm as choices', async () => {
    const form = await openForm();
    for (const name of [
      'secret',
      'issuer',
      'label',
      'type',
      'algorithm',
      'digits',
      'period',
      'counter',
    ] as const) {
      const input = field(form, name);
      expect(form.querySelector(`label[for="${input.id}"]`)?.textContent, name).toBeTruthy();
    }
    expect(field(form, 'type').tagName).toBe('SELECT');
    expect(field(form, 'algorithm').tagName).toBe('SELECT');
    expect(form.querySelector('details summary')?.textContent).toBe('Geavanceerd');
    expect(document.activeElement).toBe(field(form, 'secret'));
  });

  const cases: {
    name: string;
    values: Partial<Record<FieldName, string>>;
    at: FieldName;
    message: string;
  }[] = [
    { name: 'empty secret', values: { secret: '  ' }, at: 'secret', message: 'Vul de geheime sleutel in.' },
    {
      name: 'bad base32',
      values: { secret: 'JBSWY3DP!HPK3PXP' },
      at: 'secret',
      message: 'Deze sleutel klopt niet',
    },
    { name: 'short secret', values: { secret: 'JBSWY3DP' }, at: 'secret', message: 'te kort' },
    {
      name: 'secret longer than 1024 characters',
      values: { secret: 'JBSWY3DP'.repeat(129) },
      at: 'secret',
      message: 'Deze sleutel is te lang: maximaal 1024 tekens.',
    },
    {
      name: 'digits out of range',
      values: { secret: SECRETS[0], digits: '9' },
      at: 'digits',
      message: 'Het aantal cijfers moet 6, 7 of 8 zijn.',
    },
    { name: 'bad period', values: { secret: SECRETS[0], period: '0' }, at: 'period', message: 'periode' },
    {
      name: 'HOTP without counter',
      values: { secret: SECRETS[0], type: 'hotp', counter: '' },
      at: 'counter',
      message: 'Vul de teller in',
    },
    {
      name: 'no name at all (invisible characters are none)',
      values: { secret: SECRETS[0], issuer: ' \u200b ', label: '' },
      at: 'issuer',
      message: 'Vul bij ‘Dienst’ of bij ‘Accountnaam’ een naam in, zodat u het account later herkent.',
    },
    {
      name: 'issuer longer than 200 characters',
      values: { secret: SECRETS[0], issuer: 'Zorgportaal '.repeat(17) },
      at: 'issuer',
      message: 'Deze naam is te lang: maximaal 200 tekens.',
    },
    {
      name: 'account name longer than 200 characters',
      values: { secret: SECRETS[0], label: `${'p'.repeat(200)}@praktijk.nl` },
      at: 'label',
      message: 'Deze naam is te lang: maximaal 200 tekens.',
    },
  ];

  it.each(cases)(
    '$name: the message at the right field, and nothing typed is lost',
    async ({ values, at, message }) => {
      const form = await openForm();
      const typed = { issuer: 'Gemeente', label: 'piet', ...values };
      await fillForm(form, typed);
      await submit(form);
      await waitFor(() => expect(errorFor(form, at)).toContain(message));
      for (const name of [
        'secret',
        'issuer',
        'label',
        'type',
        'algorithm',
        'digits',
        'period',
        'counter',
      ] as const) {
        if (name !== at) expect(errorFor(form, name), name).toBeUndefined();
      }
      for (const [name, value] of Object.entries(typed))
        expect(field(form, name as FieldName).value).toBe(value);
      expect(document.activeElement).toBe(field(form, at));
      // The advanced settings open when the message is inside them, and only then.
      const advanced = ['type', 'algorithm', 'digits', 'period', 'counter'].includes(at);
      expect(form.querySelector('details')?.open).toBe(advanced);
      expect(allByTestId(popup?.container ?? document, 'account')).toHaveLength(0);
    },
  );

  // Found by an accessibility review: the focus already on the field, moving it there says nothing.
  it('an error on the field that has the focus is said by an alert, anew at every try; one the focus moves to is not', async () => {
    const form = await openForm();
    const alerts = () => Array.from(form.querySelectorAll('[role="alert"]'), (el) => el.textContent);
    field(form, 'secret').focus();
    await fillForm(form, { secret: 'not a key!!', issuer: 'Gemeente' });
    field(form, 'secret').focus();
    await submit(form);
    await waitFor(() => expect(alerts()).toEqual([errorFor(form, 'secret')]));
    const first = form.querySelector('[role="alert"]');
    await submit(form);
    // A new alert element: a screen reader says an alert when it appears, not when it stays.
    await waitFor(() => expect(form.querySelector('[role="alert"]')).not.toBe(first));
    expect(alerts()).toHaveLength(1);
    // A name missing: the focus moves to that field, which says its error itself.
    await fillForm(form, { secret: SECRETS[0], issuer: '' });
    field(form, 'secret').focus();
    await submit(form);
    await waitFor(() => expect(errorFor(form, 'issuer')).toBeDefined());
    expect(document.activeElement).toBe(field(form, 'issuer'));
    expect(alerts()).toEqual([]);
  });

  it('shows the messages in English with the English locale', async () => {
    const form = await openForm();
    const { installChromeI18n } = await import('./chrome-i18n');
    installChromeI18n('en');
    await submit(form);
    await waitFor(() => expect(errorFor(form, 'secret')).toBe('Enter the secret key.'));
  });

  it('stores a pasted issuer and label without their zero-width and bidi characters', async () => {
    const form = await openForm();
    await fillForm(form, { secret: SECRETS[0], issuer: 'Port\u200baal\u202e', label: '\ufeffpiet' });
    await submit(form);
    const row = await waitFor(() => byTestId((popup as Popup).container, 'account'));
    expect(byTestId(row, 'account-name').textContent).toBe('Portaal');
    const vault = await (popup as Popup).reopen();
    const { accounts } = await vault.list();
    vault.close();
    expect(accounts[0]).toMatchObject({ issuer: 'Portaal', label: 'piet' });
  });

  it('adds a valid account, whose code equals an independent TOTP computation', async () => {
    const form = await openForm();
    // The earlier tests' adds may still be on their way into the activity log: wait until its
    // count holds still for 100 ms.
    let logged = -1;
    for (let count = (await readActivity()).length; count !== logged; count = (await readActivity()).length) {
      logged = count;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await fillForm(form, {
      secret: 'jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp',
      issuer: 'Portaal',
      label: 'piet',
    });
    await submit(form);
    const { container } = popup as Popup;
    const row = await waitFor(() => byTestId(container, 'account'));
    expect(byTestId(row, 'account-name').textContent).toBe('Portaal');
    expect(digitsOf(byTestId(row, 'code'))).toBe(expectedTotp(SECRETS[0], T0));
    expect(container.querySelector('form.manual-entry')).toBeNull();
    expect(byTestId(container, 'toast').textContent).toContain('‘Portaal: piet’ is toegevoegd.');
    // The activity log (shared by this file's tests) gains one entry, without the name, by the
    // time the row shows: a popup closed at once keeps it.
    expect(await readActivity()).toHaveLength(logged + 1);
    const [newest] = await readActivity();
    expect(newest?.event).toEqual({ kind: 'accounts-added', via: 'manual', count: 1 });
    expect(JSON.stringify(newest)).not.toMatch(/Portaal|piet/);

    const vault = await (popup as Popup).reopen();
    const { accounts } = await vault.list();
    vault.close();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      type: 'totp',
      issuer: 'Portaal',
      label: 'piet',
      digits: 6,
      period: 30,
    });
  });

  it('a key typed in twice is stored once: the popup says it is already in the list, its row has the focus', async () => {
    const form = await openForm();
    const values = { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', issuer: 'Zorgmail', label: 'balie' };
    await fillForm(form, values);
    await submit(form);
    const { container } = popup as Popup;
    await waitFor(() => byTestId(container, 'account'));
    const logged = (await readActivity()).length;

    await click(byTestId(container, 'add-manual'));
    const again = byTestId<HTMLButtonElement>(container, 'save').form as HTMLFormElement;
    // The same codes under other names (spaces and case in the key do not matter) is the same account.
    await fillForm(again, {
      secret: 'jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp',
      issuer: 'Zorgmail 2',
      label: 'x',
    });
    await submit(again);
    await waitFor(() => expect(container.querySelector('form.manual-entry')).toBeNull());
    expect(byTestId(container, 'toast').textContent).toContain(
      '‘Zorgmail: balie’ staat al in uw lijst; er is niets dubbel opgeslagen.',
    );
    expect(allByTestId(container, 'account')).toHaveLength(1);
    await waitFor(() => expect(byTestId(container, 'account').contains(document.activeElement)).toBe(true));
    expect(await readActivity()).toHaveLength(logged);
    const vault = await (popup as Popup).reopen();
    const { accounts } = await vault.list();
    vault.close();
    expect(accounts.map((a) => a.issuer)).toEqual(['Zorgmail']);
  });

  it('adds an 8-digit SHA256 account with a 60 s period from the advanced settings', async () => {
    const form = await openForm();
    await fillForm(form, {
      secret: SECRETS[1],
      issuer: 'Bank',
      algorithm: 'SHA256',
      digits: '8',
      period: '60',
    });
    await submit(form);
    const row = await waitFor(() => byTestId((popup as Popup).container, 'account'));
    const code = byTestId(row, 'code');
    expect(code.textContent).toMatch(/^\d{4} \d{4}$/);
    const { Secret, TOTP } = await import('otpauth');
    const expected = new TOTP({
      secret: Secret.fromBase32(SECRETS[1]),
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
    });
    expect(digitsOf(code)).toBe(expected.generate({ timestamp: T0 }));
  });
});
