// The intake decision and its reasons, in words.
import { Flex, List, Tag, Text } from '@hubspot/ui-extensions';
import type { CardDecision } from '../lib/card-data.ts';
import { DECISION_LABELS, formatTime, modelLabel, reasonLabel } from '../lib/labels.ts';

export function DecisionSection({ decision, timeZone }: { decision?: CardDecision; timeZone?: string }) {
  if (decision === undefined) return <Text>The agent has not decided yet.</Text>;
  return (
    <Flex direction="column" gap="xs">
      <Flex direction="row" gap="xs" align="center">
        <Tag variant={decision.decision === 'inquiry' ? 'warning' : 'success'} testId="decision">
          {DECISION_LABELS[decision.decision] ?? decision.decision}
        </Tag>
        <Text variant="microcopy">{formatTime(decision.at, timeZone)}</Text>
      </Flex>
      <List variant="unordered-styled" testId="decision-reasons">
        {decision.reasons.map((reason) => (
          <Text key={reason}>{reasonLabel(reason)}</Text>
        ))}
      </List>
      {decision.model === undefined ? null : (
        <Text variant="microcopy" testId="decision-model">
          {modelLabel(decision.model)}
        </Text>
      )}
    </Flex>
  );
}
