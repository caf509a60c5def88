import { Alert, Button, MultiSelect, NumberInput, Select, StatusTag, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { describe, expect, it, vi } from 'vitest';
import { SettingsPage } from '../src/app/settings/SettingsPage.tsx';
import { FakeBackend, ok } from './fixtures/fake-backend.ts';
import { settings } from './fixtures/settings-data.ts';

function renderPage(backend: FakeBackend) {
  const renderer = createRenderer('settings');
  renderer.render(<SettingsPage fetcher={backend.fetcher} />);
  return renderer;
}

async function loaded(backend: FakeBackend) {
  const renderer = renderPage(backend);
  await renderer.waitFor(() => expect(renderer.findByTestId(Button, 'save')).toBeDefined());
  return renderer;
}

describe('Settings page', () => {
  it('loads the connection, the WhatsApp numbers and the routing mapping', async () => {
    const backend = new FakeBackend().on('GET /hubspot/settings', ok(settings));
    const renderer = await loaded(backend);
    expect(renderer.findByTestId(StatusTag, 'connection-status').text).toBe('connected');
    expect(renderer.findByTestId(Text, 'number-1234567890').text).toContain('+966 11 234 5678 (CoolFix)');
    expect(renderer.findByTestId(MultiSelect, 'group-riyadh-techs-members').props.value).toEqual(['101']);
    expect(renderer.findByTestId(Select, 'rules.0.targets.0.group').props.value).toBe('riyadh-techs');
    expect(renderer.findByTestId(NumberInput, 'sla.minutes').props.value).toBe(5);
  });

  it('shows a validation problem at its field and does not save', async () => {
    const backend = new FakeBackend()
      .on('GET /hubspot/settings', ok(settings))
      .on('PUT /hubspot/settings', ok({}));
    const renderer = await loaded(backend);
    renderer.findByTestId(NumberInput, 'sla.minutes').trigger('onChange', 0 as never);
    renderer.findByTestId(Button, 'group-riyadh-techs-remove').trigger('onClick');
    await renderer.waitFor(() =>
      expect(renderer.maybeFind(MultiSelect, { testId: 'group-riyadh-techs-members' })).toBeNull(),
    );
    renderer.findByTestId(Button, 'save').trigger('onClick');

    await renderer.waitFor(() =>
      expect(renderer.findByTestId(NumberInput, 'sla.minutes').props.error).toBe(true),
    );
    expect(renderer.findByTestId(NumberInput, 'sla.minutes').props.validationMessage).toMatch(
      />0|greater|positive/i,
    );
    expect(renderer.findByTestId(Select, 'rules.0.targets.0.group').props.validationMessage).toBe(
      'no group "riyadh-techs" in routing.groups (have: none declared)',
    );
    expect(renderer.findByTestId(Alert, 'notice').props.title).toBe('Not saved');
    expect(backend.calls('PUT /hubspot/settings')).toHaveLength(0);
  });

  it('saves an edited mapping with PUT: a team added to a group, SLA minutes, a fallback', async () => {
    const backend = new FakeBackend()
      .on('GET /hubspot/settings', ok(settings))
      .on('PUT /hubspot/settings', (request) => ok({ routing: request.body?.routing }));
    const renderer = await loaded(backend);

    renderer.findByTestId(Select, 'group-riyadh-techs-team').trigger('onChange', 't-jeddah' as never);
    await renderer.waitFor(() =>
      expect(renderer.findByTestId(MultiSelect, 'group-riyadh-techs-members').props.value).toEqual([
        '101',
        '102',
        '103',
      ]),
    );
    renderer.findByTestId(NumberInput, 'sla.minutes').trigger('onChange', 10 as never);
    renderer.findByTestId(Button, 'alternates.add').trigger('onClick');
    await renderer.waitFor(() => expect(renderer.findByTestId(Select, 'alternates.0.kind')).toBeDefined());
    renderer.findByTestId(Select, 'alternates.0.kind').trigger('onChange', 'user' as never);
    await renderer.waitFor(() => expect(renderer.findByTestId(Select, 'alternates.0.user')).toBeDefined());
    renderer.findByTestId(Select, 'alternates.0.user').trigger('onChange', '103' as never);
    await renderer.waitFor(() =>
      expect(renderer.findByTestId(Select, 'alternates.0.user').props.value).toBe('103'),
    );

    renderer.findByTestId(Button, 'save').trigger('onClick');
    await vi.waitFor(() => expect(backend.calls('PUT /hubspot/settings')).toHaveLength(1));
    const routing = backend.calls('PUT /hubspot/settings')[0]?.body?.routing as typeof settings.routing;
    expect(routing.sla?.minutes).toBe(10);
    expect(routing.alternates).toEqual([{ user: '103' }]);
    expect(routing.users).toEqual([
      { id: '101', name: 'Omar Saleh', groups: ['riyadh-techs'] },
      { id: '102', name: 'Sara Ali', email: 'sara@coolfix.example', groups: ['riyadh-techs'] },
      { id: '103', name: 'Khalid Nasser', groups: ['riyadh-techs'] },
    ]);
    await renderer.waitFor(() => expect(renderer.findByTestId(Alert, 'notice').props.title).toBe('Saved'));
  });

  it('shows the problems the backend reports at their fields', async () => {
    const backend = new FakeBackend().on('GET /hubspot/settings', ok(settings)).on('PUT /hubspot/settings', {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION',
          message: 'The routing config has 1 problem.',
          issues: [{ path: ['sla', 'maxHops'], message: 'at most 10 re-routes' }],
        },
      },
    });
    const renderer = await loaded(backend);
    renderer.findByTestId(Button, 'save').trigger('onClick');
    await renderer.waitFor(() =>
      expect(renderer.findByTestId(NumberInput, 'sla.maxHops').props.validationMessage).toBe(
        'at most 10 re-routes',
      ),
    );
    expect(backend.calls('PUT /hubspot/settings')).toHaveLength(1);
  });
});
