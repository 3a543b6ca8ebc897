/** The benchmark vault's passphrase: set by the bench page, typed into the popup by the benchmark. */
export const BENCH_PASSPHRASE = 'een wachtwoordzin voor de benchmark';
