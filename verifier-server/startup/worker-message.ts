/** What a worker tells the primary (node:cluster IPC). */
export type WorkerMessage = { readonly type: 'listening'; readonly address: string };

export function isWorkerMessage(message: unknown): message is WorkerMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'listening' &&
    typeof (message as { address?: unknown }).address === 'string'
  );
}
