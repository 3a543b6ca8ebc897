import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readSettings, resolveSettings, writeSetting } from '../../../../extension/settings/read-settings';
import { secretExportsAllowed } from '../../../../extension/settings/secret-exports';
import {
  SETTING_DEFAULTS,
  SETTING_RANGES,
  type SettingKey,
  validSetting,
} from '../../../../extension/settings/settings';
import manifest from '../../../../manifest.config';

const schema = JSON.parse(readFileSync('extension/public/managed-schema.json', 'utf8')) as {
  properties: Record<string, { type: string; minimum?: number; maximum?: number; pattern?: string }>;
};

/**
 * The attributes Chrome's policy schema knows for each type (chromium
 * components/policy/core/common/schema.cc, kAttributesAndTypesFor…). It ignores any other
 * (Schema::Parse, kSchemaOptionsIgnoreUnknownAttributes): "maxLength" would limit nothing.
 */
const CHROME_SCHEMA_ATTRIBUTES: Record<string, readonly string[]> = {
  boolean: ['description', 'id', 'sensitiveValue', 'title', 'type'],
  integer: ['description', 'enum', 'id', 'maximum', 'minimum', 'sensitiveValue', 'title', 'type'],
  string: ['description', 'enum', 'id', 'pattern', 'sensitiveValue', 'title', 'type'],
};

function fakeStorage(policy: Record<string, unknown>, local: Record<string, unknown> = {}) {
  (globalThis as { chrome?: unknown }).chrome = {
    storage: {
      managed: { get: async () => ({ ...policy }) },
      local: {
        get: async (keys: string[]) =>
          Object.fromEntries(keys.filter((k) => k in local).map((k) => [k, local[k]])),
        set: async (items: Record<string, unknown>) => void Object.assign(local, items),
      },
    },
  };
  return local;
}

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('the managed policy schema', () => {
  it('is the manifest’s storage.managed_schema and names every setting with its type and range (in attributes Chrome knows), nothing else', () => {
    expect((manifest as unknown as { storage: unknown }).storage).toEqual({
      managed_schema: 'managed-schema.json',
    });
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(SETTING_DEFAULTS).sort());
    for (const [key, property] of Object.entries(schema.properties)) {
      const value = SETTING_DEFAULTS[key as SettingKey];
      expect(property.type, key).toBe(typeof value === 'number' ? 'integer' : typeof value);
      const range = SETTING_RANGES[key as SettingKey];
      if (range !== undefined) expect([property.minimum, property.maximum], key).toEqual(range);
      // Only attributes Chrome's schema knows, so that Chrome itself checks every bound.
      for (const attribute of Object.keys(property))
        expect(CHROME_SCHEMA_ATTRIBUTES[property.type], `${key}.${attribute}`).toContain(attribute);
    }
  });

  it.each([
    ['empty', ''],
    ['80 letters', 'x'.repeat(80)],
    ['81 letters', 'x'.repeat(81)],
    ['80 emoji (160 UTF-16 units)', '👩'.repeat(80)],
    ['81 emoji', '👩'.repeat(81)],
    ['80 characters with line breaks', `${'x\n'.repeat(40)}`],
    ['81 characters ending in a line break', `${'x'.repeat(80)}\n`],
  ])(
    '[%#] workstationName: the schema’s pattern (as Chrome’s RE2 matches it) and the code agree on %s',
    (_, name) => {
      const pattern = schema.properties.workstationName?.pattern;
      expect(pattern).toBeDefined();
      // RE2 works on code points, as a JavaScript RegExp with the u flag does; Chrome looks for a
      // match anywhere (PartialMatch), as test() does: the pattern anchors itself.
      const acceptedByChrome = new RegExp(pattern ?? '', 'u').test(name);
      expect(acceptedByChrome).toBe([...name].length <= 80);
      expect(validSetting('workstationName', name) !== undefined).toBe(acceptedByChrome);
    },
  );

  it('has the issue’s keys exactly as named', () => {
    for (const key of [
      'requirePassphrase',
      'minPassphraseLength',
      'autoLockMinutes',
      'lockOnScreenLock',
      'workstationName',
      'allowSecretExport',
      'allowEncryptedBackup',
      'allowManualEntry',
      'allowErase',
      'allowDeleteAccounts',
      'clipboardClearSeconds',
      'fillOnlyOnAccountSites',
    ])
      expect(schema.properties).toHaveProperty(key);
  });
});

describe('policy wins over settings', () => {
  it('uses the policy when set, else the user’s choice, else the default, and says which are managed', () => {
    const { values, managed } = resolveSettings(
      { autoLockMinutes: 5, allowSecretExport: false },
      {
        'settings.autoLockMinutes': 60,
        'settings.workstationName': 'Chrome plugin balie',
        'settings.lockOnScreenLock': false,
      },
    );
    expect(values.autoLockMinutes).toBe(5);
    expect(values.allowSecretExport).toBe(false);
    expect(values.workstationName).toBe('Chrome plugin balie');
    expect(values.lockOnScreenLock).toBe(false);
    expect(values.clipboardClearSeconds).toBe(30);
    expect([...managed].sort()).toEqual(['allowSecretExport', 'autoLockMinutes']);
  });

  it.each([
    ['autoLockMinutes', '5'],
    ['autoLockMinutes', -1],
    ['autoLockMinutes', 2.5],
    ['clipboardClearSeconds', 601],
    ['requirePassphrase', 'true'],
    ['workstationName', 42],
    ['workstationName', 'x'.repeat(81)],
    ['workstationName', '👩'.repeat(81)],
    ['minPassphraseLength', 4],
  ])(
    '[%#] ignores a malformed %s (%j): the user’s value or the default applies, not managed',
    (key, value) => {
      const { values, managed } = resolveSettings({ [key]: value }, {});
      expect(values[key as SettingKey]).toBe(SETTING_DEFAULTS[key as SettingKey]);
      expect(managed.has(key as SettingKey)).toBe(false);
    },
  );

  it('allowErase: on by default; the policy’s false switches it off and is managed; "false" or 0 is ignored', () => {
    expect(resolveSettings({}, {}).values.allowErase).toBe(true);
    const { values, managed } = resolveSettings({ allowErase: false }, {});
    expect(values.allowErase).toBe(false);
    expect(managed.has('allowErase')).toBe(true);
    for (const malformed of ['false', 0]) {
      const ignored = resolveSettings({ allowErase: malformed }, {});
      expect(ignored.values.allowErase).toBe(true);
      expect(ignored.managed.has('allowErase')).toBe(false);
    }
  });

  it('allowDeleteAccounts: on by default; the policy’s false switches it off and is managed; "false" or 0 is ignored', () => {
    expect(SETTING_DEFAULTS.allowDeleteAccounts).toBe(true);
    expect(resolveSettings({}, {}).values.allowDeleteAccounts).toBe(true);
    const { values, managed } = resolveSettings({ allowDeleteAccounts: false }, {});
    expect(values.allowDeleteAccounts).toBe(false);
    expect(managed.has('allowDeleteAccounts')).toBe(true);
    for (const malformed of ['false', 0, null]) {
      const ignored = resolveSettings({ allowDeleteAccounts: malformed }, {});
      expect(ignored.values.allowDeleteAccounts).toBe(true);
      expect(ignored.managed.has('allowDeleteAccounts')).toBe(false);
    }
  });

  it('fillOnlyOnAccountSites: off by default; the policy’s true switches it on and is managed; "true" or 1 is ignored', () => {
    expect(resolveSettings({}, {}).values.fillOnlyOnAccountSites).toBe(false);
    const { values, managed } = resolveSettings({ fillOnlyOnAccountSites: true }, {});
    expect(values.fillOnlyOnAccountSites).toBe(true);
    expect(managed.has('fillOnlyOnAccountSites')).toBe(true);
    for (const malformed of ['true', 1]) {
      const ignored = resolveSettings({ fillOnlyOnAccountSites: malformed }, {});
      expect(ignored.values.fillOnlyOnAccountSites).toBe(false);
      expect(ignored.managed.has('fillOnlyOnAccountSites')).toBe(false);
    }
  });

  it('allowSecretExport from the policy overrides the user’s settings.secretExportsAllowed, both ways', async () => {
    fakeStorage({ allowSecretExport: false }, { 'settings.secretExportsAllowed': true });
    expect(await secretExportsAllowed()).toBe(false);
    fakeStorage({ allowSecretExport: true }, { 'settings.secretExportsAllowed': false });
    expect(await secretExportsAllowed()).toBe(true);
    fakeStorage({}, { 'settings.secretExportsAllowed': false });
    expect(await secretExportsAllowed()).toBe(false);
  });

  it('a user write is stored but a managed setting keeps the policy’s value; invalid writes are refused', async () => {
    const local = fakeStorage({ autoLockMinutes: 5 });
    await writeSetting('autoLockMinutes', 60);
    expect(local['settings.autoLockMinutes']).toBe(60);
    expect((await readSettings()).values.autoLockMinutes).toBe(5);
    await expect(writeSetting('autoLockMinutes', -3)).rejects.toBeInstanceOf(RangeError);
  });

  it('a browser without policy support (managed.get rejects) reads as no policy', async () => {
    (globalThis as { chrome?: unknown }).chrome = {
      storage: {
        managed: { get: async () => Promise.reject(new Error('no policy')) },
        local: { get: async () => ({}) },
      },
    };
    expect((await readSettings()).managed.size).toBe(0);
  });
});
