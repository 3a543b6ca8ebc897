/** Password length, in characters (code points), for the portal's forms and the CLI alike. */
export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 256;
