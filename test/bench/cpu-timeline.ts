// bench:pipeline's CPU timeline: every quarter second of a run, how many of the machine's cores were busy and how
// much of a core embedded mode's work thread, all of Leadwire and the bench itself used. Totals per turn say what
// the work costs; the timeline says when the work thread was the bottleneck (near a whole core) and whether a core
// stood idle meanwhile — the most a second work thread could have had.
import { cpus } from 'node:os';
import { machineCpuSeconds } from './cpu-time.ts';

/** CPU seconds so far, per process and thread name (`bench` is this process; `leadwire-work` the work thread). */
export type CpuSeconds = Record<string, Record<string, number>>;

/** An interval in which the work thread ran at least this share of a core counts as the work thread saturated. */
const SATURATED_CORE_SHARE = 0.8;

export interface CpuTimeline {
  intervalMs: number;
  /** seconds of the run in which the work thread used at least 0.8 of a core */
  workThreadSaturatedSeconds: number;
  /** the machine's idle cores (median) in those intervals: at most what another work thread could have used */
  idleCoresWhileSaturated: number | null;
  /** the machine's idle cores (median) over the whole run */
  idleCoresP50: number | null;
  /** per interval: [seconds since the start, machine cores busy, work thread, Leadwire (all its threads), bench] */
  samples: Array<[number, number, number, number, number]>;
}

const round = (n: number) => Number(n.toFixed(2));
const median = (values: number[]) =>
  values.length === 0 ? null : round(values.toSorted((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!);

function sum(snapshot: CpuSeconds, take: (process: string, thread: string) => boolean): number {
  let seconds = 0;
  for (const [process, threads] of Object.entries(snapshot))
    for (const [thread, s] of Object.entries(threads)) if (take(process, thread)) seconds += s;
  return seconds;
}

/** The three figures a sample compares: the work thread, Leadwire's processes and the bench's, in CPU seconds. */
function parts(snapshot: CpuSeconds): [number, number, number] {
  return [
    sum(snapshot, (_, thread) => thread === 'leadwire-work'),
    sum(snapshot, (process) => process !== 'bench'),
    sum(snapshot, (process) => process === 'bench'),
  ];
}

/** Samples `read()` and the machine every `intervalMs` until `stop()`; empty where /proc is not there to read. */
export function startCpuTimeline(read: () => CpuSeconds, intervalMs = 250): { stop(): CpuTimeline } {
  const cores = cpus().length;
  const started = performance.now();
  const samples: CpuTimeline['samples'] = [];
  let previous = { at: started, machine: machineCpuSeconds(), parts: parts(read()) };
  const sample = () => {
    const at = performance.now();
    const machine = machineCpuSeconds();
    const now = parts(read());
    const wallSeconds = (at - previous.at) / 1000;
    if (machine !== undefined && previous.machine !== undefined && wallSeconds > 0) {
      const elapsedTicks = machine.total - previous.machine.total;
      // the share of the machine's ticks that were busy, in cores (robust to the timer firing late)
      const busyCores =
        elapsedTicks > 0 ? (cores * (machine.busy - previous.machine.busy)) / elapsedTicks : 0;
      const coresOf = (i: 0 | 1 | 2) => round((now[i] - previous.parts[i]) / wallSeconds);
      samples.push([round((at - started) / 1000), round(busyCores), coresOf(0), coresOf(1), coresOf(2)]);
    }
    previous = { at, machine, parts: now };
  };
  // unref'd: a run that fails before stop() must not keep the bench from exiting
  const timer = setInterval(sample, intervalMs).unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      const saturated = samples.filter(([, , work]) => work >= SATURATED_CORE_SHARE);
      return {
        intervalMs,
        workThreadSaturatedSeconds: round((saturated.length * intervalMs) / 1000),
        idleCoresWhileSaturated: median(saturated.map(([, busy]) => cores - busy)),
        idleCoresP50: median(samples.map(([, busy]) => cores - busy)),
        samples,
      };
    },
  };
}
