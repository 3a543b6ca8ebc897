/**
 * `npm run bench`: every benchmark in turn. Each prints its own report; the exit code is 0 when
 * they all ran, whether or not a target was met (a benchmark reports, it does not gate).
 */
import { runImportBench } from './import-bench';
import { runLockBench } from './lock-bench';
import { runPopupBench } from './popup-bench';
import { runScanBench } from './scan-bench';
import { runUnlockBench } from './unlock-bench';
import { runVerifierBench } from './verifier-bench';

const BENCHMARKS: ReadonlyArray<{ readonly name: string; readonly run: () => Promise<void> }> = [
  { name: 'verifier', run: runVerifierBench },
  { name: 'popup', run: runPopupBench },
  { name: 'scan', run: runScanBench },
  { name: 'import', run: runImportBench },
  { name: 'unlock', run: runUnlockBench },
  { name: 'lock', run: runLockBench },
];

for (const { name, run } of BENCHMARKS) {
  process.stdout.write(`\n== ${name} ==\n`);
  await run();
}
