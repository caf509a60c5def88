// Clock: the only source of "now" for the domain, so tests and the sandbox can move time.
export interface Clock {
  /** milliseconds since the epoch */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
