// @vitest-environment happy-dom
/** The clock warning's figures: large drifts in minutes or hours, and the one a refusal is about. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Drift } from '../../../../extension/drift/check-drift';
import { type ClockCorrection, NO_CORRECTION } from '../../../../extension/drift/clock-offset';
import { ClockDrift } from '../../../../extension/popup/components/clock-drift';
import { installChromeI18n } from './chrome-i18n';
import { byTestId } from './popup-fixtures';

const HOUR = 3_600_000;
const SITE = 'https://portaal.example';

let root: HTMLElement | undefined;
afterEach(() => {
  if (root !== undefined) render(null, root);
  root?.remove();
});

async function warning(
  drift: Drift,
  { siteless = false, correction = NO_CORRECTION }: { siteless?: boolean; correction?: ClockCorrection } = {},
): Promise<HTMLElement> {
  const container = document.createElement('div');
  document.body.append(container);
  root = container;
  await act(() =>
    render(
      <ClockDrift
        drift={drift}
        site={SITE}
        siteless={siteless}
        correction={correction}
        onCorrect={() => undefined}
      />,
      container,
    ),
  );
  return container;
}

const sentence = (container: HTMLElement) =>
  byTestId(container, 'clock-drift').querySelector('p')?.textContent;

describe('clock warning: how far off', () => {
  it('a drift of 20 hours reads in hours, not 72000 seconds', async () => {
    installChromeI18n('nl');
    const ahead = -20 * HOUR;
    const container = await warning({ offsetMs: ahead, measuredMs: ahead, host: 'portaal.example' });
    expect(sentence(container)).toBe(
      'De klok van deze computer loopt 20 uur voor op de klok van portaal.example. Die website kan de codes daardoor weigeren.',
    );
  });

  it('in English: “is 20 hours ahead”; a correction of two hours reads “2 hours”', async () => {
    installChromeI18n('en');
    const ahead = -20 * HOUR;
    const container = await warning(
      { offsetMs: ahead, measuredMs: ahead, host: 'portaal.example' },
      { correction: [{ offsetMs: 2 * HOUR, site: 'https://elders.example' }] },
    );
    expect(sentence(container)).toContain('is 20 hours ahead of the clock of');
    expect(byTestId(container, 'clock-correction').textContent).toContain('a clock difference of 2 hours;');
  });

  it('refused for a correction in force: it names the measured difference the refusal is about', async () => {
    installChromeI18n('nl');
    // A correction of 1 minute in force for the accounts without a website; the page measures 6.
    const correction = [{ offsetMs: 60_000, site: 'https://elders.example', siteless: true }];
    const container = await warning(
      { offsetMs: 300_000, measuredMs: 360_000, host: 'portaal.example' },
      { siteless: true, correction },
    );
    byTestId(container, 'clock-correct-refused');
    expect(sentence(container)).toContain('loopt 6 minuten achter');
  });

  it('offered: it names the difference left over the correction in force', async () => {
    installChromeI18n('nl');
    const correction = [{ offsetMs: 60_000, site: 'https://elders.example', siteless: true }];
    const container = await warning(
      { offsetMs: 120_000, measuredMs: 180_000, host: 'portaal.example' },
      { siteless: true, correction },
    );
    byTestId(container, 'clock-correct');
    expect(sentence(container)).toContain('loopt 2 minuten achter');
  });
});
