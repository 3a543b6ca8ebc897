import { render } from 'preact';
import { openVault } from '../vault';
import { OptionsApp } from './components/options-app';
import '../popup/popup.css';
import './options.css';

const root = document.getElementById('app');
if (root !== null) render(<OptionsApp openVault={() => openVault()} />, root);
