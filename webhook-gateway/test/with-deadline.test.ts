// A deadline on work the gateway answers for: the work's own outcome when it comes in time, TEMPORARY when not,
// and a failure after the deadline never surfaces as an unhandled rejection.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { isLeadwireError } from '@leadwire/connector-core';
import { withDeadline } from '../src/runtime/with-deadline.ts';

describe('withDeadline', () => {
  it('answers with the work’s value or its failure when it settles in time', async () => {
    assert.equal(
      await withDeadline(
        sleep(5).then(() => 'logged'),
        1000,
        'logging',
      ),
      'logged',
    );
    await assert.rejects(withDeadline(Promise.reject(new Error('READONLY')), 1000, 'logging'), /READONLY/);
  });

  it('fails TEMPORARY, naming the work, once the deadline passes, while the work goes on', async () => {
    let finish = (): void => {};
    let finished = false;
    const work = new Promise<void>((resolve) => {
      finish = resolve;
    }).then(() => {
      finished = true;
    });
    await assert.rejects(withDeadline(work, 20, 'logging the delivery'), (error: unknown) => {
      assert.ok(isLeadwireError(error));
      assert.equal(error.code, 'TEMPORARY');
      assert.equal(error.message, 'logging the delivery took longer than 20 ms; retry');
      return true;
    });
    assert.equal(finished, false, 'answered at the deadline, not when the work ended');
    finish();
    await work;
    assert.equal(finished, true);
  });

  it('lets a failure after the deadline go without an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const note = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', note);
    try {
      const late = sleep(30).then(() => {
        throw new Error('Connection is closed');
      });
      await assert.rejects(withDeadline(late, 5, 'logging'), /took longer than 5 ms/);
      await sleep(60);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', note);
    }
  });
});
