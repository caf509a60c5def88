import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configSchema, LeadwireError } from '@leadwire/connector-core';
import { retryDecision } from '../src/queue/retry-policy.ts';

const options = { attempts: 30, backoffMs: 50, maxBackoffMs: 5000 };

function delayAfter(thrown: unknown, attempt: number): number | undefined {
  const decision = retryDecision(thrown, attempt, options);
  return decision.retry ? decision.delayMs : undefined;
}

describe('retry policy', () => {
  it('doubles the wait per try up to maxBackoffMs, however many tries came before', () => {
    const busy = new LeadwireError('CONFLICT', 'UNABLE_TO_LOCK_ROW');
    const waits = [1, 2, 3, 7, 8, 13, 29].map((attempt) => delayAfter(busy, attempt));
    assert.deepEqual(waits, [50, 100, 200, 3200, 5000, 5000, 5000]);
  });

  it('waits what a rate limit asks, and gives up after the last try or on an error retrying cannot fix', () => {
    assert.equal(delayAfter(new LeadwireError('RATE_LIMITED', '429', { retryAfterMs: 1234 }), 9), 1234);
    assert.equal(delayAfter(new Error('socket hang up'), 30), undefined);
    assert.equal(delayAfter(new LeadwireError('VALIDATION', 'bad'), 1), undefined);
  });

  it('is configured by turns.maxBackoffMs, five minutes unless set', () => {
    const base = {
      whatsapp: { verifyToken: 'env:V', apps: [{ id: 'a', appSecret: 'env:S' }] },
      tenants: [{ id: 't', whatsapp: { app: 'a', phoneNumberIds: ['1'] } }],
    };
    assert.equal(configSchema.parse(base).turns.maxBackoffMs, 300_000);
    assert.equal(configSchema.parse({ ...base, turns: { maxBackoffMs: 5000 } }).turns.maxBackoffMs, 5000);
    assert.throws(() => configSchema.parse({ ...base, turns: { maxBackoffMs: 0 } }), /maxBackoffMs/);
  });
});
