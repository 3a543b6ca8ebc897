import { startPopup } from './start-popup';
import './popup.css';

// Start-up breakdown for the benchmark: how long until our code runs at all.
performance.mark('popup-script');

// The vault, the settings and the clock correction are read first, by this small module; the
// interface (Preact, the codes, the rows: most of the popup's script) is fetched, compiled and run
// while they are on their way, rather than before they are asked for.
const started = startPopup();
const { mountPopup } = await import('./mount-popup');
mountPopup(started);
