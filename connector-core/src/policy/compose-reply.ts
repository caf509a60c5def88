// The agent's reply for a policy decision, in the customer's language: the service question as reply
// buttons (≤ 3 services) or a list, urgency and confirmation as buttons, everything else as text.
// Titles are cut to WhatsApp's limits on grapheme boundaries, so an emoji or a Devanagari syllable is
// never split (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages).
import type { IntakeConfig } from '../config/intake-schema.ts';
import { serviceReplyId } from '../intake/match-catalog.ts';
import type { Signals } from '../model/signals.ts';
import type { OutboundMessage } from '../ports/messenger.ts';
import type { NextStep } from './decide.ts';
import { renderTemplate, type TemplateKey } from './templates.ts';

export const BUTTON_TITLE_MAX = 20;
export const LIST_ROW_TITLE_MAX = 24;
export const LIST_ROWS_MAX = 10;
export const BUTTONS_MAX = 3;

/** Reply ids of the agent's own buttons; intake reads them back. */
export const REPLY_IDS = {
  urgent: 'urgency:urgent',
  notUrgent: 'urgency:normal',
  confirmYes: 'confirm:yes',
  confirmChange: 'confirm:change',
} as const;

export interface ReplyContext {
  /** the customer's language (BCP-47 primary tag) */
  language: string;
  signals: Signals;
  intake: IntakeConfig;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` cut to at most `max` UTF-16 units on a grapheme boundary, marked with an ellipsis when cut. */
export function truncateTitle(text: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= max) return trimmed;
  let out = '';
  for (const { segment } of graphemes.segment(trimmed)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

/** The customer's language, else the tenant's default language, else English, else any. */
function inLanguage<T>(
  byLanguage: Record<string, T>,
  language: string,
  defaultLanguage: string,
): T | undefined {
  return byLanguage[language] ?? byLanguage[defaultLanguage] ?? byLanguage.en ?? Object.values(byLanguage)[0];
}

/** The script a language is usually written in (`Latn`, `Arab`, `Deva`, …), from CLDR's likely subtags. */
function likelyScript(language: string): string | undefined {
  try {
    return new Intl.Locale(language).maximize().script;
  } catch {
    return undefined;
  }
}

/**
 * A catalog name for display, capitalised: the first alias in the customer's language; else one the customer can
 * read (the tenant's default language, English or any other written in the customer's script: a Spanish customer of
 * a business that names its services in Arabic and English sees the English); else the tenant's default language.
 */
function displayName(names: Record<string, string[]>, language: string, defaultLanguage: string, id: string) {
  const script = names[language]?.[0] === undefined ? likelyScript(language) : undefined;
  const readable =
    script === undefined
      ? undefined
      : [defaultLanguage, 'en', ...Object.keys(names)]
          .map((code) => names[code]?.[0])
          .find((name) => name !== undefined && new RegExp(`^\\P{L}*\\p{Script=${script}}`, 'u').test(name));
  const name = readable ?? inLanguage(names, language, defaultLanguage)?.[0] ?? id;
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

/** The service buttons or list, ids from {@link serviceReplyId}. */
function serviceQuestion(
  body: string,
  context: ReplyContext,
  t: (key: TemplateKey) => string,
): OutboundMessage {
  const { intake, language } = context;
  const defaultLanguage = intake.languages[0] ?? 'en';
  const options = intake.services.map((service) => ({
    id: serviceReplyId(service.id),
    name: displayName(service.names, language, defaultLanguage, service.id),
  }));
  if (options.length === 0) return { kind: 'text', body };
  if (options.length <= BUTTONS_MAX) {
    return {
      kind: 'buttons',
      body,
      buttons: options.map((option) => ({
        id: option.id,
        title: truncateTitle(option.name, BUTTON_TITLE_MAX),
      })),
    };
  }
  return {
    kind: 'list',
    body,
    button: truncateTitle(t('serviceListButton'), BUTTON_TITLE_MAX),
    rows: options
      .slice(0, LIST_ROWS_MAX)
      .map((option) => ({ id: option.id, title: truncateTitle(option.name, LIST_ROW_TITLE_MAX) })),
  };
}

function confirmationVars(context: ReplyContext, t: (key: TemplateKey) => string): Record<string, string> {
  const { signals, intake, language } = context;
  const defaultLanguage = intake.languages[0] ?? 'en';
  const serviceId = signals.serviceType?.value;
  const service = intake.services.find((entry) => entry.id === serviceId);
  const location = signals.location?.value;
  const area = intake.areas.find((entry) => entry.id === location?.areaId);
  const pin =
    location?.latitude !== undefined && location.longitude !== undefined
      ? `${location.latitude.toFixed(4)}, ${location.longitude.toFixed(4)}`
      : '';
  return {
    service: service ? displayName(service.names, language, defaultLanguage, service.id) : (serviceId ?? ''),
    location: area ? displayName(area.names, language, defaultLanguage, area.id) : (location?.text ?? pin),
    timing: signals.timing?.value.text ?? '',
    urgency: signals.urgency?.value === 'urgent' ? t('urgencyUrgent') : t('urgencyNormal'),
  };
}

/** The message that carries `next` to the customer; undefined when the agent stays silent. */
export function composeReply(next: NextStep, context: ReplyContext): OutboundMessage | undefined {
  const { intake, language } = context;
  const defaultLanguage = intake.languages[0] ?? 'en';
  const t = (key: TemplateKey, vars: Record<string, string> = {}) =>
    renderTemplate(key, language, vars, intake.templates, defaultLanguage);
  if (next.decision === 'silent') return undefined;
  if (next.decision === 'lead') return { kind: 'text', body: t('handoff') };
  if (next.decision === 'inquiry') {
    const has = (reason: string) => next.reasons.includes(reason);
    if (has('voice_unclear')) return { kind: 'text', body: t('voiceUnclear') };
    if (has('pricing_without_rule')) return { kind: 'text', body: t('cannotAnswerPricing') };
    if (has('outside_service_area')) return { kind: 'text', body: t('outsideServiceArea') };
    return { kind: 'text', body: t('inquiryHandoff') };
  }
  const entry = intake.knowledge.find((knowledge) => knowledge.id === next.answer);
  const answer = entry ? (inLanguage(entry.answer, language, defaultLanguage) ?? '') : '';
  const withAnswer = (body: string) => (answer === '' ? body : `${answer}\n\n${body}`);
  switch (next.ask) {
    case 'serviceType':
      return serviceQuestion(withAnswer(t('askService')), context, t);
    case 'location':
      return { kind: 'text', body: withAnswer(t('askLocation')) };
    case 'timing':
      return { kind: 'text', body: withAnswer(t('askTiming')) };
    case 'urgency':
      return {
        kind: 'buttons',
        body: withAnswer(t('askUrgency')),
        buttons: [
          { id: REPLY_IDS.urgent, title: truncateTitle(t('urgentButton'), BUTTON_TITLE_MAX) },
          { id: REPLY_IDS.notUrgent, title: truncateTitle(t('notUrgentButton'), BUTTON_TITLE_MAX) },
        ],
      };
    case 'confirm':
      return {
        kind: 'buttons',
        body: withAnswer(t('confirm', confirmationVars(context, t))),
        buttons: [
          { id: REPLY_IDS.confirmYes, title: truncateTitle(t('yesButton'), BUTTON_TITLE_MAX) },
          { id: REPLY_IDS.confirmChange, title: truncateTitle(t('changeButton'), BUTTON_TITLE_MAX) },
        ],
      };
    case 'change':
      return { kind: 'text', body: withAnswer(t('askChange')) };
    case undefined:
      return answer === '' ? undefined : { kind: 'text', body: answer };
  }
}
