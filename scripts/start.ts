/**
 * `npm start`: after `npm run build` has put the extension in dist/, says how to load it
 * (Dutch and English) and starts the verifier with the demo account.
 */
import { resolve } from 'node:path';

const dist = resolve('dist');
process.stdout.write(
  [
    '',
    'Extensie / Extension',
    `  NL: open chrome://extensions, zet "Ontwikkelaarsmodus" aan, klik "Uitgepakte extensie laden" en kies ${dist}`,
    '      Pin daarna "Authenticator" via het puzzelstukje naast de adresbalk.',
    `  EN: open chrome://extensions, switch on "Developer mode", click "Load unpacked" and choose ${dist}`,
    '      Then pin "Authenticator" with the puzzle-piece icon next to the address bar.',
    '',
    'Portaal / Portal',
    '',
  ].join('\n'),
);
await import('../verifier-server/server');
