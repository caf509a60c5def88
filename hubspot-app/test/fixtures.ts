// Conversations as the worker hands them to the CRM port, and a clock the limiter and adapter share.
import type { Conversation, CrmTranscriptLine } from '@leadwire/connector-core';

export function conversationFixture(overrides: Partial<Conversation> = {}): Conversation {
  const at = '2026-11-21T17:00:00.000Z';
  return {
    id: '1098765:34600111222',
    tenantId: 'acme',
    phoneNumberId: '1098765',
    user: { waId: '34600111222', name: 'Lucía Fernández' },
    state: 'handed_over',
    signals: {
      urgency: { value: 'urgent', confidence: 0.9, source: 'rule', evidence: 'water everywhere', at },
      serviceType: { value: 'plumbing', confidence: 0.95, source: 'customer-confirmed', at },
      location: { value: { areaId: 'madrid-centro' }, confidence: 0.8, source: 'rule', at },
      language: { value: 'es', confidence: 0.99, source: 'rule', at },
      timing: {
        value: { iso: '2026-11-21T18:00:00.000Z', text: 'today' },
        confidence: 0.7,
        source: 'rule',
        at,
      },
    },
    crmRefs: {},
    turnSeq: 1,
    agent: {
      language: 'es',
      askedBefore: [],
      turnsWithoutProgress: 0,
      escalation: { humanRequested: false, sensitive: [], negativeSentiment: false },
      hasVoiceWithoutTranscript: false,
      decision: { decision: 'lead', reasons: ['service matched', 'urgent'], at },
    },
    voiceNotes: { 'wamid.voice1': { mediaId: 'm1', transcript: 'se ha roto una tubería en la cocina' } },
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}

export const firstTurnLines: CrmTranscriptLine[] = [
  {
    wamid: 'wamid.t1a',
    direction: 'inbound',
    author: 'customer',
    sentAt: '2026-11-21T17:00:00.000Z',
    text: 'Hola, tengo una fuga',
  },
  {
    wamid: 'wamid.voice1',
    direction: 'inbound',
    author: 'customer',
    sentAt: '2026-11-21T17:00:05.000Z',
    mediaId: 'm1',
  },
  {
    wamid: 'wamid.t1b',
    direction: 'outbound',
    author: 'agent',
    sentAt: '2026-11-21T17:00:10.000Z',
    text: 'Le paso con un técnico.',
  },
];

export const secondTurnLines: CrmTranscriptLine[] = [
  {
    wamid: 'wamid.t2a',
    direction: 'inbound',
    author: 'customer',
    sentAt: '2026-11-21T17:05:00.000Z',
    text: 'Es en la calle Mayor 5',
  },
];

/** A clock that only moves when someone sleeps on it: limiter waits and 429 pauses cost no real time. */
export function fakeTime(start = Date.parse('2026-11-21T17:00:00.000Z')) {
  const state = { now: start, slept: 0 };
  return {
    state,
    clock: { now: () => state.now },
    sleep: async (ms: number) => {
      state.now += ms;
      state.slept += ms;
    },
  };
}
