import { render } from 'preact';
import { chromeLockStorage } from '../lock/chrome-storage';
import { loadSession } from '../lock/session-store';
import { openVault } from '../vault';
import { OptionsApp } from './components/options-app';
import '../popup/popup.css';
import './options.css';

/** Opens with the browser session's key: a locked vault throws VaultLockedError and the page asks to unlock. */
const open = async () => openVault({ session: await loadSession(chromeLockStorage().session) });

const root = document.getElementById('app');
if (root !== null) render(<OptionsApp openVault={open} />, root);
