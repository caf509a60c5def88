// The intake agent's steps driven directly: voice notes through the media step (download, transcribe, keep
// the transcript; failures leave the note for a person), and a person's takeover released after idle time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Conversation,
  type DownloadedMedia,
  intakeAgent,
  LeadwireError,
  type Messenger,
  type OutboundMessage,
  releaseIfIdle,
  type StoredEvent,
  type Transcriber,
  type TurnContext,
} from '../src/index.ts';
import { exampleIntake } from '../src/testing/index.ts';
import { newConversation, runTurn, storedMessage } from './support/agent-turn.ts';

const T0 = Date.parse('2026-11-21T09:00:00Z');
const NUMBER = '106540352242922';

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return newConversation(
    { phoneNumberId: NUMBER, waId: '966501234567', at: T0 },
    { windowExpiresAt: new Date(T0 + 86_400_000).toISOString(), ...overrides },
  );
}

const stored = (fields: Record<string, unknown>): StoredEvent =>
  storedMessage(fields, { conversationId: `${NUMBER}:966501234567`, phoneNumberId: NUMBER, at: T0 });

const voice = (mediaId: string) =>
  stored({ type: 'audio', media: { id: mediaId, mimeType: 'audio/ogg; codecs=opus', voice: true } });
const text = (body: string) => stored({ type: 'text', text: body });

/** A messenger that records sends and serves media bytes it was given. */
function fakeMessenger(media: Record<string, string> = {}) {
  const sent: OutboundMessage[] = [];
  const downloads: string[] = [];
  const messenger: Messenger = {
    async send(_number, _to, message) {
      sent.push(message);
      return `wamid.out-${sent.length}`;
    },
    async markRead() {},
    async downloadMedia(_number, mediaId): Promise<DownloadedMedia> {
      downloads.push(mediaId);
      const body = media[mediaId];
      if (body === undefined) {
        throw new LeadwireError('NOT_FOUND', `media ${mediaId} is gone`, {
          details: { reason: 'media_gone' },
        });
      }
      return { bytes: Buffer.from(body), mimeType: 'audio/ogg', sha256: '' };
    },
  };
  return { messenger, sent, downloads };
}

const echoTranscriber: Transcriber = {
  async transcribe(audio) {
    return { text: audio.bytes.toString('utf8'), language: 'ar' };
  },
};

describe('media step', () => {
  it('transcribes a voice note and intake reads its words (service and area from the transcript)', async () => {
    const { messenger, downloads } = fakeMessenger({ 'media-1': 'أحتاج تنظيف عميق في جدة' });
    const agent = intakeAgent({
      intakeFor: () => exampleIntake,
      clock: { now: () => T0 },
      messenger,
      transcriberFor: () => echoTranscriber,
      replyIntervalMs: 0,
    });
    const event = voice('media-1');
    const after = await runTurn(agent, conversation(), [event]);
    assert.deepEqual(downloads, ['media-1']);
    assert.equal(after.voiceNotes?.[event.event.id]?.transcript, 'أحتاج تنظيف عميق في جدة');
    const signals = after.signals as Record<string, { value: unknown }>;
    assert.equal(signals.serviceType?.value, 'deep_cleaning');
    assert.equal((signals.location?.value as { areaId?: string } | undefined)?.areaId, 'jeddah');
    assert.equal(after.agent?.hasVoiceWithoutTranscript, false);
    assert.notEqual(after.agent?.decision?.decision, 'inquiry');
    assert.equal(after.agent?.history?.[0]?.text, 'أحتاج تنظيف عميق في جدة');
  });

  it('keeps a voice note it cannot fetch, with the reason, and escalates it as voice_unclear', async () => {
    const { messenger, sent } = fakeMessenger({});
    const agent = intakeAgent({
      intakeFor: () => exampleIntake,
      clock: { now: () => T0 },
      messenger,
      transcriberFor: () => echoTranscriber,
      replyIntervalMs: 0,
    });
    const event = voice('media-expired');
    const after = await runTurn(agent, conversation(), [event]);
    assert.deepEqual(after.voiceNotes?.[event.event.id], {
      mediaId: 'media-expired',
      mimeType: 'audio/ogg; codecs=opus',
      failure: 'media_gone',
    });
    assert.equal(after.state, 'inquiry');
    assert.ok(after.agent?.decision?.reasons.includes('voice_unclear'));
    assert.equal(sent.length, 1, 'the customer is told a person will answer');
  });

  it('without a transcriber, a voice note is kept as no_transcriber and goes to a person', async () => {
    const { messenger, downloads } = fakeMessenger({ 'media-2': 'hello' });
    const agent = intakeAgent({ intakeFor: () => exampleIntake, clock: { now: () => T0 }, messenger });
    const event = voice('media-2');
    const after = await runTurn(agent, conversation(), [event]);
    assert.deepEqual(downloads, [], 'nothing is downloaded without a transcriber');
    assert.equal(after.voiceNotes?.[event.event.id]?.failure, 'no_transcriber');
    assert.ok(after.agent?.decision?.reasons.includes('voice_unclear'));
  });

  it('lost access stops the turn (AUTH_REVOKED propagates) instead of being recorded as a failure', async () => {
    const messenger: Messenger = {
      ...fakeMessenger().messenger,
      async downloadMedia() {
        throw new LeadwireError('AUTH_REVOKED', 'token revoked');
      },
    };
    const agent = intakeAgent({
      intakeFor: () => exampleIntake,
      clock: { now: () => T0 },
      messenger,
      transcriberFor: () => echoTranscriber,
    });
    await assert.rejects(runTurn(agent, conversation(), [voice('media-3')]), { code: 'AUTH_REVOKED' });
  });

  it('a rerun of the step does not transcribe a note twice', async () => {
    let calls = 0;
    const counting: Transcriber = {
      async transcribe(audio) {
        calls++;
        return { text: audio.bytes.toString('utf8') };
      },
    };
    const { messenger } = fakeMessenger({ 'media-4': 'need AC repair in Riyadh' });
    const agent = intakeAgent({
      intakeFor: () => exampleIntake,
      clock: { now: () => T0 },
      messenger,
      transcriberFor: () => counting,
    });
    const media = agent.steps.find((step) => step.name === 'media')!;
    const events = [voice('media-4')];
    const context = (c: Conversation): TurnContext => ({
      conversation: c,
      turn: { conversationId: c.id, seq: 1, eventSeqs: [], claimedAt: '', fence: 1 },
      events,
      idempotencyKey: `${c.id}:1:media`,
      assertLease: async () => {},
    });
    const once = await media.run(context(conversation()));
    await media.run(context(once));
    assert.equal(calls, 1);
  });
});

describe('human takeover', () => {
  const HOUR = 3_600_000;
  const human = conversation({
    state: 'human',
    stateBeforeHuman: 'intake',
    humanAt: new Date(T0).toISOString(),
  });

  it('stays with the person while they were active recently', () => {
    assert.equal(releaseIfIdle(human, [text('hello?')], T0 + HOUR, 2 * HOUR).state, 'human');
  });

  it('returns to the state it had once the person has been idle and the customer writes', () => {
    const released = releaseIfIdle(human, [text('hello?')], T0 + 3 * HOUR, 2 * HOUR);
    assert.equal(released.state, 'intake');
    assert.equal(released.stateBeforeHuman, undefined);
    const handedOver = releaseIfIdle(
      { ...human, stateBeforeHuman: 'handed_over' },
      [text('hi')],
      T0 + 3 * HOUR,
      HOUR,
    );
    assert.equal(handedOver.state, 'handed_over', 'a handed-over lead stays handed over');
  });

  it('is not released by a turn without a customer message', () => {
    assert.equal(releaseIfIdle(human, [], T0 + 30 * HOUR, HOUR).state, 'human');
  });

  it('the agent answers again after release, and stays silent before it', async () => {
    const { messenger, sent } = fakeMessenger();
    let now = T0 + HOUR;
    const agent = intakeAgent({
      intakeFor: () => exampleIntake,
      clock: { now: () => now },
      messenger,
      humanIdleMsFor: () => 2 * HOUR,
      replyIntervalMs: 0,
    });
    const early = await runTurn(agent, human, [text('I need AC repair')]);
    assert.equal(early.state, 'human');
    assert.equal(sent.length, 0);
    now = T0 + 5 * HOUR;
    const later = await runTurn(agent, { ...early, windowExpiresAt: new Date(now + HOUR).toISOString() }, [
      text('anyone there? AC repair in Riyadh'),
    ]);
    assert.equal(later.state, 'intake');
    assert.equal(sent.length, 1, 'the agent speaks again');
  });
});
