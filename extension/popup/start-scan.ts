interface ChromeRuntime {
  readonly runtime?: { readonly sendMessage?: (message: unknown) => Promise<unknown> | undefined };
}

/**
 * Asks the service worker to start a QR scan (issue 4). Outside the extension, where there is no
 * `chrome.runtime`, it does nothing. Rejects when the worker does not answer.
 */
export async function startScan(): Promise<void> {
  const runtime = (globalThis as { chrome?: ChromeRuntime }).chrome?.runtime;
  if (typeof runtime?.sendMessage !== 'function') return;
  await runtime.sendMessage({ type: 'scan-start' });
}
