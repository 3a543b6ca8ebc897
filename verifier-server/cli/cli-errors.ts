/** A command used wrongly (a missing argument, an unknown name): exit 2, nothing changed. */
export class UsageError extends Error {}

/** A command that understood its arguments and would not do it (the message says why): exit 1, nothing changed. */
export class CommandRefused extends Error {}
