/**
 * The SQLite checkpointer failed (sqlite-checkpoint-worker.ts): the server keeps answering (the
 * writer's own checkpoint still runs, in the request path), but slower at the tail; logged as
 * `database.checkpoint-failed`, once per run of failures and at most once a minute.
 */
export class CheckpointerError extends Error {
  constructor(cause: Error) {
    super(`the WAL checkpointer failed: ${cause.message}`, { cause });
    this.name = 'CheckpointerError';
  }
}
