import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS = 100;

interface Stat {
  readonly pid: number;
  readonly ppid: number;
  readonly ticks: number;
}

function stats(): Stat[] {
  const out: Stat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (which may contain spaces) in parentheses.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/**
 * CPU seconds (user + system) used so far by `root` and every process below it: the verifier
 * and its workers, or a PostgreSQL server and its backends. The share of a shared machine a
 * run got varies; the CPU it spent per request varies much less.
 */
export function treeCpuSeconds(root: number): number {
  const all = stats();
  const below = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of all)
      if (!below.has(s.pid) && below.has(s.ppid)) {
        below.add(s.pid);
        grew = true;
      }
  }
  return all.filter((s) => below.has(s.pid)).reduce((sum, s) => sum + s.ticks, 0) / TICKS;
}
