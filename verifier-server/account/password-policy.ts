/** Password length, in characters (code points), for the portal's forms and the CLI alike. */
export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 256;

/**
 * The `maxlength` of every password field. A browser counts UTF-16 units there, the server code
 * points: a password of MAX_PASSWORD emoji is twice as many units and must still fit the field
 * (else its owner could not type it at the login). Longer input is the server's to refuse.
 */
export const MAX_PASSWORD_FIELD = 2 * MAX_PASSWORD;
