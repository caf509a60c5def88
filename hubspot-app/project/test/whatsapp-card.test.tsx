import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  LoadingSpinner,
  Tag,
  Text,
  TextArea,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it, vi } from 'vitest';
import type { CardData } from '../src/app/cards/lib/card-data.ts';
import { WhatsAppCard } from '../src/app/cards/WhatsAppCard.tsx';
import { claimedCard, closedWindowCard, emptyCard, fullCard, NOW } from './fixtures/card-data.ts';
import { FakeBackend, ok } from './fixtures/fake-backend.ts';
import { textOf } from './fixtures/text-of.ts';

function renderCard(backend: FakeBackend) {
  const renderer = createRenderer('crm.record.tab');
  renderer.render(
    <WhatsAppCard
      objectTypeId="0-136"
      objectId={4242}
      fetcher={backend.fetcher}
      now={() => NOW}
      timeZone="UTC"
    />,
  );
  return renderer;
}

const text = (renderer: ReturnType<typeof createRenderer>) => textOf(renderer.getRootNode());

describe('WhatsApp card', () => {
  it('shows a spinner while the conversation loads, and asks for this record', async () => {
    const backend = new FakeBackend();
    let answer: (value: { status: number; body: unknown }) => void = () => {};
    backend.on('GET /hubspot/card', () => ({ status: 200, body: fullCard }));
    const pending = new Promise<{ status: number; body: unknown }>((resolve) => {
      answer = resolve;
    });
    const fetcher: typeof backend.fetcher = async (url, init) => {
      const response = await backend.fetcher(url, init);
      await pending;
      return response;
    };
    const renderer = createRenderer('crm.record.tab');
    renderer.render(<WhatsAppCard objectTypeId="0-136" objectId={4242} fetcher={fetcher} now={() => NOW} />);
    expect(renderer.findByTestId(LoadingSpinner, 'loading')).toBeDefined();
    await vi.waitFor(() => expect(backend.requests).toHaveLength(1));
    expect(backend.requests[0]).toEqual({
      method: 'GET',
      path: '/hubspot/card',
      query: { objectTypeId: '0-136', objectId: '4242' },
    });
    answer({ status: 200, body: fullCard });
    await renderer.waitFor(() => expect(renderer.maybeFind(LoadingSpinner)).toBeNull());
  });

  it('says so when the record has no WhatsApp conversation', async () => {
    const backend = new FakeBackend().on('GET /hubspot/card', ok(emptyCard));
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.findByTestId(EmptyState, 'empty')).toBeDefined());
    expect(renderer.maybeFind(TextArea)).toBeNull();
  });

  it('shows the backend error and loads again on retry', async () => {
    const backend = new FakeBackend()
      .queue('GET /hubspot/card', {
        status: 503,
        body: { error: { code: 'TEMPORARY', message: 'Leadwire is restarting; try again in a minute.' } },
      })
      .on('GET /hubspot/card', ok(fullCard));
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.findByTestId(ErrorState, 'error')).toBeDefined());
    expect(renderer.findByTestId(Text, 'error-message').text).toBe(
      'Leadwire is restarting; try again in a minute.',
    );
    renderer.findByTestId(Button, 'retry').trigger('onClick');
    await renderer.waitFor(() => expect(text(renderer)).toContain('Layla Haddad'));
    expect(renderer.maybeFind(ErrorState)).toBeNull();
    expect(backend.calls('GET /hubspot/card')).toHaveLength(2);
  });

  it('refuses an answer that does not match the card-data contract', async () => {
    const backend = new FakeBackend().on('GET /hubspot/card', ok({ version: 1, conversation: { id: 'x' } }));
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.findByTestId(ErrorState, 'error')).toBeDefined());
    expect(renderer.findByTestId(Text, 'error-message').text).toContain('$.conversation.state');
  });

  it('shows the full conversation: transcript, transcriptions, signals, decision, trace and SLA', async () => {
    const backend = new FakeBackend().on('GET /hubspot/card', ok(fullCard));
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.maybeFind(LoadingSpinner)).toBeNull());

    expect(renderer.findByTestId(Tag, 'author-wamid.1').text).toBe('Layla Haddad');
    expect(renderer.findByTestId(Tag, 'author-wamid.2').text).toBe('Leadwire agent');
    expect(renderer.findByTestId(Tag, 'author-lw.5').text).toBe('Omar Saleh');
    expect(renderer.findByTestId(Text, 'time-wamid.1').text).toContain('09:40');
    expect(renderer.findByTestId(Text, 'text-wamid.1').text).toBe(
      'Hi, my AC stopped working, can someone come today?',
    );
    expect(renderer.findByTestId(Text, 'transcription-wamid.3').text).toContain(
      'I am in Al Olaya, near the mall',
    );
    expect(renderer.findByTestId(Text, 'transcription-wamid.4').text).toContain(
      'WhatsApp no longer has the audio',
    );

    const all = text(renderer);
    expect(all).toMatch(/Service\s*AC repair\s*92%\s*rules/);
    expect(all).toMatch(/Location\s*Al Olaya\s*80%\s*AI/);
    expect(all).toMatch(/Urgency\s*urgent\s*100%\s*confirmed by customer/);

    expect(renderer.findByTestId(Tag, 'decision').text).toBe('Inquiry (handed to a person)');
    for (const label of [
      'The customer asked for a person',
      'Sensitive topic: refund',
      'A voice note could not be transcribed',
      'Outside the service area',
      'The AI assistant handed it to a person',
      'Still missing: location',
    ]) {
      expect(all).toContain(label);
    }
    expect(renderer.findByTestId(Text, 'decision-model').text).toBe(
      'AI asked: location not read; a voice transcript',
    );

    expect(renderer.findByTestId(Text, 'assignee').text).toBe('Unassigned pool');
    expect(renderer.findByTestId(Text, 'rule').text).toBe('urgent-riyadh');
    expect(all).toContain('Rule vip did not match (customer)');
    expect(all).toContain('Group riyadh-techs');
    expect(renderer.findByTestId(Text, 'candidate-0-102').text).toBe('Sara Ali: skipped, at capacity');
    expect(renderer.findByTestId(Text, 'candidate-1-103').text).toBe(
      'Khalid Nasser: skipped, offline or outside working hours',
    );
    expect(renderer.findByTestId(Text, 'sla').text).toMatch(/Due at .*10:05.* re-routed 2 times \(of 3\)/);
  });

  it('shows the trace in the words leadwire explain uses when the trace carries them', async () => {
    const lines = [
      'SLA re-route 2 of at most 3 (maxHops)',
      'rule urgent-riyadh',
      'group riyadh-techs: nobody',
      '  Sara Ali (101): already held it (SLA re-route 2)',
      '  Khalid Nasser (103): off_shift until 09:00 Asia/Riyadh',
    ];
    const conversation = fullCard.conversation!;
    const routing = conversation.routing!;
    const withText: CardData = {
      version: 1,
      conversation: {
        ...conversation,
        routing: { ...routing, trace: { ...routing.trace!, text: lines, sweep: true } },
      },
    };
    const backend = new FakeBackend().on('GET /hubspot/card', ok(withText));
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.maybeFind(LoadingSpinner)).toBeNull());
    lines.forEach((line, i) => {
      expect(renderer.findByTestId(Text, `trace-line-${i}`).text).toBe(line);
    });
    expect(renderer.maybeFind(Text, { testId: 'candidate-0-102' })).toBeNull();
    expect(text(renderer)).toMatch(/urgent-riyadh pool sweep · urgent/);
  });

  it('opens the customer in WhatsApp in a new tab', async () => {
    const backend = new FakeBackend().on('GET /hubspot/card', ok(fullCard));
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.maybeFind(LoadingSpinner)).toBeNull());
    expect(renderer.findByTestId(Button, 'open-whatsapp').props.href).toEqual({
      url: 'https://wa.me/966501234567',
      external: true,
    });
  });

  it('claims a pooled conversation, then shows it assigned to the claimant', async () => {
    const backend = new FakeBackend()
      .queue('GET /hubspot/card', ok(fullCard))
      .on('GET /hubspot/card', ok(claimedCard))
      .on('POST /hubspot/claim', ok({ status: 'claimed' }));
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.findByTestId(Button, 'claim')).toBeDefined());

    renderer.findByTestId(Button, 'claim').trigger('onClick');
    await renderer.waitFor(() => expect(renderer.findByTestId(Text, 'assignee').text).toBe('Omar Saleh'));
    expect(backend.calls('POST /hubspot/claim')).toEqual([
      {
        method: 'POST',
        path: '/hubspot/claim',
        query: {},
        body: { conversationId: '1234567890:966501234567', expectedVersion: 4 },
      },
    ]);
    expect(backend.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /hubspot/card',
      'POST /hubspot/claim',
      'GET /hubspot/card',
    ]);
    expect(renderer.maybeFind(Button, { testId: 'claim' })).toBeNull();
  });

  it('offers no claim for a conversation someone holds', async () => {
    const backend = new FakeBackend().on('GET /hubspot/card', ok(claimedCard));
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.maybeFind(LoadingSpinner)).toBeNull());
    expect(renderer.maybeFind(Button, { testId: 'claim' })).toBeNull();
  });

  it('sends a reply through Leadwire while the window is open', async () => {
    const backend = new FakeBackend()
      .on('GET /hubspot/card', ok(fullCard))
      .on('POST /hubspot/reply', { status: 202, body: { status: 'sent', messageId: 'wamid.9' } });
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.maybeFind(LoadingSpinner)).toBeNull());
    expect(renderer.maybeFind(Text, { testId: 'reply-disabled-reason' })).toBeNull();

    renderer.findByTestId(TextArea, 'reply-text').trigger('onChange', 'On our way at 2 pm.' as never);
    await renderer.waitFor(() =>
      expect(renderer.findByTestId(Button, 'reply-send').props.disabled).toBe(false),
    );
    renderer.findByTestId(Button, 'reply-send').trigger('onClick');

    await vi.waitFor(() => expect(backend.calls('POST /hubspot/reply')).toHaveLength(1));
    expect(backend.calls('POST /hubspot/reply')[0]?.body).toEqual({
      conversationId: '1234567890:966501234567',
      text: 'On our way at 2 pm.',
    });
    await renderer.waitFor(() => expect(renderer.findByTestId(TextArea, 'reply-text').props.value).toBe(''));
    expect(renderer.findByTestId(Alert, 'notice').props.title).toBe('Reply sent');
  });

  it('keeps the reply and says why when Leadwire refuses it', async () => {
    const backend = new FakeBackend().on('GET /hubspot/card', ok(fullCard)).on('POST /hubspot/reply', {
      status: 409,
      body: { error: { code: 'CONFLICT', message: 'The 24-hour window closed a moment ago.' } },
    });
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.maybeFind(LoadingSpinner)).toBeNull());
    renderer.findByTestId(TextArea, 'reply-text').trigger('onChange', 'Hello?' as never);
    await renderer.waitFor(() =>
      expect(renderer.findByTestId(Button, 'reply-send').props.disabled).toBe(false),
    );
    renderer.findByTestId(Button, 'reply-send').trigger('onClick');
    await renderer.waitFor(() => expect(text(renderer)).toContain('The 24-hour window closed a moment ago.'));
    expect(renderer.findByTestId(TextArea, 'reply-text').props.value).toBe('Hello?');
  });

  it('disables the reply box outside the 24-hour window and says why', async () => {
    const backend = new FakeBackend().on('GET /hubspot/card', ok(closedWindowCard));
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.maybeFind(LoadingSpinner)).toBeNull());
    expect(renderer.findByTestId(Text, 'reply-disabled-reason').text).toMatch(
      /24-hour reply window closed at .*3 May 2026.*template messages/,
    );
    expect(renderer.findByTestId(TextArea, 'reply-text').props.readOnly).toBe(true);
    expect(renderer.findByTestId(Button, 'reply-send').props.disabled).toBe(true);
    renderer.findByTestId(Button, 'reply-send').trigger('onClick');
    expect(backend.calls('POST /hubspot/reply')).toHaveLength(0);
  });
});
