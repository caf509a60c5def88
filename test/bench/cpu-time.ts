// CPU time of a process and of each of its threads, read from Linux /proc (undefined elsewhere): what the
// benches report per request or per turn, since two shared cores make wall-clock rates noisy.
import { readdirSync, readFileSync } from 'node:fs';

/** The kernel's clock ticks per second for utime / stime (USER_HZ: 100 on every Linux Node supports). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of one /proc `stat` file, and the command (thread) name it shows. */
function readStat(path: string): { name: string; seconds: number } | undefined {
  try {
    const stat = readFileSync(path, 'utf8');
    // The name is in parentheses and may hold spaces; utime and stime are the 12th and 13th fields after it.
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return {
      name: stat.slice(stat.indexOf('(') + 1, close),
      seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}

/** User + system CPU seconds a process (all its threads) has used so far. */
export function processCpuSeconds(pid: number | undefined): number | undefined {
  return pid === undefined ? undefined : readStat(`/proc/${pid}/stat`)?.seconds;
}

/**
 * CPU seconds each thread of a process has used so far, summed by thread name (`MainThread`, a worker's `name`,
 * `V8Worker` for the garbage collector's helpers, `libuv-worker` for the thread pool).
 */
export function threadCpuSeconds(pid: number | undefined): Record<string, number> | undefined {
  if (pid === undefined) return undefined;
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  const byName: Record<string, number> = {};
  for (const task of tasks) {
    const stat = readStat(`/proc/${pid}/task/${task}/stat`);
    if (stat !== undefined) byName[stat.name] = (byName[stat.name] ?? 0) + stat.seconds;
  }
  return byName;
}

/**
 * The whole machine's CPU seconds so far, summed over its cores, from /proc/stat: `busy` (user, system, interrupts,
 * stolen by the hypervisor) and `total` (busy, idle and waiting for I/O). Over an interval, the difference of
 * `total − busy` divided by the interval is how many cores stood idle — what another thread could have used.
 */
export function machineCpuSeconds(): { busy: number; total: number } | undefined {
  let line: string | undefined;
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  } catch {
    return undefined;
  }
  if (line?.startsWith('cpu ') !== true) return undefined;
  // user nice system idle iowait irq softirq steal (guest time is already counted in user)
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, n) => sum + n, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return { busy: (total - idle) / TICKS_PER_SECOND, total: total / TICKS_PER_SECOND };
}
