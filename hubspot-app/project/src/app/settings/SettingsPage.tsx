// Leadwire's settings page for RevOps: is the portal connected, which WhatsApp numbers feed it, and the
// owner and fallback mapping (groups of HubSpot owners and teams, rules with their ordered target chains,
// alternates, SLA). The routing config is validated with the config file's own schema before it is saved.
import {
  Alert,
  Button,
  Divider,
  Flex,
  Heading,
  hubspot,
  Input,
  LoadingSpinner,
  MultiSelect,
  NumberInput,
  Select,
  StatusTag,
  Text,
  Tile,
} from '@hubspot/ui-extensions';
import { useCallback, useEffect, useState } from 'react';
import { TargetChain } from './components/TargetChain.tsx';
import { BackendError, backendUrl, type Fetcher, messageOf, requestJson } from './lib/backend.ts';
import { parseSettingsData, type SettingsData } from './lib/settings-data.ts';
import {
  type Draft,
  type DraftRule,
  errorsFromIssues,
  type FieldErrors,
  membersOf,
  setMembers,
  validateDraft,
} from './routing-draft.ts';

hubspot.extend<'settings'>(() => <SettingsPage />);

const hubspotFetcher: Fetcher = (url, init) =>
  hubspot.fetch(url, { ...init, timeout: init.timeout ?? 15_000 });

export interface SettingsPageProps {
  /** @defaultValue hubspot.fetch */
  fetcher?: Fetcher;
}

type Load =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: SettingsData };
type Notice = { variant: 'success' | 'error'; title: string; message: string } | undefined;

const STRATEGIES = [
  { label: 'Round robin', value: 'round_robin' },
  { label: 'Least active', value: 'least_active' },
  { label: 'Balanced (fewest open)', value: 'balanced' },
];

const CONNECTION_TAG = { connected: 'success', paused: 'warning', revoked: 'danger' } as const;

export function SettingsPage({ fetcher = hubspotFetcher }: SettingsPageProps) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<Notice>(undefined);
  const [saving, setSaving] = useState(false);
  const [newGroupId, setNewGroupId] = useState('');
  const [newRuleId, setNewRuleId] = useState('');

  const fetchLoad = useCallback(async (): Promise<Load> => {
    try {
      const data = parseSettingsData(
        await requestJson(fetcher, backendUrl('/hubspot/settings'), { method: 'GET' }),
      );
      return { status: 'ready', data };
    } catch (error) {
      return { status: 'error', message: messageOf(error) };
    }
  }, [fetcher]);
  const show = useCallback((next: Load) => {
    setLoad(next);
    if (next.status === 'ready') setDraft(next.data.routing);
  }, []);
  const refresh = useCallback(async () => show(await fetchLoad()), [fetchLoad, show]);

  // State is set when the answer arrives (never synchronously in the effect), and not after unmounting.
  useEffect(() => {
    let current = true;
    void fetchLoad().then((next) => {
      if (current) show(next);
    });
    return () => {
      current = false;
    };
  }, [fetchLoad, show]);

  if (load.status === 'loading') return <LoadingSpinner label="Loading Leadwire settings" testId="loading" />;
  if (load.status === 'error') {
    return (
      <Alert title="The settings could not be loaded" variant="error" testId="error">
        {load.message}{' '}
        <Button
          size="xs"
          onClick={() => {
            setLoad({ status: 'loading' });
            void refresh();
          }}
          testId="retry"
        >
          Try again
        </Button>
      </Alert>
    );
  }

  const { data } = load;
  const edit = (next: Draft) => {
    setDraft(next);
    setNotice(undefined);
  };
  const error = (path: string) => errors[path];
  const ownerOptions = data.owners.map((owner) => ({
    label: owner.active ? owner.name : `${owner.name} (inactive)`,
    value: owner.id,
  }));
  const groups = draft.groups ?? [];
  const rules = draft.rules ?? [];
  const targetOptions = {
    group: groups.map((group) => ({ label: group.id, value: group.id })),
    user: ownerOptions,
    queue: (draft.queues ?? []).map((queue) => ({ label: queue.name ?? queue.id, value: queue.id })),
  };
  const updateRule = (index: number, rule: DraftRule) =>
    edit({ ...draft, rules: rules.map((current, i) => (i === index ? rule : current)) });

  const save = async () => {
    const found = validateDraft(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setNotice({
        variant: 'error',
        title: 'Not saved',
        message: `Fix the ${Object.keys(found).length} problem(s) marked below, then save again.`,
      });
      return;
    }
    setSaving(true);
    try {
      const saved = await requestJson(fetcher, backendUrl('/hubspot/settings'), {
        method: 'PUT',
        body: { routing: draft },
      });
      const routing = (saved as { routing?: Draft } | undefined)?.routing;
      if (routing !== undefined) setDraft(routing);
      setNotice({
        variant: 'success',
        title: 'Saved',
        message: 'Leadwire routes new conversations with these settings.',
      });
    } catch (failure) {
      if (failure instanceof BackendError && failure.issues.length > 0)
        setErrors(errorsFromIssues(failure.issues));
      setNotice({ variant: 'error', title: 'Not saved', message: messageOf(failure) });
    } finally {
      setSaving(false);
    }
  };

  // Problems at paths no field shows (e.g. a duplicate user id), listed under the save button.
  const shown = (path: string) =>
    /^(sla\.|admin$|groups\.\d+\.id$|rules\.\d+\.(id|targets)|alternates)/.test(path) ||
    /^users\.\d+\.groups/.test(path);
  const otherErrors = Object.entries(errors).filter(([path]) => !shown(path));

  return (
    <Flex direction="column" gap="md" testId="settings">
      <Tile>
        <Heading>Connection</Heading>
        <Flex direction="row" gap="xs" align="center">
          <StatusTag variant={CONNECTION_TAG[data.connection.status]} testId="connection-status">
            {data.connection.status}
          </StatusTag>
          <Text>HubSpot portal {data.connection.portalId}</Text>
        </Flex>
        {data.connection.message === undefined ? null : <Text>{data.connection.message}</Text>}
        <Text format={{ fontWeight: 'demibold' }}>WhatsApp numbers</Text>
        {data.whatsappNumbers.length === 0 ? (
          <Text>No WhatsApp number is connected yet.</Text>
        ) : (
          data.whatsappNumbers.map((number) => (
            <Text key={number.phoneNumberId} testId={`number-${number.phoneNumberId}`}>
              {number.displayNumber}
              {number.verifiedName === undefined ? '' : ` (${number.verifiedName})`} · {number.status}
            </Text>
          ))
        )}
      </Tile>

      <Tile>
        <Heading>Groups</Heading>
        <Text variant="microcopy">Members are HubSpot owners; add a whole team at once.</Text>
        {groups.map((group, index) => {
          const members = membersOf(draft, group.id);
          return (
            <Flex key={group.id} direction="column" gap="xs" testId={`group-${group.id}`}>
              <Divider />
              <Text format={{ fontWeight: 'bold' }}>{group.id}</Text>
              {error(`groups.${index}.id`) === undefined ? null : <Text>{error(`groups.${index}.id`)}</Text>}
              <Select
                label="Distribution"
                name={`groups.${index}.strategy`}
                value={group.strategy ?? 'round_robin'}
                options={STRATEGIES}
                onChange={(value) =>
                  edit({
                    ...draft,
                    groups: groups.map((g, i) =>
                      i === index
                        ? { ...g, strategy: value as 'round_robin' | 'least_active' | 'balanced' }
                        : g,
                    ),
                  })
                }
              />
              <MultiSelect
                label="Members"
                name={`groups.${index}.members`}
                value={members}
                options={ownerOptions}
                onChange={(value) => edit(setMembers(draft, group.id, value.map(String), data.owners))}
                testId={`group-${group.id}-members`}
              />
              <Select
                label="Add a team"
                name={`groups.${index}.team`}
                options={data.teams.map((team) => ({ label: team.name, value: team.id }))}
                onChange={(value) => {
                  const team = data.teams.find((candidate) => candidate.id === value);
                  if (team) edit(setMembers(draft, group.id, [...members, ...team.ownerIds], data.owners));
                }}
                testId={`group-${group.id}-team`}
              />
              <Button
                size="xs"
                variant="destructive"
                onClick={() =>
                  edit({
                    ...setMembers(draft, group.id, [], data.owners),
                    groups: groups.filter((_, i) => i !== index),
                  })
                }
                testId={`group-${group.id}-remove`}
              >
                Remove group
              </Button>
            </Flex>
          );
        })}
        <Flex direction="row" gap="xs" align="end">
          <Input label="New group id" name="newGroupId" value={newGroupId} onChange={setNewGroupId} />
          <Button
            onClick={() => {
              if (newGroupId.trim() === '') return;
              edit({ ...draft, groups: [...groups, { id: newGroupId.trim() }] });
              setNewGroupId('');
            }}
          >
            Add group
          </Button>
        </Flex>
      </Tile>

      <Tile>
        <Heading>Rules</Heading>
        <Text variant="microcopy">
          The first rule whose conditions hold decides; its targets are tried in order. Empty conditions match
          every conversation.
        </Text>
        {rules.map((rule, index) => {
          const when = rule.when ?? {};
          const setWhen = (key: keyof NonNullable<DraftRule['when']>, value: unknown) => {
            const next: Record<string, unknown> = { ...when, [key]: value };
            if (value === undefined || (Array.isArray(value) && value.length === 0)) delete next[key];
            updateRule(index, { ...rule, when: next as DraftRule['when'] });
          };
          return (
            <Flex key={rule.id} direction="column" gap="xs" testId={`rule-${rule.id}`}>
              <Divider />
              <Text format={{ fontWeight: 'bold' }}>
                {index + 1}. {rule.id}
              </Text>
              {error(`rules.${index}.id`) === undefined ? null : <Text>{error(`rules.${index}.id`)}</Text>}
              <Flex direction="row" gap="xs" wrap>
                <MultiSelect
                  label="Service"
                  name={`rules.${index}.when.serviceType`}
                  value={when.serviceType ?? []}
                  options={data.catalog.services.map((s) => ({ label: s.name, value: s.id }))}
                  onChange={(value) => setWhen('serviceType', value.map(String))}
                />
                <MultiSelect
                  label="Area"
                  name={`rules.${index}.when.area`}
                  value={when.area ?? []}
                  options={data.catalog.areas.map((a) => ({ label: a.name, value: a.id }))}
                  onChange={(value) => setWhen('area', value.map(String))}
                />
                <MultiSelect
                  label="Urgency"
                  name={`rules.${index}.when.urgency`}
                  value={when.urgency ?? []}
                  options={[
                    { label: 'Urgent', value: 'urgent' },
                    { label: 'Normal', value: 'normal' },
                    { label: 'Not said', value: 'unknown' },
                  ]}
                  onChange={(value) => setWhen('urgency', value.map(String))}
                />
                <MultiSelect
                  label="Language"
                  name={`rules.${index}.when.language`}
                  value={when.language ?? []}
                  options={data.catalog.languages.map((l) => ({ label: l, value: l }))}
                  onChange={(value) => setWhen('language', value.map(String))}
                />
                <MultiSelect
                  label="Decision"
                  name={`rules.${index}.when.decision`}
                  value={when.decision ?? []}
                  options={[
                    { label: 'Lead', value: 'lead' },
                    { label: 'Inquiry', value: 'inquiry' },
                  ]}
                  onChange={(value) => setWhen('decision', value.map(String))}
                />
                <Select
                  label="Customer"
                  name={`rules.${index}.when.customer`}
                  value={when.customer ?? 'any'}
                  options={[
                    { label: 'Any', value: 'any' },
                    { label: 'New', value: 'new' },
                    { label: 'Returning', value: 'returning' },
                  ]}
                  onChange={(value) => setWhen('customer', value === 'any' ? undefined : value)}
                />
                <Select
                  label="Business hours"
                  name={`rules.${index}.when.businessHours`}
                  value={when.businessHours === undefined ? 'any' : when.businessHours ? 'inside' : 'outside'}
                  options={[
                    { label: 'Any time', value: 'any' },
                    { label: 'Inside', value: 'inside' },
                    { label: 'Outside', value: 'outside' },
                  ]}
                  error={error(`rules.${index}.when.businessHours`) !== undefined}
                  validationMessage={error(`rules.${index}.when.businessHours`)}
                  onChange={(value) =>
                    setWhen('businessHours', value === 'any' ? undefined : value === 'inside')
                  }
                />
              </Flex>
              <TargetChain
                path={`rules.${index}.targets`}
                targets={rule.targets}
                options={targetOptions}
                errors={errors}
                onChange={(targets) => updateRule(index, { ...rule, targets })}
              />
              <Button
                size="xs"
                variant="destructive"
                onClick={() => edit({ ...draft, rules: rules.filter((_, i) => i !== index) })}
              >
                Remove rule
              </Button>
            </Flex>
          );
        })}
        <Flex direction="row" gap="xs" align="end">
          <Input label="New rule id" name="newRuleId" value={newRuleId} onChange={setNewRuleId} />
          <Button
            onClick={() => {
              if (newRuleId.trim() === '') return;
              edit({
                ...draft,
                rules: [...rules, { id: newRuleId.trim(), when: {}, targets: [{ recordOwner: {} }] }],
              });
              setNewRuleId('');
            }}
          >
            Add rule
          </Button>
        </Flex>
      </Tile>

      <Tile>
        <Heading>Fallbacks</Heading>
        <Text variant="microcopy">
          Tried when a rule&apos;s targets find nobody, before the conversation goes to the unassigned pool.
        </Text>
        <TargetChain
          path="alternates"
          targets={draft.alternates ?? []}
          options={targetOptions}
          errors={errors}
          onChange={(alternates) => edit({ ...draft, alternates })}
        />
        <Select
          label="Admin (for the Admin target and pool alerts)"
          name="admin"
          value={draft.admin ?? ''}
          options={[{ label: 'None', value: '' }, ...ownerOptions]}
          error={error('admin') !== undefined}
          validationMessage={error('admin')}
          onChange={(value) => {
            const { admin: _, ...rest } = draft;
            edit(value === '' ? rest : { ...draft, admin: String(value) });
          }}
        />
      </Tile>

      <Tile>
        <Heading>SLA</Heading>
        <Flex direction="row" gap="sm" wrap>
          <NumberInput
            label="Minutes to answer before re-routing"
            name="sla.minutes"
            value={draft.sla?.minutes ?? 5}
            error={error('sla.minutes') !== undefined}
            validationMessage={error('sla.minutes')}
            onChange={(minutes) => edit({ ...draft, sla: { ...draft.sla, minutes } })}
            testId="sla.minutes"
          />
          <NumberInput
            label="Minutes for urgent conversations"
            name="sla.byUrgency.urgent"
            value={draft.sla?.byUrgency?.urgent}
            error={error('sla.byUrgency.urgent') !== undefined}
            validationMessage={error('sla.byUrgency.urgent')}
            onChange={(urgent) =>
              edit({ ...draft, sla: { ...draft.sla, byUrgency: { ...draft.sla?.byUrgency, urgent } } })
            }
          />
          <NumberInput
            label="Re-routes before the pool"
            name="sla.maxHops"
            value={draft.sla?.maxHops ?? 3}
            error={error('sla.maxHops') !== undefined}
            validationMessage={error('sla.maxHops')}
            onChange={(maxHops) => edit({ ...draft, sla: { ...draft.sla, maxHops } })}
            testId="sla.maxHops"
          />
        </Flex>
      </Tile>

      {notice === undefined ? null : (
        <Alert title={notice.title} variant={notice.variant} testId="notice">
          {notice.message}
        </Alert>
      )}
      {otherErrors.length === 0 ? null : (
        <Flex direction="column" gap="flush" testId="other-errors">
          {otherErrors.map(([path, message]) => (
            <Text key={path}>
              {path === '' ? '' : `${path}: `}
              {message}
            </Text>
          ))}
        </Flex>
      )}
      <Button
        variant="primary"
        disabled={saving}
        onClick={() => {
          void save();
        }}
        testId="save"
      >
        {saving ? 'Saving…' : 'Save routing'}
      </Button>
    </Flex>
  );
}
