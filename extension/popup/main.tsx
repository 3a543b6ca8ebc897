import { render } from 'preact';
import { App } from './components/app';
import './popup.css';

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
