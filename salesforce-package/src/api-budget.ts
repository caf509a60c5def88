// ApiBudget: one org's daily API allocation as Salesforce reports it (`Sforce-Limit-Info: api-usage=N/M` on every
// answer, `GET /limits` → DailyApiRequests). Salesforce has no Retry-After and blocks the whole org once the
// rolling 24-hour usage passes the limit (research/salesforce.md §2.7), so Leadwire stops short of it: above
// `1 - reserveRatio` of the limit it pauses the org's writes for `pauseMs`, then probes `/limits` before going on.
import { type Clock, LeadwireError, systemClock } from '@leadwire/connector-core';

export interface ApiBudgetOptions {
  /** the share of the daily limit left to people and other integrations @defaultValue 0.05 */
  reserveRatio?: number;
  /** how long the org waits once it reached its share @defaultValue 15 minutes */
  pauseMs?: number;
  clock?: Clock;
}

export interface ApiUsage {
  used: number;
  limit: number;
}

export class ApiBudget {
  readonly reserveRatio: number;
  readonly pauseMs: number;
  private readonly clock: Clock;
  private usage: ApiUsage | undefined;
  private pausedUntil = 0;

  constructor(options: ApiBudgetOptions = {}) {
    this.reserveRatio = options.reserveRatio ?? 0.05;
    this.pauseMs = options.pauseMs ?? 15 * 60_000;
    this.clock = options.clock ?? systemClock;
  }

  /** the last usage Salesforce reported */
  get current(): ApiUsage | undefined {
    return this.usage;
  }

  observe(usage: ApiUsage | undefined): void {
    if (usage === undefined || !Number.isFinite(usage.used) || !(usage.limit > 0)) return;
    this.usage = { ...usage };
  }

  private over(): boolean {
    return this.usage !== undefined && this.usage.used >= this.usage.limit * (1 - this.reserveRatio);
  }

  /**
   * Before a call: `ok` to go ahead, `probe` when the pause is over and usage must be re-read first (`/limits`);
   * throws RATE_LIMITED (with the wait) while the org is paused.
   */
  gate(orgId: string): 'ok' | 'probe' {
    if (!this.over()) return 'ok';
    const now = this.clock.now();
    if (this.pausedUntil === 0) this.pausedUntil = now + this.pauseMs;
    if (now >= this.pausedUntil) return 'probe';
    throw this.pausedError(orgId, this.pausedUntil - now);
  }

  /** after a probe: pause again when still over, or go on */
  afterProbe(orgId: string): void {
    if (!this.over()) {
      this.pausedUntil = 0;
      return;
    }
    this.pausedUntil = this.clock.now() + this.pauseMs;
    throw this.pausedError(orgId, this.pauseMs);
  }

  private pausedError(orgId: string, waitMs: number): LeadwireError {
    const usage = this.usage as ApiUsage;
    return new LeadwireError(
      'RATE_LIMITED',
      `Salesforce org ${orgId} used ${usage.used} of ${usage.limit} daily API requests; Leadwire waits to keep ${Math.round(this.reserveRatio * 100)}% for the org's own use`,
      { retryAfterMs: waitMs, details: { reason: 'api_budget', used: usage.used, limit: usage.limit } },
    );
  }
}
