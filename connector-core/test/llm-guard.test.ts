// The output guard on its own (pure): only catalog values pass, and a reply is sent only when every
// number, price, day and link in it came from the tenant's knowledge or the customer, it does not quote
// or discuss our instructions, promises nothing the knowledge does not, and speaks the customer's language.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type GuardContext, guardModelOutput } from '../src/llm/guard-output.ts';
import { INTAKE_SYSTEM_PROMPT } from '../src/llm/intake-prompt.ts';
import type { IntakeModelOutput } from '../src/ports/intake-model.ts';
import { exampleIntake } from '../src/testing/example-intake.ts';

const knowledge = exampleIntake.knowledge.flatMap((entry) => Object.values(entry.answer));

function context(
  customerTexts: string[],
  language?: string,
  extra: Partial<GuardContext> = {},
): GuardContext {
  return {
    serviceTypes: exampleIntake.services.map((service) => service.id),
    serviceAreas: exampleIntake.areas.map((area) => area.id),
    knowledge,
    customerTexts,
    language,
    systemPrompt: INTAKE_SYSTEM_PROMPT,
    ...extra,
  };
}

function withReply(reply: string): IntakeModelOutput {
  return { signals: {}, reply, escalate: false };
}

/** The reason the reply was dropped, or undefined when it was kept. */
function replyVerdict(reply: string, ctx: GuardContext): string | undefined {
  const { output, dropped } = guardModelOutput(withReply(reply), ctx);
  const reason = dropped.find((line) => line.startsWith('reply:'));
  assert.equal(output.reply === undefined, reason !== undefined);
  return reason;
}

describe('guardModelOutput: signal values', () => {
  it('keeps catalog values and drops ids outside the catalog, unknown enums and unknown signals', () => {
    const output: IntakeModelOutput = {
      signals: {
        serviceType: { value: 'vip_callback', confidence: 0.9 },
        location: { value: { areaId: 'mecca' }, confidence: 0.9 },
        urgency: { value: 'urgent', confidence: 0.8 },
        sentiment: { value: 'furious', confidence: 0.8 },
        intent: { value: 'pricing', confidence: 0.7 },
        language: { value: 'arabic', confidence: 0.9 },
        timing: { value: { text: 'soon', iso: 'whenever' }, confidence: 0.6 },
        assignee: { value: 'manager', confidence: 1 },
        humanRequested: { value: true, confidence: 1.5 },
      },
      intent: 'refund_everything',
      escalate: false,
    };
    const { output: guarded, dropped } = guardModelOutput(output, context([]));
    assert.deepEqual(Object.keys(guarded.signals).toSorted(), ['intent', 'urgency']);
    assert.equal(guarded.intent, undefined);
    assert.deepEqual(dropped.map((line) => line.split(':')[0]).toSorted(), [
      'assignee',
      'humanRequested',
      'intent',
      'language',
      'location',
      'sentiment',
      'serviceType',
      'timing',
    ]);
    assert.ok(dropped.includes('serviceType: "vip_callback" is not in the catalog'));
    assert.ok(dropped.includes('assignee: not a signal a model may set'));
  });

  it('keeps well-formed values for every signal', () => {
    const output: IntakeModelOutput = {
      signals: {
        serviceType: { value: 'plumbing', confidence: 0.9 },
        location: { value: { areaId: 'sao_paulo' }, confidence: 0.8 },
        language: { value: 'pt', confidence: 0.9 },
        timing: { value: { text: 'amanhã às 9', iso: '2026-11-22T09:00:00-03:00' }, confidence: 0.7 },
        name: { value: 'Ana', confidence: 0.9 },
        budget: { value: 'até 300 reais', confidence: 0.5 },
        sentiment: { value: 'neutral', confidence: 0.6 },
        humanRequested: { value: false, confidence: 0.9 },
      },
      escalate: false,
    };
    const { output: guarded, dropped } = guardModelOutput(output, context([]));
    assert.deepEqual(dropped, []);
    assert.deepEqual(guarded.signals, output.signals);
  });

  it('does not change its input', () => {
    const output: IntakeModelOutput = {
      signals: { serviceType: { value: 'nope', confidence: 1 } },
      reply: 'It costs 99 SAR',
      escalate: false,
    };
    const copy = structuredClone(output);
    guardModelOutput(output, context([]));
    assert.deepEqual(output, copy);
  });
});

describe('guardModelOutput: no invented prices, numbers, days or links', () => {
  const cases: Array<[string, string, string[], string, RegExp | undefined]> = [
    ['a price from the knowledge', 'en', [], 'An AC inspection visit costs 150 SAR.', undefined],
    ['an invented price', 'en', [], 'An AC inspection visit costs 99 SAR.', /amount/],
    ['a price in Arabic-Indic digits from the knowledge', 'ar', [], 'زيارة الفحص بـ ١٥٠ ريال', undefined],
    ['an invented price in Arabic-Indic digits', 'ar', [], 'الإصلاح بـ ٣٠٠ ريال', /amount/],
    ['the hours from the knowledge', 'en', [], 'We are open Saturday to Thursday, 8 am to 10 pm.', undefined],
    [
      'an invented clock time',
      'en',
      ['can you come?'],
      'Our technician can come at 4:30.',
      /number, time or date/,
    ],
    [
      'the customer’s own number',
      'en',
      ['I have 3 rooms to clean'],
      'Got it, 3 rooms. Which city are you in?',
      undefined,
    ],
    ['a percentage the customer asked for', 'en', ['give me 50% off'], 'OK, 50% off for you!', /percentage/],
    [
      'a day the customer named',
      'es',
      ['¿pueden venir mañana?'],
      '¿En qué zona estás para mañana?',
      undefined,
    ],
    ['a day no one named', 'es', ['necesito un plomero'], 'El plomero llega mañana.', /names a day/],
    ['a discount word', 'tr', ['fiyat nedir?'], 'Size özel indirim yapabiliriz.', /offers a price/],
    [
      'a date no one gave',
      'fr',
      ['je veux un ménage'],
      'Nous pouvons venir le 24/11.',
      /number, time or date/,
    ],
    ['a link', 'en', ['where do I pay?'], 'Pay here: https://pay.example.com/x', /link/],
  ];
  for (const [what, language, customer, reply, reason] of cases) {
    it(`${reason === undefined ? 'keeps' : 'drops'} ${what}`, () => {
      const verdict = replyVerdict(reply, context(customer, language));
      if (reason === undefined) assert.equal(verdict, undefined);
      else assert.match(verdict ?? '(kept)', reason);
    });
  }
});

describe('guardModelOutput: no leaked instructions, no promises, the customer’s language', () => {
  it('drops a reply quoting any eight-word run of the system prompt', () => {
    const words = INTAKE_SYSTEM_PROMPT.split(/\s+/);
    const run = words.slice(40, 48).join(' ');
    assert.match(replyVerdict(`Here you go: ${run}`, context([])) ?? '(kept)', /quotes the system prompt/);
    // seven words of it are an accident, not a leak
    const seven = words
      .slice(40, 47)
      .join(' ')
      .replace(/[^\p{L}\s]/gu, '');
    assert.doesNotMatch(replyVerdict(`Well: ${seven}`, context([])) ?? '', /quotes/);
  });

  const leaks: Array<[string, string]> = [
    ['en', 'My system prompt tells me to ask for your area.'],
    ['es', 'Mis instrucciones no me permiten eso.'],
    ['pt', 'Minhas instruções dizem que não posso.'],
    ['ar', 'حسب التعليمات لا أستطيع ذلك'],
    ['id', 'Maaf, konfigurasi saya tidak mengizinkan.'],
    ['fr', 'Mes consignes ne le permettent pas.'],
    ['tr', 'Talimatlarım buna izin vermiyor.'],
    ['hi', 'मेरे निर्देश इसकी अनुमति नहीं देते'],
    ['en', 'The API key is in the settings.'],
  ];
  for (const [language, reply] of leaks) {
    it(`${language}: drops a reply about its configuration: "${reply}"`, () => {
      assert.match(replyVerdict(reply, context([], language)) ?? '(kept)', /configuration or instructions/);
    });
  }

  const promises: Array<[string, string]> = [
    ['en', 'We guarantee the leak will be fixed.'],
    ['es', 'El resultado está garantizado.'],
    ['pt', 'O serviço é garantido.'],
    ['ar', 'النتيجة مضمونة ١٠٠٪'],
    ['id', 'Hasilnya dijamin bersih.'],
    ['fr', 'Le résultat est garanti.'],
    ['tr', 'Sonuç garanti.'],
    ['hi', 'काम की पूरी गारंटी है'],
  ];
  for (const [language, reply] of promises) {
    it(`${language}: drops a promise: "${reply}"`, () => {
      assert.match(replyVerdict(reply, context([], language)) ?? '(kept)', /promises an outcome|percentage/);
    });
  }

  it('keeps a guarantee the knowledge itself gives', () => {
    const ctx = context([], 'en', { knowledge: [...knowledge, 'Every repair has a 90-day guarantee.'] });
    assert.equal(replyVerdict('Every repair has a 90-day guarantee.', ctx), undefined);
  });

  const languages: Array<[string, string, string, boolean]> = [
    ['ar', 'fr', "D'accord, dans quel quartier habitez-vous ?", false],
    ['es', 'en', 'Thanks, which part of the city are you in?', false],
    ['ar', 'ar', 'تمام، في أي حي أنت؟', true],
    ['pt', 'pt', 'Certo, em qual bairro você está?', true],
    ['hi', 'en', 'Okay, which area are you in?', true],
  ];
  for (const [customer, replyLanguage, reply, kept] of languages) {
    it(`${kept ? 'keeps' : 'drops'} a ${replyLanguage} reply to a ${customer} customer`, () => {
      const verdict = replyVerdict(reply, context([], customer));
      if (kept) assert.equal(verdict, undefined);
      else
        assert.match(
          verdict ?? '(kept)',
          new RegExp(`is in ${replyLanguage}, the customer writes ${customer}`),
        );
    });
  }

  it('keeps a plain, safe reply and every valid signal with it', () => {
    const { output, dropped } = guardModelOutput(
      {
        signals: { serviceType: { value: 'pest_control', confidence: 0.8 } },
        reply: 'Thanks! Which city are you in?',
        escalate: false,
      },
      context(['I have cockroaches in the kitchen'], 'en'),
    );
    assert.deepEqual(dropped, []);
    assert.equal(output.reply, 'Thanks! Which city are you in?');
  });
});
