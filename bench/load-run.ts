import autocannon from 'autocannon';

export interface LoadResult {
  readonly name: string;
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  /** Milliseconds, over every response (autocannon's default includes non-2xx). */
  readonly p50: number;
  readonly p99: number;
  /** Response count per HTTP status. */
  readonly statuses: Readonly<Record<string, number>>;
  /** Connection errors and timeouts (no response at all). */
  readonly errors: number;
  /**
   * CPU time of this process (autocannon, the load generator) per answer, first answer to last
   * (µs): it runs on the same CPUs as the server, so what it spends the server does not get.
   */
  readonly generatorCpuMicros: number;
}

export interface LoadOptions extends autocannon.Options {
  /** Stops the run after this long even if `amount` was not reached. */
  readonly maxSeconds?: number;
}

/** Runs autocannon once and reduces its result to the figures the benchmark prints. */
export async function loadRun(name: string, options: LoadOptions): Promise<LoadResult> {
  const { maxSeconds, ...opts } = options;
  let timer: NodeJS.Timeout | undefined;
  let answered = 0;
  let first = 0;
  let last = 0;
  let cpuAtFirst: NodeJS.CpuUsage | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)));
    // autocannon's own duration runs to its next whole-second tick after the last answer (up to
    // 1 s on a 10 s run); the rate is taken over the answers' own span instead.
    instance.on('response', () => {
      last = performance.now();
      if (answered++ === 0) {
        first = last;
        cpuAtFirst = process.cpuUsage();
      }
    });
    if (maxSeconds !== undefined) timer = setTimeout(() => instance.stop(), maxSeconds * 1000);
  });
  clearTimeout(timer);
  const cpu = process.cpuUsage(cpuAtFirst);
  const statuses: Record<string, number> = {};
  for (const [status, stat] of Object.entries(result.statusCodeStats ?? {}))
    statuses[status] = stat.count ?? 0;
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  const span = (last - first) / 1000;
  return {
    name,
    requests,
    seconds: span,
    rps: span > 0 ? (answered - 1) / span : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
    generatorCpuMicros: answered > 1 ? (cpu.user + cpu.system) / (answered - 1) : Number.NaN,
  };
}
