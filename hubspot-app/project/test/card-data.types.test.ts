// The card-data contract mirrors connector-core's model; these assignments fail the typecheck
// (`npx tsc -p hubspot-app/project/tsconfig.json`) when the two drift apart.
import { describe, expect, it } from 'vitest';
import type { Signals } from '../../../connector-core/src/model/signals.ts';
import type { Assignment } from '../../../connector-core/src/ports/assignments.ts';
import type { RoutingTrace } from '../../../connector-core/src/routing/route.ts';
import {
  type CardAssignment,
  type CardRoutingTrace,
  type CardSignals,
  parseCardData,
} from '../src/app/cards/lib/card-data.ts';
import { fullCard } from './fixtures/card-data.ts';

function fromCore(signals: Signals, trace: RoutingTrace, assignment: Assignment) {
  const { tenantId: _, trace: __, ...rest } = assignment;
  const cardSignals: CardSignals = signals;
  const cardTrace: CardRoutingTrace = trace;
  const cardAssignment: CardAssignment = rest;
  return { cardSignals, cardTrace, cardAssignment };
}

describe('card-data guard', () => {
  it('mirrors the core model (checked by the typecheck)', () => {
    expect(fromCore).toBeTypeOf('function');
  });

  it('accepts the fixture as sent over JSON', () => {
    expect(parseCardData(JSON.parse(JSON.stringify(fullCard)))).toEqual(fullCard);
  });

  it('names the first problem of a malformed answer', () => {
    const broken = JSON.parse(JSON.stringify(fullCard));
    broken.conversation.messages[1].author = 'bot';
    expect(() => parseCardData(broken)).toThrow('$.conversation.messages[1].author');
  });

  it('refuses another contract version', () => {
    expect(() => parseCardData({ version: 2, conversation: null })).toThrow('$.version');
  });
});
