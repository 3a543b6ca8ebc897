/** Told the database's name after each entry is written (record-activity.ts). */
export const ACTIVITY_CHANNEL = 'authenticator-activity';

/** Calls `onChange` whenever an entry is written to `dbName`, anywhere in the extension, until `signal` aborts. */
export function watchActivity(dbName: string, onChange: () => void, signal: AbortSignal): void {
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel(ACTIVITY_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    if (event.data === dbName) onChange();
  };
  signal.addEventListener('abort', () => channel.close(), { once: true });
}
