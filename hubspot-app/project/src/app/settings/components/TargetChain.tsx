// An ordered chain of routing targets (a rule's `targets`, or `alternates`): each target's kind and id,
// moved up or down, removed, or added; validation problems shown at the target they concern.
import { Button, Flex, Select, Text } from '@hubspot/ui-extensions';
import {
  type DraftTarget,
  type FieldErrors,
  kindOf,
  move,
  type TargetKind,
  targetOf,
  targetValue,
} from '../routing-draft.ts';

const KINDS: { label: string; value: TargetKind }[] = [
  { label: 'Record owner', value: 'recordOwner' },
  { label: 'Group', value: 'group' },
  { label: 'User', value: 'user' },
  { label: 'Queue', value: 'queue' },
  { label: 'Admin', value: 'admin' },
  { label: 'Unassigned pool', value: 'unassigned' },
];

export interface TargetChainProps {
  /** field path prefix, e.g. `rules.0.targets` or `alternates` */
  path: string;
  targets: DraftTarget[];
  options: Record<'group' | 'user' | 'queue', { label: string; value: string }[]>;
  errors: FieldErrors;
  onChange: (targets: DraftTarget[]) => void;
}

export function TargetChain({ path, targets, options, errors, onChange }: TargetChainProps) {
  const replace = (index: number, target: DraftTarget) =>
    onChange(targets.map((current, i) => (i === index ? target : current)));
  return (
    <Flex direction="column" gap="xs">
      {errors[path] === undefined ? null : <Text testId={`error-${path}`}>{errors[path]}</Text>}
      {targets.map((target, index) => {
        const kind = kindOf(target);
        const at = `${path}.${index}`;
        const valueError = errors[`${at}.${kind}`] ?? errors[at];
        return (
          <Flex key={at} direction="row" gap="xs" align="end" wrap>
            <Select
              label={`${index + 1}.`}
              name={`${at}.kind`}
              value={kind}
              options={KINDS}
              onChange={(value) => replace(index, targetOf(value as TargetKind))}
              testId={`${at}.kind`}
            />
            {kind === 'group' || kind === 'user' || kind === 'queue' ? (
              <Select
                label={KINDS.find((option) => option.value === kind)?.label ?? kind}
                name={`${at}.${kind}`}
                value={targetValue(target)}
                options={options[kind]}
                error={valueError !== undefined}
                validationMessage={valueError}
                onChange={(value) => replace(index, targetOf(kind, String(value)))}
                testId={`${at}.${kind}`}
              />
            ) : valueError === undefined ? null : (
              <Text testId={`error-${at}`}>{valueError}</Text>
            )}
            <Button size="xs" variant="transparent" onClick={() => onChange(move(targets, index, index - 1))}>
              Up
            </Button>
            <Button size="xs" variant="transparent" onClick={() => onChange(move(targets, index, index + 1))}>
              Down
            </Button>
            <Button
              size="xs"
              variant="transparent"
              onClick={() => onChange(targets.filter((_, i) => i !== index))}
              testId={`${at}.remove`}
            >
              Remove
            </Button>
          </Flex>
        );
      })}
      <Button size="xs" onClick={() => onChange([...targets, { recordOwner: {} }])} testId={`${path}.add`}>
        Add target
      </Button>
    </Flex>
  );
}
