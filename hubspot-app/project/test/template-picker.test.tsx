import { Alert, Button, Input, LoadingSpinner, Select, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it, vi } from 'vitest';
import type { TemplatesData } from '../src/app/cards/lib/templates-data.ts';
import { WhatsAppCard } from '../src/app/cards/WhatsAppCard.tsx';
import { closedWindowCard, fullCard, NOW } from './fixtures/card-data.ts';
import { FakeBackend, ok } from './fixtures/fake-backend.ts';

const templates: TemplatesData = {
  windowOpen: false,
  templates: [
    {
      name: 'lead_follow_up',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      body: 'Hi {{1}}, this is {{2}} about your request.',
      headerParameters: [],
      bodyParameters: ['1', '2'],
      sendable: true,
    },
    {
      name: 'summer_sale',
      language: 'en_US',
      status: 'REJECTED',
      category: 'MARKETING',
      body: 'Big summer sale!',
      headerParameters: [],
      bodyParameters: [],
      sendable: false,
      rejectedReason: 'PROMOTIONAL',
    },
  ],
};

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

describe('templates outside the 24-hour window', () => {
  it('picks an approved template, fills its parameters and sends it', async () => {
    const backend = new FakeBackend()
      .on('GET /hubspot/card', ok(closedWindowCard))
      .on('GET /hubspot/templates', ok(templates))
      .on('POST /hubspot/reply', ok({ conversationId: 'c', wamid: 'wamid.t1' }));
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.maybeFind(LoadingSpinner)).toBeNull());
    renderer.findByTestId(Button, 'templates-load').trigger('onClick');
    await renderer.waitFor(() => expect(renderer.findByTestId(Select, 'template-select')).toBeDefined());
    const labels = (
      renderer.findByTestId(Select, 'template-select').props.options as Array<{ label: string }>
    ).map((o) => o.label);
    expect(labels).toEqual([
      'lead_follow_up (en_US) · UTILITY · APPROVED',
      'summer_sale (en_US) · MARKETING · REJECTED',
    ]);

    renderer.findByTestId(Select, 'template-select').trigger('onChange', 'summer_sale|en_US' as never);
    await renderer.waitFor(() =>
      expect(renderer.findByTestId(Text, 'template-not-sendable').text).toMatch(/REJECTED \(PROMOTIONAL\)/),
    );
    expect(renderer.findByTestId(Button, 'template-send').props.disabled).toBe(true);

    renderer.findByTestId(Select, 'template-select').trigger('onChange', 'lead_follow_up|en_US' as never);
    await renderer.waitFor(() => expect(renderer.findByTestId(Input, 'template-param-body:1')).toBeDefined());
    renderer.findByTestId(Input, 'template-param-body:1').trigger('onChange', 'Layla' as never);
    renderer.findByTestId(Input, 'template-param-body:2').trigger('onChange', 'Sam' as never);
    await renderer.waitFor(() =>
      expect(renderer.findByTestId(Button, 'template-send').props.disabled).toBe(false),
    );
    renderer.findByTestId(Button, 'template-send').trigger('onClick');
    await vi.waitFor(() => expect(backend.calls('POST /hubspot/reply')).toHaveLength(1));
    expect(backend.calls('POST /hubspot/reply')[0]?.body).toEqual({
      conversationId: closedWindowCard.conversation?.id,
      template: { name: 'lead_follow_up', language: 'en_US', body: ['Layla', 'Sam'] },
    });
    await renderer.waitFor(() =>
      expect(renderer.findByTestId(Alert, 'notice').props.title).toBe('Template sent'),
    );
  });

  it('offers no template while the window is open', async () => {
    const backend = new FakeBackend().on('GET /hubspot/card', ok(fullCard));
    const renderer = renderCard(backend);
    await renderer.waitFor(() => expect(renderer.maybeFind(LoadingSpinner)).toBeNull());
    expect(renderer.maybeFind(Button, { testId: 'templates-load' })).toBeNull();
  });
});
