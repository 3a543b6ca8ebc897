import { render } from 'preact';
import { openVault } from '../vault';
import { App } from './components/app';
import './popup.css';

// Start-up breakdown for the benchmark: how long until our code runs at all.
performance.mark('popup-script');

// Opening the vault (IndexedDB, then unwrapping the key) and reading its records is what the first
// code waits for: start it before the first render rather than after it, and read the records while
// the key is being unwrapped. The app handles a failure.
const opening = openVault({ prefetch: true });
opening.catch(() => undefined);
const openEarly = () => opening;

const root = document.getElementById('app');
if (root !== null) render(<App openVault={openEarly} />, root);
