// What intake captured: each signal's value, how sure it is, and where it came from.
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, Text } from '@hubspot/ui-extensions';
import type { CardLabels, CardSignals } from '../lib/card-data.ts';
import { percent, SIGNAL_LABELS, SOURCE_LABELS } from '../lib/labels.ts';

const ORDER = [
  'serviceType',
  'location',
  'urgency',
  'timing',
  'budget',
  'language',
  'name',
  'intent',
  'sentiment',
  'humanRequested',
] as const satisfies readonly (keyof CardSignals)[];

function valueText(name: keyof CardSignals, signals: CardSignals, labels: CardLabels): string {
  switch (name) {
    case 'serviceType': {
      const id = signals.serviceType?.value ?? '';
      return labels.services?.[id] ?? id;
    }
    case 'location': {
      const place = signals.location?.value;
      if (place === undefined) return '';
      if (place.areaId !== undefined) return labels.areas?.[place.areaId] ?? place.areaId;
      const text =
        place.text ??
        (place.latitude !== undefined ? `pin ${place.latitude}, ${place.longitude}` : (place.country ?? ''));
      return place.outside ? `${text} (outside the service areas)` : text;
    }
    case 'timing':
      return signals.timing?.value.text ?? '';
    case 'humanRequested':
      return signals.humanRequested?.value ? 'yes' : 'no';
    default:
      return String(signals[name]?.value ?? '');
  }
}

export function SignalsSection({ signals, labels }: { signals: CardSignals; labels: CardLabels }) {
  const present = ORDER.filter((name) => signals[name] !== undefined);
  if (present.length === 0) return <Text>No signals captured yet.</Text>;
  return (
    <Table bordered={false} density="compact" testId="signals">
      <TableHead>
        <TableRow>
          <TableHeader>Signal</TableHeader>
          <TableHeader>Value</TableHeader>
          <TableHeader>Confidence</TableHeader>
          <TableHeader>Source</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {present.map((name) => {
          const signal = signals[name]!;
          return (
            <TableRow key={name} testId={`signal-${name}`}>
              <TableCell>{SIGNAL_LABELS[name]}</TableCell>
              <TableCell>{valueText(name, signals, labels)}</TableCell>
              <TableCell>{percent(signal.confidence)}</TableCell>
              <TableCell>{SOURCE_LABELS[signal.source] ?? signal.source}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
