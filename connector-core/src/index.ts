// @leadwire/connector-core: the domain, the ports, the turn runtime, and the store and queue adapters.
export * from './config/config-schema.ts';
export * from './config/crm-schema.ts';
export * from './config/eval-schema.ts';
export {
  type AreaConfig,
  areaSchema,
  type Coordinates,
  coordinatesSchema,
  type IntakeConfig,
  type IntakeConfigInput,
  intakeConfigSchema,
  type KnowledgeConfig,
  knowledgeSchema,
  languageTag,
  type ServiceConfig,
  serviceSchema,
} from './config/intake-schema.ts';
export * from './config/load-config.ts';
export * from './config/policy-schema.ts';
export * from './conversation/crm-steps.ts';
export * from './conversation/fit-reply.ts';
export * from './conversation/identity.ts';
export * from './conversation/intake-agent.ts';
export * from './conversation/media-step.ts';
export * from './conversation/record-turn.ts';
export * from './conversation/route-step.ts';
export * from './http/result-page.ts';
export {
  type ExtractedSignals,
  type ExtractSignalsInput,
  extractSignals,
  type TurnEscalation,
} from './intake/extract-signals.ts';
export {
  detectLanguage,
  type LanguageHints,
  type LanguageSignal,
  SUPPORTED_LANGUAGES,
  type SupportedLanguage,
} from './intake/language.ts';
export { areaForPin, distanceKm, matchArea, type PinArea, type PinnableArea } from './intake/match-area.ts';
export {
  type AliasCandidate,
  type AliasEntry,
  type AliasEvidence,
  type CatalogMatch,
  matchAlias,
  matchService,
  type ReplyEvidence,
  rankAliases,
  SERVICE_REPLY_PREFIX,
  serviceFromReply,
  serviceReplyId,
} from './intake/match-catalog.ts';
export { confirmSignals, mergeSignals } from './intake/merge-signals.ts';
export { countryOfPhone, languageOfCountry } from './intake/phone-country.ts';
export {
  arabicStems,
  arabiziToLatin,
  isArabizi,
  normalizeForMatch,
  tokens,
} from './intake/text-normalize.ts';
export { extractTiming, formatInTimezone, type TimingContext, type TimingSignal } from './intake/timing.ts';
export {
  detectEscalation,
  detectUrgency,
  type EscalationSignals,
  type UrgencySignal,
} from './intake/urgency.ts';
export * from './llm/guard-output.ts';
export * from './llm/llm-adapters.ts';
export * from './llm/llm-schema.ts';
export * from './llm/merge-model-output.ts';
export * from './llm/model-call.ts';
export * from './llm/openai-error.ts';
export * from './llm/openai-intake-model.ts';
export * from './llm/openai-transcriber.ts';
export * from './model/conversation.ts';
export * from './model/errors.ts';
export * from './model/inbound-event.ts';
export * from './model/message-text.ts';
export * from './model/normalize.ts';
export * from './model/normalized-line.ts';
export * from './model/signals.ts';
export * from './model/webhook-envelope.ts';
export * from './model/webhook-limits.ts';
export * from './model/whatsapp-limits.ts';
export {
  BUTTON_TITLE_MAX,
  BUTTONS_MAX,
  composeReply,
  LIST_ROW_TITLE_MAX,
  LIST_ROWS_MAX,
  REPLY_IDS,
  type ReplyContext,
  truncateTitle,
} from './policy/compose-reply.ts';
export {
  DEFAULT_INTENT_THRESHOLD,
  type DecideInput,
  type Decision,
  decideNext,
  INTAKE_QUESTIONS,
  type IntakeQuestion,
  type NextStep,
  type PolicyAction,
  type PolicyConfig,
  type Question,
} from './policy/decide.ts';
export {
  BUILT_IN_TEMPLATES,
  BUTTON_TEMPLATE_KEYS,
  HANDOFF_TEMPLATE_KEYS,
  renderTemplate,
  TEMPLATE_LANGUAGES,
  type TemplateKey,
  type TemplateLanguage,
  templateKeys,
} from './policy/templates.ts';
export * from './ports/index.ts';
export { BullmqQueue, type BullmqQueueOptions } from './queue/bullmq-queue.ts';
export { EmbeddedQueue, type EmbeddedQueueOptions, openEmbeddedQueue } from './queue/embedded-queue.ts';
export * from './queue/retry-policy.ts';
export * from './routing/availability.ts';
export * from './routing/directory.ts';
export * from './routing/pool.ts';
export {
  type Assignee as RoutedAssignee,
  type CandidateNumbers,
  NO_RULE,
  namesOf,
  type RecordOwnerRef,
  type RouteInput,
  type RoutingDecision,
  type RoutingTrace,
  route,
  type SkipReason,
  type TraceCandidate,
  type TraceStep,
} from './routing/route.ts';
export * from './routing/routing-schema.ts';
export * from './routing/select-candidate.ts';
export * from './routing/sla.ts';
export * from './routing/trace-text.ts';
export * from './runtime/routing-jobs.ts';
export * from './runtime/routing-scenario.ts';
export * from './runtime/turn-processor.ts';
export * from './store/assignment-rules.ts';
export * from './store/group-commit.ts';
export * from './store/install-link.ts';
export { type LuaArg, LuaScript } from './store/lua-script.ts';
export * from './store/oauth-state.ts';
export * from './store/redis-assignments.ts';
export * from './store/redis-connection.ts';
export * from './store/redis-delivery-log.ts';
export * from './store/redis-secret-store.ts';
export { RedisStore, type RedisStoreOptions } from './store/redis-store.ts';
export * from './store/secret-cipher.ts';
export * from './store/sqlite-assignments.ts';
export * from './store/sqlite-delivery-log.ts';
export * from './store/sqlite-file.ts';
export * from './store/sqlite-secret-store.ts';
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from './store/sqlite-store.ts';
export * from './store/wal-sync.ts';
