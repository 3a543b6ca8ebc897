import { describe, expect, test } from 'vitest';
import { isolateList, isolateText } from '../../../../extension/popup/isolate-text';

const FSI = '\u2068';
const PDI = '\u2069';

describe('isolateText', () => {
  test('puts a name with right-to-left letters between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE', () => {
    expect(isolateText('בנק')).toBe(`${FSI}בנק${PDI}`);
    expect(isolateText('Bank مصرف 2')).toBe(`${FSI}Bank مصرف 2${PDI}`);
  });

  test('leaves a left-to-right name as it is: it cannot move anything in our sentences', () => {
    expect(isolateText('bank.nl')).toBe('bank.nl');
    expect(isolateText('Chrome plugin balie (2)')).toBe('Chrome plugin balie (2)');
  });

  test("drops the name's own controls: a POP DIRECTIONAL ISOLATE in it cannot end the isolate early", () => {
    // Kept, the PDI would close the FSI and the RLO after it would reverse the rest of the sentence.
    expect(isolateText(`בנק${PDI}\u202eln.knab`)).toBe(`${FSI}בנקln.knab${PDI}`);
    expect(isolateText(`x${PDI}\u202eln.knab`)).toBe('xln.knab');
    expect(isolateText('a\u200bb\u202cc')).toBe('abc');
  });
});

describe('isolateList', () => {
  test('isolates each right-to-left name on its own, comma-separated', () => {
    expect(isolateList(['Bank', 'בנק'])).toBe(`Bank, ${FSI}בנק${PDI}`);
    expect(isolateList([])).toBe('');
  });
});
