// One way to get an OpenAI client for the adapters: pass one (tests, Azure's AzureOpenAI), or the endpoint.
import OpenAI from 'openai';

/** A client, or the endpoint and key to make one with (`baseURL` e.g. `https://api.openai.com/v1`). */
export type OpenAiEndpoint = { client: OpenAI } | { baseURL: string; apiKey: string };

export function openAiClientOf(endpoint: OpenAiEndpoint): OpenAI {
  if ('client' in endpoint) return endpoint.client;
  // Retries are the turn's business (the job queue backs off); the adapters also pass maxRetries: 0 per call.
  return new OpenAI({ baseURL: endpoint.baseURL, apiKey: endpoint.apiKey, maxRetries: 0 });
}
