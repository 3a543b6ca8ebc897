import { render } from 'preact';
import { openVault, type Vault } from '../vault';
import { App } from './components/app';
import './popup.css';

// Start-up breakdown for the benchmark: how long until our code runs at all.
performance.mark('popup-script');

// Opening the vault (IndexedDB, then unwrapping the key) and reading its records is what the first
// code waits for: start it before the first render rather than after it, and read the records while
// the key is being unwrapped. The app handles a failure.
let early: Promise<Vault> | undefined = openVault({ prefetch: true });
early.catch(() => undefined);
// The early vault for the first opening; should the app ever open it again, a fresh one.
const openEarly = () => {
  const vault = early ?? openVault();
  early = undefined;
  return vault;
};

const root = document.getElementById('app');
if (root !== null) render(<App openVault={openEarly} />, root);
