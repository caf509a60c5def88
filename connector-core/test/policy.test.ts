// The intake agent's policy and words: the decision table (escalation triggers, question order, bot
// loops, confirmation, pricing, voice notes, human takeover), the templates in the eight languages
// within WhatsApp's limits, tenant overrides, and replies built as buttons or lists.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type IntakeConfig, intakeConfigSchema } from '../src/config/intake-schema.ts';
import { knowledgeIntent } from '../src/intake/intents.ts';
import { serviceReplyId } from '../src/intake/match-catalog.ts';
import type { Signals } from '../src/model/signals.ts';
import { composeReply, REPLY_IDS, truncateTitle } from '../src/policy/compose-reply.ts';
import { type DecideInput, decideNext, type NextStep } from '../src/policy/decide.ts';
import {
  BUILT_IN_TEMPLATES,
  BUTTON_TEMPLATE_KEYS,
  HANDOFF_TEMPLATE_KEYS,
  renderTemplate,
  TEMPLATE_LANGUAGES,
  templateKeys,
} from '../src/policy/templates.ts';
import { exampleIntake } from '../src/testing/example-intake.ts';

const at = '2026-11-21T10:00:00.000Z';
const rule = { confidence: 0.9, source: 'rule' as const, at };

const complete: Signals = {
  serviceType: { value: 'ac_repair', ...rule },
  location: { value: { areaId: 'jeddah' }, ...rule },
  timing: { value: { iso: '2026-11-22T09:00:00+03:00', text: 'tomorrow morning' }, ...rule },
  urgency: { value: 'urgent', ...rule },
};

function input(overrides: Partial<DecideInput> = {}): DecideInput {
  return {
    state: 'intake',
    signals: {},
    escalation: { humanRequested: false, sensitive: [], negativeSentiment: false },
    hasVoiceWithoutTranscript: false,
    askedBefore: [],
    turnsWithoutProgress: 0,
    customerConfirmed: undefined,
    intake: exampleIntake,
    ...overrides,
  };
}

const calm = { humanRequested: false, sensitive: [], negativeSentiment: false };

describe('decideNext: escalation triggers', () => {
  it('stays silent while a person handles the conversation', () => {
    const next = decideNext(
      input({ state: 'human', escalation: { ...calm, humanRequested: true }, signals: complete }),
    );
    assert.equal(next.decision, 'silent');
    assert.equal(next.nextState, 'human');
    assert.equal(next.ask, undefined);
  });

  it('stays silent once the conversation was handed over', () => {
    const next = decideNext(input({ state: 'handed_over', signals: complete }));
    assert.deepEqual([next.decision, next.nextState], ['silent', 'handed_over']);
  });

  it('an explicit request for a person becomes an Inquiry', () => {
    const next = decideNext(input({ escalation: { ...calm, humanRequested: true } }));
    assert.equal(next.decision, 'inquiry');
    assert.equal(next.nextState, 'inquiry');
    assert.deepEqual(next.reasons, ['human_requested']);
  });

  it('negative sentiment becomes an Inquiry even when every signal is there', () => {
    const next = decideNext(input({ signals: complete, escalation: { ...calm, negativeSentiment: true } }));
    assert.deepEqual([next.decision, next.reasons], ['inquiry', ['negative_sentiment']]);
  });

  it('a sensitive topic becomes an Inquiry naming the topic', () => {
    const next = decideNext(input({ escalation: { ...calm, sensitive: ['refund', 'complaint'] } }));
    assert.equal(next.decision, 'inquiry');
    assert.deepEqual(next.reasons, ['sensitive:refund', 'sensitive:complaint']);
  });

  it('only the configured sensitive topics escalate', () => {
    const next = decideNext(
      input({ escalation: { ...calm, sensitive: ['cancel'] }, policy: { sensitiveTopics: ['refund'] } }),
    );
    assert.equal(next.decision, 'continue');
  });

  it('a voice note without transcript becomes an Inquiry', () => {
    const next = decideNext(input({ hasVoiceWithoutTranscript: true }));
    assert.deepEqual([next.decision, next.reasons], ['inquiry', ['voice_unclear']]);
  });

  it('carries every reason when several triggers fire', () => {
    const next = decideNext(
      input({ escalation: { humanRequested: true, sensitive: ['refund'], negativeSentiment: true } }),
    );
    assert.deepEqual(next.reasons, ['human_requested', 'negative_sentiment', 'sensitive:refund']);
  });

  it('a human request merged into the signals escalates too', () => {
    const next = decideNext(input({ signals: { humanRequested: { value: true, ...rule } } }));
    assert.deepEqual(next.reasons, ['human_requested']);
  });

  it('a pin outside every service area becomes an Inquiry', () => {
    const next = decideNext(
      input({
        signals: { ...complete, location: { value: { latitude: 0, longitude: 0, outside: true }, ...rule } },
      }),
    );
    assert.deepEqual([next.decision, next.reasons], ['inquiry', ['outside_service_area']]);
  });

  it('a place only named in text outside the areas is not escalated until the customer confirms it', () => {
    const named = { value: { text: 'Mecca', outside: true }, confidence: 0.45, source: 'rule' as const, at };
    const guessed = decideNext(input({ signals: { ...complete, location: named } }));
    assert.deepEqual([guessed.decision, guessed.ask], ['continue', 'confirm']);
    const sure = { ...named, confidence: 1, source: 'customer-confirmed' as const };
    const confirmed = decideNext(input({ signals: { ...complete, location: sure } }));
    assert.deepEqual([confirmed.decision, confirmed.reasons], ['inquiry', ['outside_service_area']]);
  });
});

describe('decideNext: one question per turn', () => {
  const order: Array<[string, Signals, string]> = [
    ['nothing known: the service first', {}, 'serviceType'],
    ['service known: the location', { serviceType: complete.serviceType }, 'location'],
    [
      'location known but not the service: still the service first',
      { location: complete.location },
      'serviceType',
    ],
    [
      'service and location known: the timing',
      { serviceType: complete.serviceType, location: complete.location },
      'timing',
    ],
    [
      'all but urgency known: the urgency',
      { serviceType: complete.serviceType, location: complete.location, timing: complete.timing },
      'urgency',
    ],
  ];
  for (const [name, signals, expected] of order) {
    it(name, () => {
      const next = decideNext(input({ signals }));
      assert.equal(next.decision, 'continue');
      assert.equal(next.ask, expected);
      assert.equal(next.nextState, 'intake');
      assert.deepEqual(next.askedKeys, [expected]);
      assert.ok(next.reasons.includes(`missing:${expected}`));
    });
  }

  for (const [name, urgency] of [
    ['assumed normal (nothing said)', { value: 'normal' as const, confidence: 0.4 }],
    ['a same-day hint of urgent', { value: 'urgent' as const, confidence: 0.45 }],
  ] as const) {
    it(`an urgency below the known threshold is still asked: ${name}`, () => {
      const signals: Signals = { ...complete, urgency: { ...urgency, source: 'rule', at } };
      const next = decideNext(input({ signals }));
      assert.deepEqual([next.decision, next.ask], ['continue', 'urgency']);
      assert.ok(next.reasons.includes('missing:urgency'));
    });
  }

  it('an urgency said outright, or tapped, is not asked again', () => {
    for (const urgency of [
      { value: 'normal' as const, confidence: 0.8, source: 'rule' as const, at },
      { value: 'normal' as const, confidence: 1, source: 'customer-confirmed' as const, at },
    ]) {
      const next = decideNext(input({ signals: { ...complete, urgency } }));
      assert.equal(next.ask, 'confirm');
    }
  });

  it('every signal present: confirm them in one message', () => {
    const next = decideNext(input({ signals: complete }));
    assert.deepEqual([next.decision, next.ask, next.nextState], ['continue', 'confirm', 'confirming']);
    assert.deepEqual(next.reasons, ['all_signals_present']);
  });
});

describe('decideNext: bot loops', () => {
  it('the same question asked twice without an answer becomes an Inquiry', () => {
    const next = decideNext(
      input({
        signals: { serviceType: complete.serviceType },
        askedBefore: ['serviceType', 'location', 'location'],
      }),
    );
    assert.equal(next.decision, 'inquiry');
    assert.deepEqual(next.reasons, ['bot_loop', 'unanswered:location']);
  });

  it('a question asked once may be asked again', () => {
    const next = decideNext(input({ askedBefore: ['serviceType'] }));
    assert.deepEqual([next.decision, next.ask], ['continue', 'serviceType']);
  });

  it('three turns without progress become an Inquiry', () => {
    const next = decideNext(input({ turnsWithoutProgress: 3 }));
    assert.deepEqual([next.decision, next.reasons], ['inquiry', ['bot_loop']]);
  });

  it('two turns without progress do not', () => {
    assert.equal(decideNext(input({ turnsWithoutProgress: 2 })).decision, 'continue');
  });

  it('an unanswered confirmation asked twice becomes an Inquiry', () => {
    const next = decideNext(
      input({ state: 'confirming', signals: complete, askedBefore: ['urgency', 'confirm', 'confirm'] }),
    );
    assert.deepEqual(next.reasons, ['bot_loop', 'unanswered:confirm']);
  });

  it('a confirmation answered with Change starts the count again', () => {
    const next = decideNext(input({ signals: complete, askedBefore: ['confirm', 'confirm', 'change'] }));
    assert.deepEqual([next.decision, next.ask], ['continue', 'confirm']);
  });
});

describe('decideNext: confirmation', () => {
  it('Yes makes a Lead and hands the conversation over', () => {
    const next = decideNext(input({ state: 'confirming', signals: complete, customerConfirmed: true }));
    assert.deepEqual(
      [next.decision, next.nextState, next.reasons],
      ['lead', 'handed_over', ['all_signals_confirmed']],
    );
  });

  it('Change goes back to intake and asks what to change', () => {
    const next = decideNext(input({ state: 'confirming', signals: complete, customerConfirmed: false }));
    assert.deepEqual([next.decision, next.nextState, next.ask], ['continue', 'intake', 'change']);
  });

  it('a Yes outside the confirming state is not a Lead', () => {
    const next = decideNext(input({ state: 'intake', signals: complete, customerConfirmed: true }));
    assert.equal(next.ask, 'confirm');
  });

  it('escalation beats a Yes', () => {
    const next = decideNext(
      input({
        state: 'confirming',
        signals: complete,
        customerConfirmed: true,
        escalation: { ...calm, sensitive: ['cancel'] },
      }),
    );
    assert.equal(next.decision, 'inquiry');
  });
});

describe('decideNext: intents, pricing and thresholds', () => {
  const pricing = { value: 'pricing', confidence: 0.9 };

  it('pricing with a rule for the service is answered and intake goes on', () => {
    const next = decideNext(input({ signals: { serviceType: complete.serviceType }, intent: pricing }));
    assert.deepEqual([next.decision, next.answer, next.ask], ['continue', 'ac_repair_pricing', 'location']);
    assert.deepEqual(next.askedKeys, ['answer:ac_repair_pricing', 'location']);
  });

  it('pricing for a service without a rule becomes an Inquiry', () => {
    const next = decideNext(
      input({ signals: { serviceType: { value: 'plumbing', ...rule } }, intent: pricing }),
    );
    assert.deepEqual([next.decision, next.reasons], ['inquiry', ['pricing_without_rule']]);
  });

  it('pricing before the service is known asks for the service', () => {
    const next = decideNext(input({ intent: pricing }));
    assert.deepEqual([next.decision, next.ask], ['continue', 'serviceType']);
    assert.ok(next.reasons.includes('pricing_needs_service'));
  });

  it('pricing at a tenant with no pricing at all becomes an Inquiry', () => {
    const next = decideNext(input({ intent: pricing, intake: { ...exampleIntake, knowledge: [] } }));
    assert.deepEqual(next.reasons, ['pricing_without_rule']);
  });

  it('a price asked of a service the owner says is quoted after a visit is priced by a person', () => {
    const intake = intakeConfigSchema.parse({
      country: 'ES',
      timezone: 'Europe/Madrid',
      languages: ['es', 'en'],
      services: [
        { id: 'tiling', names: { es: ['alicatado y solado'], en: ['floor and wall tiling'] } },
        { id: 'shower', names: { es: ['plato de ducha de obra'], en: ['walk-in shower tiling'] } },
      ],
      knowledge: [
        {
          id: 'visit',
          intent: 'opening hours, free visit and quote',
          answer: {
            es: 'Visita y presupuesto gratis. Las duchas de obra y obras grandes se presupuestan tras la visita.',
            en: 'Free visit and quote. Walk-in showers and large jobs are quoted after a visit.',
          },
        },
      ],
    });
    const asked = (service: string) =>
      decideNext(input({ intake, signals: { serviceType: { value: service, ...rule } }, intent: pricing }));
    assert.deepEqual(asked('shower').reasons, ['pricing_without_rule']);
    // the same entry answers for a service it does not say is quoted
    assert.equal(asked('tiling').answer, 'visit');
  });

  it('an answer already given is not repeated', () => {
    const next = decideNext(
      input({
        signals: { serviceType: complete.serviceType },
        intent: pricing,
        askedBefore: ['answer:ac_repair_pricing'],
      }),
    );
    assert.equal(next.answer, undefined);
    assert.equal(next.ask, 'location');
  });

  it("an entry described in the owner's own words answers the intent those words name", () => {
    const intake = intakeConfigSchema.parse({
      country: 'FR',
      timezone: 'Europe/Paris',
      languages: ['fr', 'de'],
      services: [{ id: 'door_opening', names: { fr: ['Ouverture de porte'] } }],
      knowledge: [
        {
          id: 'door_price',
          intent: 'Combien coûte une ouverture de porte ?',
          serviceId: 'door_opening',
          answer: { fr: 'À partir de 89 €.' },
        },
        { id: 'hours', intent: 'Öffnungszeiten', answer: { de: 'Mo–Sa 8–20 Uhr.' } },
        { id: 'same', intent: '  Pricing ', answer: { fr: 'Devis gratuit.' } },
        { id: 'payment', intent: 'Quels moyens de paiement acceptez-vous ?', answer: { fr: 'Carte.' } },
      ],
    });
    assert.deepEqual(
      intake.knowledge.map((entry) => knowledgeIntent(entry.intent)),
      ['pricing', 'hours', 'pricing', 'Quels moyens de paiement acceptez-vous ?'],
    );
    const next = decideNext(
      input({
        intake,
        signals: { serviceType: { value: 'door_opening', ...rule } },
        intent: pricing,
      }),
    );
    assert.deepEqual([next.decision, next.answer], ['continue', 'door_price']);
  });

  it('a general question is answered from knowledge that applies to every service', () => {
    const next = decideNext(input({ intent: { value: 'hours', confidence: 0.8 } }));
    assert.equal(next.answer, 'hours');
  });

  it('a question with no configured answer becomes an Inquiry', () => {
    const next = decideNext(input({ intent: { value: 'parking', confidence: 0.8 } }));
    assert.deepEqual(next.reasons, ['no_answer:parking']);
  });

  const question = { value: 'question', confidence: 0.6 };

  it('a question about no service asks which service once, then goes to a person', () => {
    const first = decideNext(input({ intent: question }));
    assert.deepEqual(
      [first.decision, first.ask, first.askedKeys],
      ['continue', 'serviceType', ['clarify:question']],
    );
    const second = decideNext(input({ intent: question, askedBefore: first.askedKeys }));
    assert.deepEqual(
      [second.decision, second.reasons],
      ['inquiry', ['policy_clarify:question', 'clarified_once']],
    );
  });

  it('a question about a service the tenant offers lets intake go on', () => {
    const next = decideNext(
      input({
        signals: { serviceType: complete.serviceType },
        intent: question,
        askedBefore: ['clarify:question'],
      }),
    );
    assert.deepEqual([next.decision, next.ask], ['continue', 'location']);
  });

  it('a tenant can send every question straight to a person', () => {
    const next = decideNext(input({ intent: question, policy: { matrix: { question: 'escalate' } } }));
    assert.deepEqual([next.decision, next.reasons], ['inquiry', ['policy_escalate:question']]);
  });

  it('the matrix escalates a service even where knowledge exists', () => {
    const next = decideNext(
      input({
        signals: { serviceType: complete.serviceType },
        intent: pricing,
        policy: { matrix: { ac_repair: 'escalate' } },
      }),
    );
    assert.deepEqual([next.decision, next.reasons], ['inquiry', ['policy_escalate:pricing']]);
  });

  it('a confidence below the intent threshold is clarified once', () => {
    const next = decideNext(
      input({ intent: { value: 'pricing', confidence: 0.6 }, policy: { thresholds: { pricing: 0.7 } } }),
    );
    assert.deepEqual(
      [next.decision, next.ask, next.askedKeys],
      ['continue', 'serviceType', ['clarify:pricing']],
    );
    assert.deepEqual(next.reasons, ['low_confidence:pricing']);
  });

  it('then escalated', () => {
    const next = decideNext(
      input({
        intent: { value: 'pricing', confidence: 0.6 },
        policy: { thresholds: { pricing: 0.7 } },
        askedBefore: ['clarify:pricing'],
      }),
    );
    assert.deepEqual(
      [next.decision, next.reasons],
      ['inquiry', ['low_confidence:pricing', 'clarified_once']],
    );
  });

  it('booking intent carries on with intake', () => {
    const next = decideNext(input({ intent: { value: 'book', confidence: 0.9 } }));
    assert.deepEqual([next.decision, next.ask, next.answer], ['continue', 'serviceType', undefined]);
  });

  it('a complaint intent escalates by default', () => {
    assert.equal(decideNext(input({ intent: { value: 'complaint', confidence: 0.9 } })).decision, 'inquiry');
  });
});

const forbiddenTime: Record<string, RegExp> = {
  en: /minute|hour|\bmins?\b|\bsoon\b|today/i,
  ar: /دقيق|دقائق|ساع/,
  es: /minuto|\bhoras?\b|pronto/i,
  pt: /minuto|\bhoras?\b|logo/i,
  id: /menit|\bjam\b|segera/i,
  fr: /minute|heure|bientôt/i,
  tr: /dakika|saat|birazdan/i,
  hi: /मिनट|घंट|जल्द/,
  ms: /minit|\bjam\b|segera|sekejap/i,
  de: /minute|stunde|\bbald\b|gleich|sofort/i,
};

describe('templates', () => {
  it('every key exists, non-empty, in all ten languages', () => {
    for (const key of templateKeys) {
      for (const language of TEMPLATE_LANGUAGES) {
        const text = BUILT_IN_TEMPLATES[key][language];
        assert.ok(text.trim().length > 0, `${key}.${language}`);
      }
    }
  });

  it('button titles fit in 20 characters in every language', () => {
    for (const key of BUTTON_TEMPLATE_KEYS) {
      for (const language of TEMPLATE_LANGUAGES) {
        const title = renderTemplate(key, language);
        assert.ok(title.length <= 20, `${key}.${language} "${title}" is ${title.length}`);
      }
    }
  });

  it('bodies fit in a WhatsApp interactive body (1024 characters)', () => {
    for (const key of templateKeys) {
      for (const language of TEMPLATE_LANGUAGES) {
        const body = renderTemplate(key, language, {
          service: 'x'.repeat(24),
          location: 'y'.repeat(40),
          timing: 'z'.repeat(40),
          urgency: 'urgent',
        });
        assert.ok(body.length <= 1024, `${key}.${language}`);
      }
    }
  });

  it('handoff messages promise no time', () => {
    for (const key of HANDOFF_TEMPLATE_KEYS) {
      for (const language of TEMPLATE_LANGUAGES) {
        const text = renderTemplate(key, language);
        assert.doesNotMatch(text, /\p{Nd}/u, `${key}.${language} has a digit`);
        const forbidden = forbiddenTime[language];
        assert.ok(forbidden);
        assert.doesNotMatch(text, forbidden, `${key}.${language}`);
      }
    }
  });

  it('the confirmation names every placeholder in every language', () => {
    for (const language of TEMPLATE_LANGUAGES) {
      const text = BUILT_IN_TEMPLATES.confirm[language];
      for (const name of ['{service}', '{location}', '{timing}', '{urgency}'])
        assert.ok(text.includes(name), `${language} ${name}`);
    }
  });

  it('fills the placeholders', () => {
    const text = renderTemplate('confirm', 'en', {
      service: 'AC repair',
      location: 'Jeddah',
      timing: 'tomorrow',
      urgency: 'urgent',
    });
    assert.equal(text, 'Just to confirm: AC repair in Jeddah, tomorrow, urgent. Is that right?');
  });

  it('a tenant override wins in its language', () => {
    assert.equal(
      renderTemplate('handoff', 'ar', {}, exampleIntake.templates),
      'شكرًا! سيتواصل معك أحد أفراد فريقنا عبر واتساب.',
    );
  });

  it('the built-in text in the customer language beats an override in another', () => {
    assert.equal(
      renderTemplate('handoff', 'fr', {}, exampleIntake.templates, 'ar'),
      BUILT_IN_TEMPLATES.handoff.fr,
    );
  });

  it('an unknown language falls back to the tenant default, then English', () => {
    assert.equal(renderTemplate('askTiming', 'sw', {}, undefined, 'pt'), BUILT_IN_TEMPLATES.askTiming.pt);
    assert.equal(renderTemplate('askTiming', 'sw'), BUILT_IN_TEMPLATES.askTiming.en);
    assert.equal(
      renderTemplate('handoff', 'sw', {}, { handoff: { tr: 'Ekibimiz yazacak.' } }, 'tr'),
      'Ekibimiz yazacak.',
    );
  });
});

function config(services: number): IntakeConfig {
  return intakeConfigSchema.parse({
    country: 'SA',
    timezone: 'Asia/Riyadh',
    languages: ['en'],
    services: Array.from({ length: services }, (_, i) => ({
      id: `service_${i}`,
      names: { en: [`Service number ${i} with a very long name 🧹🧹`] },
    })),
  });
}

const ask = (question: NonNullable<NextStep['ask']>): NextStep => ({
  decision: 'continue',
  reasons: [],
  nextState: 'intake',
  ask: question,
  askedKeys: [question],
});

describe('composeReply', () => {
  it('offers up to three services as reply buttons', () => {
    const reply = composeReply(ask('serviceType'), { language: 'en', signals: {}, intake: config(3) });
    assert.equal(reply?.kind, 'buttons');
    if (reply?.kind !== 'buttons') return;
    assert.deepEqual(
      reply.buttons.map((button) => button.id),
      ['service_0', 'service_1', 'service_2'].map(serviceReplyId),
    );
    for (const button of reply.buttons) assert.ok(button.title.length <= 20, button.title);
    assert.equal(reply.body, BUILT_IN_TEMPLATES.askService.en);
  });

  it('offers more services as a list of at most ten rows', () => {
    const reply = composeReply(ask('serviceType'), { language: 'en', signals: {}, intake: config(12) });
    assert.equal(reply?.kind, 'list');
    if (reply?.kind !== 'list') return;
    assert.equal(reply.rows.length, 10);
    for (const row of reply.rows) assert.ok(row.title.length <= 24, row.title);
    assert.ok(reply.button.length <= 20);
  });

  it('names the example catalog in the customer language', () => {
    const reply = composeReply(ask('serviceType'), { language: 'ar', signals: {}, intake: exampleIntake });
    assert.equal(reply?.kind, 'list');
    if (reply?.kind !== 'list') return;
    assert.deepEqual(reply.rows[1], { id: 'service:ac_repair', title: 'صيانة مكيفات' });
    assert.equal(reply.button, 'اختر الخدمة');
  });

  it('asks urgency with two buttons', () => {
    const reply = composeReply(ask('urgency'), { language: 'tr', signals: {}, intake: exampleIntake });
    assert.deepEqual(reply, {
      kind: 'buttons',
      body: 'Acil mi?',
      buttons: [
        { id: REPLY_IDS.urgent, title: 'Acil' },
        { id: REPLY_IDS.notUrgent, title: 'Acil değil' },
      ],
    });
  });

  it('confirms service, location, timing and urgency with Yes and Change', () => {
    const reply = composeReply(ask('confirm'), { language: 'en', signals: complete, intake: exampleIntake });
    assert.equal(reply?.kind, 'buttons');
    if (reply?.kind !== 'buttons') return;
    assert.equal(
      reply.body,
      'Just to confirm: AC repair in Jeddah, tomorrow morning, urgent. Is that right?',
    );
    assert.deepEqual(
      reply.buttons.map((button) => button.id),
      [REPLY_IDS.confirmYes, REPLY_IDS.confirmChange],
    );
  });

  it('names service and place in a script the customer reads when the catalog has no name in their language', () => {
    // the business names its catalog in Arabic (its first language) and English only
    const arEn = ({ ar, en }: Record<string, string[]>) => ({ ar: ar ?? [], en: en ?? [] });
    const intake = {
      ...exampleIntake,
      services: exampleIntake.services.map((service) => ({ ...service, names: arEn(service.names) })),
      areas: exampleIntake.areas.map((area) => ({ ...area, names: arEn(area.names) })),
    };
    const reply = composeReply(ask('confirm'), { language: 'es', signals: complete, intake });
    assert.equal(reply?.kind, 'buttons');
    if (reply?.kind !== 'buttons') return;
    assert.match(reply.body, /AC repair en Jeddah/);
    assert.doesNotMatch(reply.body, /\p{Script=Arabic}/u);
    const arabic = composeReply(ask('confirm'), { language: 'ar', signals: complete, intake });
    assert.ok(
      arabic?.kind === 'buttons' && arabic.body.includes('جدة'),
      'an Arabic customer reads the Arabic names',
    );
  });

  it('puts the configured answer before the next question', () => {
    const next = { ...ask('location'), answer: 'ac_repair_pricing' };
    const reply = composeReply(next, { language: 'ar', signals: {}, intake: exampleIntake });
    assert.equal(reply?.kind, 'text');
    assert.ok(reply?.body.startsWith('زيارة فحص المكيف'));
    assert.ok(reply?.body.endsWith(BUILT_IN_TEMPLATES.askLocation.ar));
  });

  it('says nothing when silent, and the matching handoff otherwise', () => {
    const context = { language: 'es', signals: complete, intake: exampleIntake };
    assert.equal(composeReply(decideNext(input({ state: 'human' })), context), undefined);
    const voice = composeReply(decideNext(input({ hasVoiceWithoutTranscript: true })), context);
    assert.equal(voice?.body, BUILT_IN_TEMPLATES.voiceUnclear.es);
    const lead = composeReply(
      decideNext(input({ state: 'confirming', signals: complete, customerConfirmed: true })),
      context,
    );
    assert.equal(lead?.body, BUILT_IN_TEMPLATES.handoff.es);
    const pricing = composeReply(
      decideNext(
        input({ intent: { value: 'pricing', confidence: 1 }, intake: { ...exampleIntake, knowledge: [] } }),
      ),
      context,
    );
    assert.equal(pricing?.body, BUILT_IN_TEMPLATES.cannotAnswerPricing.es);
  });

  it('uses the tenant handoff override for a Lead', () => {
    const next = decideNext(input({ state: 'confirming', signals: complete, customerConfirmed: true }));
    const reply = composeReply(next, { language: 'en', signals: complete, intake: exampleIntake });
    assert.equal(reply?.body, 'Thanks! A member of our team will contact you on WhatsApp.');
  });
});

describe('truncateTitle', () => {
  it('keeps short titles', () => assert.equal(truncateTitle('AC repair', 20), 'AC repair'));

  it('never splits an emoji or a surrogate pair', () => {
    const title = truncateTitle('Cleaning 🧹🧹🧹🧹🧹👨‍👩‍👧', 20);
    assert.ok(title.length <= 20);
    assert.ok(title.isWellFormed());
    assert.ok(title.endsWith('…'));
  });

  it('never splits a family emoji joined by zero-width joiners', () => {
    const title = truncateTitle('Family room 👨‍👩‍👧‍👦 extra', 20);
    assert.equal(title, 'Family room…');
  });
});

describe('location from the phone prefix', () => {
  it('is a routing hint, not the place: the agent still asks where', () => {
    const next = decideNext(
      input({
        signals: {
          serviceType: { ...rule, value: 'deep_cleaning' },
          location: { confidence: 0.3, source: 'rule', at, value: { country: 'SA' } },
        },
      }),
    );
    assert.equal(next.ask, 'location');
    assert.ok(next.reasons.includes('missing:location'));
  });
});

describe('knowledgeIntent: what the owner wrote reads as the intent customers ask', () => {
  it('"what we charge for a visit" is pricing', () => {
    assert.equal(knowledgeIntent('what do you charge for a visit'), 'pricing');
  });
  it('"gift voucher amounts, validity and delivery" is pricing; "when the voucher can be used" is not', () => {
    assert.equal(knowledgeIntent('gift voucher amounts, validity and delivery'), 'pricing');
    assert.notEqual(knowledgeIntent('when the voucher can be used'), 'pricing');
  });
});
