/**
 * The static floor popup's marks, named as the real popup's: its codes are in the DOM once the
 * parser has reached this (module scripts run after parsing).
 */
performance.mark('popup-script');
performance.mark('vault-open');
performance.mark('first-code');
performance.mark('all-codes');
