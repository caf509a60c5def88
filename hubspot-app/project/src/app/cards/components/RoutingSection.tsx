// Who holds the conversation and why: the assignee, the rule that decided, the trace in the words
// `leadwire explain` uses (every target tried, every candidate by name and why they were passed over),
// and the SLA state (due at, re-routes so far). A trace stored without its text is shown from its parts.
import { DescriptionList, DescriptionListItem, Flex, StatusTag, Text } from '@hubspot/ui-extensions';
import type { CardLabels, CardRouting, CardSla } from '../lib/card-data.ts';
import { ASSIGNMENT_SOURCE_LABELS, formatTime, SKIP_REASON_LABELS, targetLabel } from '../lib/labels.ts';

const OUTCOME_TAG = { chosen: 'success', nobody: 'warning', skipped: 'default' } as const;

export interface RoutingSectionProps {
  routing?: CardRouting;
  sla?: CardSla;
  labels: CardLabels;
  timeZone?: string;
}

function assigneeText(routing: CardRouting, users: Record<string, string>): string {
  const { assignee } = routing.assignment;
  if (assignee.kind === 'pool') return 'Unassigned pool';
  const name = assignee.name ?? users[assignee.id] ?? assignee.id;
  return assignee.kind === 'queue' ? `Queue ${name}` : name;
}

export function SlaState({ routing, sla, timeZone }: Omit<RoutingSectionProps, 'labels'>) {
  const hops = routing?.assignment.hops ?? 0;
  const rerouted = `re-routed ${hops} ${hops === 1 ? 'time' : 'times'}${sla ? ` (of ${sla.maxHops})` : ''}`;
  if (routing?.assignment.exhaustedHops) {
    return <Text testId="sla">Nobody answered in time: {rerouted}, now in the pool.</Text>;
  }
  if (sla?.dueAt === undefined) return <Text testId="sla">No SLA running · {rerouted}</Text>;
  return (
    <Text testId="sla">
      Due at {formatTime(sla.dueAt, timeZone)} · {rerouted}
    </Text>
  );
}

export function RoutingSection({ routing, sla, labels, timeZone }: RoutingSectionProps) {
  if (routing === undefined) return <Text>Not routed yet.</Text>;
  const users = labels.users ?? {};
  const { assignment, trace } = routing;
  const name = (id: string) => users[id] ?? id;
  return (
    <Flex direction="column" gap="sm">
      <DescriptionList direction="row">
        <DescriptionListItem label="Assigned to">
          <Text testId="assignee">{assigneeText(routing, users)}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Rule">
          <Text testId="rule">{assignment.ruleId ?? trace?.rule ?? '—'}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="How">
          <Text>
            {trace?.sweep
              ? 'pool sweep'
              : trace?.crmOwnerChange !== undefined
                ? 'owner changed in the CRM'
                : (ASSIGNMENT_SOURCE_LABELS[assignment.source] ?? assignment.source)}
            {assignment.urgent ? ' · urgent' : ''}
          </Text>
        </DescriptionListItem>
        <DescriptionListItem label="SLA">
          <SlaState routing={routing} sla={sla} timeZone={timeZone} />
        </DescriptionListItem>
      </DescriptionList>
      {trace?.text === undefined ? null : (
        <Flex direction="column" gap="flush" testId="trace">
          {trace.text.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the lines are one trace's text, never reordered
            <Text key={i} variant="microcopy" testId={`trace-line-${i}`}>
              {line}
            </Text>
          ))}
        </Flex>
      )}
      {trace === undefined || trace.text !== undefined ? null : (
        <Flex direction="column" gap="xs" testId="trace">
          {trace.note === undefined ? null : <Text variant="microcopy">{trace.note}</Text>}
          {trace.rulesSkipped.map((skipped) => (
            <Text key={skipped.rule} variant="microcopy">
              Rule {skipped.rule} did not match ({skipped.failed})
            </Text>
          ))}
          {trace.steps.map((step, i) => (
            <Flex
              key={`${step.stage}:${step.target}`}
              direction="column"
              gap="flush"
              testId={`trace-step-${i}`}
            >
              <Flex direction="row" gap="xs" align="center">
                <StatusTag variant={OUTCOME_TAG[step.outcome]}>{step.outcome}</StatusTag>
                <Text format={{ fontWeight: 'demibold' }}>
                  {step.stage === 'alternate' ? 'Alternate: ' : ''}
                  {targetLabel(step.target, users)}
                </Text>
                {step.note === undefined ? null : <Text variant="microcopy">{step.note}</Text>}
              </Flex>
              {step.candidates.map((candidate) => (
                <Text
                  key={candidate.userId}
                  variant="microcopy"
                  testId={`candidate-${i}-${candidate.userId}`}
                >
                  {name(candidate.userId)}:{' '}
                  {candidate.outcome === 'skipped'
                    ? `skipped, ${SKIP_REASON_LABELS[candidate.reason ?? ''] ?? candidate.reason ?? 'no reason given'}`
                    : candidate.outcome}
                </Text>
              ))}
            </Flex>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
