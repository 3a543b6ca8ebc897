import { render } from 'preact';
import { App } from './components/app';
import './popup.css';

// Start-up breakdown for the benchmark: how long until our code runs at all.
performance.mark('popup-script');

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
