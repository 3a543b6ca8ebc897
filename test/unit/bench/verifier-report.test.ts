import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../../../bench/load-run';
import { neighbouringReference, twoOverOne, type VerifierRun } from '../../../bench/verifier-report';

/** A run of `rps` answers a second; a reference (the bare route) when `reference` is set. */
function run(rps: number, reference = false, target?: VerifierRun['target']): VerifierRun {
  const result: LoadResult = {
    name: reference ? 'bare' : 'run',
    requests: rps,
    seconds: 1,
    rps,
    p50: 1,
    p99: 2,
    statuses: {},
    errors: 0,
    generatorCpuMicros: 20,
  };
  return reference ? { result, reference } : target ? { result, target } : { result };
}

describe("a run's reference is the bare route measured around it", () => {
  // bare 100, A, bare 50, B, C, bare 80: the machine slowed, then sped up again.
  const runs = [run(100, true), run(9), run(50, true), run(6), run(7), run(80, true)];

  it('is the mean of the bare runs just before and just after it, not of all of them', () => {
    expect(neighbouringReference(runs, 1)).toBe(75);
    expect(neighbouringReference(runs, 3)).toBe(65);
    expect(neighbouringReference(runs, 4)).toBe(65);
  });

  it('is the one bare run there is when the run is first or last', () => {
    expect(neighbouringReference([run(5), run(60, true), run(40, true)], 0)).toBe(60);
    expect(neighbouringReference([run(90, true), run(40, true), run(5)], 2)).toBe(40);
  });
});

describe('two instances against one', () => {
  it('cancels a steady drift of the machine over runs made ×1, ×2, ×2, ×1', () => {
    // Two instances exactly as fast as one, on a machine that slows by 10 each run.
    const runs = [
      run(100, false, 'one'),
      run(90, false, 'two'),
      run(80, false, 'two'),
      run(70, false, 'one'),
    ];
    expect(twoOverOne(runs)).toBeCloseTo(1, 10);
    // The first pair alone would have called them 10 % slower.
    expect(twoOverOne(runs.slice(0, 2))).toBeCloseTo(0.9, 10);
  });

  it('ignores the bare route and is not a number without both kinds', () => {
    expect(twoOverOne([run(50, true), run(60, false, 'one'), run(66, false, 'two')])).toBeCloseTo(1.1, 10);
    expect(twoOverOne([run(60, false, 'one')])).toBeNaN();
  });
});
