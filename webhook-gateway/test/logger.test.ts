import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger } from '../src/observability/logger.ts';

function capture(redact: boolean): {
  lines: () => Array<Record<string, unknown>>;
  logger: ReturnType<typeof createLogger>;
} {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'info', redact }, stream);
  return {
    logger,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe('logs', () => {
  it('redact phone numbers, names, message bodies and secrets by default', () => {
    const { logger, lines } = capture(true);
    logger.info(
      {
        requestId: 'r1',
        event: {
          user: { phone: '+16505551234', waId: '16505551234', name: 'Sheena' },
          text: 'my address is…',
        },
        appSecret: 's3cret',
      },
      'received',
    );
    const line = lines()[0]!;
    const text = JSON.stringify(line);
    for (const secret of ['16505551234', 'Sheena', 'my address', 's3cret'])
      assert.ok(!text.includes(secret), secret);
    assert.equal(line.requestId, 'r1');
    assert.equal((line.event as { user: { phone: string } }).user.phone, '[redacted]');
  });
  it('keep personal data when redaction is turned off, never secrets', () => {
    const { logger, lines } = capture(false);
    logger.info({ user: { phone: '+16505551234' }, accessToken: 'tok' }, 'debugging');
    const line = lines()[0]!;
    assert.equal((line.user as { phone: string }).phone, '+16505551234');
    assert.equal(line.accessToken, '[redacted]');
  });
  it('keep no customer number in turn ids, conversation ids or request paths, yet one number reads the same', () => {
    const { logger, lines } = capture(true);
    logger.warn({ turnId: '106540352242922:16505551234:3' }, 'turn failed');
    logger.info({ path: '/conversations/106540352242922:16505551234/claim' }, 'admin request refused');
    const [turn, admin] = lines() as [Record<string, string>, Record<string, string>];
    for (const line of [turn, admin]) assert.ok(!JSON.stringify(line).includes('16505551234'));
    const pseudonym = /#[0-9a-f]{8}/g;
    assert.deepEqual(turn.turnId?.match(pseudonym)?.length, 2);
    assert.equal(
      turn.turnId?.split(':')[1],
      admin.path?.split('/')[2]?.split(':')[1],
      'the same number, the same pseudonym',
    );
    assert.match(turn.turnId ?? '', /:3$/, 'short numbers (a turn sequence) stay');
  });
});
