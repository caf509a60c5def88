// A gateway with its worker whose tenant runs LLM mode: the Graph emulator for WhatsApp, the OpenAI emulator
// (its chat answers from a responder a test may swap) for the model and voice notes, the example intake.
import type { Conversation, LlmIntakeMode } from '@leadwire/connector-core';
import { exampleIntakeInput } from '@leadwire/connector-core/testing';
import {
  type ChatResponder,
  keywordResponder,
  type OpenAiEmulator,
  startOpenAiEmulator,
} from '../../src/sandbox/openai-emulator.ts';
import { type GraphEmulator, startGraphEmulator } from '../../src/whatsapp/graph-emulator.ts';
import { DOC_PHONE_NUMBER_ID, type Harness, startHarness, testConfig } from './harness.ts';

export interface LlmWorld {
  graph: GraphEmulator;
  openai: OpenAiEmulator;
  gw: Harness;
  /** the model's answers from now on; {@link keywordResponder} until a test sets another */
  answerWith(responder: ChatResponder): void;
  conversationOf(from: string): Promise<Conversation | undefined>;
  /** chat completions the emulator received so far */
  chatCalls(): number;
  close(): Promise<void>;
}

/** `intake` absent: the config's default. */
export async function startLlmWorld(
  options: { intake?: LlmIntakeMode; transcription?: boolean } = {},
): Promise<LlmWorld> {
  let responder: ChatResponder = keywordResponder;
  const graph = await startGraphEmulator({ token: 'test-graph-token' });
  const openai = await startOpenAiEmulator({
    apiKey: 'test-openai-key',
    responder: (request) => responder(request),
  });
  const config = testConfig({ worker: true });
  config.whatsapp.graphBaseUrl = graph.url;
  config.whatsapp.replyIntervalMs = 0;
  config.tenants[0]!.intake = exampleIntakeInput;
  config.tenants[0]!.whatsapp.accessToken = 'env:GRAPH_TOKEN';
  config.tenants[0]!.llm = {
    baseURL: openai.baseURL,
    apiKey: 'env:OPENAI_KEY',
    model: 'gpt-4o-mini',
    ...(options.intake === undefined ? {} : { intake: options.intake }),
    timeoutMs: 1500,
    ...(options.transcription === true ? { transcription: { model: 'gpt-4o-mini-transcribe' } } : {}),
  };
  const gw = await startHarness({ config, graph, worker: true });
  return {
    graph,
    openai,
    gw,
    answerWith(next) {
      responder = next;
    },
    conversationOf: (from) =>
      gw.running.runtime.store.getConversation(`${DOC_PHONE_NUMBER_ID}:${from}`) as Promise<
        Conversation | undefined
      >,
    chatCalls: () => openai.requests.filter((r) => r.path === '/v1/chat/completions').length,
    async close() {
      await gw.close();
      await graph.close();
      await openai.close();
    },
  };
}
