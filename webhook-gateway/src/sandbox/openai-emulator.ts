// OpenAI emulator: an in-process stand-in for the OpenAI API on OpenAI's paths and shapes, so tests and
// the sandbox run the real `openai` client over HTTP. It checks the bearer key, the required parameters
// and that a strict json_schema response format is one Structured Outputs accepts (same error bodies as
// OpenAI); answers chat completions from a script or a responder (a normal answer, a refusal, broken JSON,
// any HTTP error, a delay), transcribes "audio" whose bytes read `TRANSCRIPT:<text>`, and records every
// request. https://platform.openai.com/docs/api-reference/chat/create
// https://platform.openai.com/docs/api-reference/audio/createTranscription
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a chat completion answers with. A plain object is the model's JSON output. */
export type ChatReply =
  /** the model declines: `message.refusal` set, `content` null */
  | { refusal: string }
  /** any HTTP answer, e.g. `{ status: 429, body: openAiError(...) }` */
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** `message.content` verbatim (e.g. broken JSON), with an optional finish reason */
  | { content: string; finishReason?: 'stop' | 'length' | 'content_filter' }
  /** wait, then answer with the rest of the object (or the default responder when nothing is left) */
  | { delayMs: number; then?: ChatReply }
  /** the model's output, sent as `message.content` JSON */
  | Record<string, unknown>;

export type TranscriptionReply =
  | { text: string; language?: string }
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { delayMs: number; then?: TranscriptionReply };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** parsed JSON, or for multipart `{ fields, files }`; undefined when there was no (parsable) body */
  body: unknown;
}

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: unknown }>;
  response_format?: { type: string; json_schema?: { name?: string; strict?: boolean; schema?: unknown } };
  [key: string]: unknown;
}

export interface TranscriptionRequest {
  model: string;
  fields: Record<string, string>;
  file: { name: string; type: string; bytes: Buffer };
}

export type ChatResponder = (request: ChatRequest) => ChatReply | Promise<ChatReply>;
export type TranscriptionResponder = (
  request: TranscriptionRequest,
) => TranscriptionReply | Promise<TranscriptionReply>;

export interface OpenAiEmulatorOptions {
  /** The key every call must carry as `Authorization: Bearer <key>`. Default `emulator-key`. */
  apiKey?: string;
  /** Answers chat completions the script does not. Default {@link keywordResponder}. */
  responder?: ChatResponder;
  /** Answers transcriptions the script does not. Default {@link transcriptResponder}. */
  transcriber?: TranscriptionResponder;
  /** What `GET /v1/models` lists. Default `gpt-4o-mini`, `gpt-4o-mini-transcribe`, `whisper-1`. */
  models?: string[];
}

export interface OpenAiEmulator {
  /** the API root to give the client, e.g. `http://127.0.0.1:PORT/v1` */
  baseURL: string;
  apiKey: string;
  /** every request received, in order */
  requests: RecordedRequest[];
  /** The next chat completions answer with these, in order, before the responder is asked. */
  script(...replies: ChatReply[]): void;
  /** The next transcriptions answer with these, in order, before the transcriber is asked. */
  scriptTranscription(...replies: TranscriptionReply[]): void;
  close(): Promise<void>;
}

/** OpenAI's error body. */
export function openAiError(
  message: string,
  type = 'invalid_request_error',
  code: string | null = null,
  param: string | null = null,
): { error: { message: string; type: string; param: string | null; code: string | null } } {
  return { error: { message, type, param, code } };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- strict json_schema check (the subset of OpenAI's validation our schemas could trip) ----

/** The first reason OpenAI would reject a strict schema, in OpenAI's wording, or undefined. */
export function strictSchemaProblem(schema: unknown, path: string[] = []): string | undefined {
  if (!isRecord(schema)) return undefined;
  const context = `context=(${path.map((p) => `'${p}'`).join(', ')}${path.length === 1 ? ',' : ''})`;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object') || schema.properties !== undefined) {
    if (schema.additionalProperties !== false)
      return `In ${context}, 'additionalProperties' is required to be supplied and to be false.`;
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required : [];
    const missing = Object.keys(properties).filter((key) => !required.includes(key));
    if (missing.length > 0)
      return `In ${context}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`;
    for (const [key, child] of Object.entries(properties)) {
      const problem = strictSchemaProblem(child, [...path, 'properties', key]);
      if (problem) return problem;
    }
  }
  if (Array.isArray(schema.enum) && schema.enum.length === 0)
    return `In ${context}, 'enum' must have at least one value.`;
  for (const keyword of ['anyOf', 'items'] as const) {
    const children = schema[keyword];
    const list = Array.isArray(children) ? children : children === undefined ? [] : [children];
    for (const [i, child] of list.entries()) {
      const problem = strictSchemaProblem(child, [
        ...path,
        keyword,
        ...(Array.isArray(children) ? [String(i)] : []),
      ]);
      if (problem) return problem;
    }
  }
  for (const defs of [schema.$defs, schema.definitions]) {
    if (!isRecord(defs)) continue;
    for (const [name, child] of Object.entries(defs)) {
      const problem = strictSchemaProblem(child, [...path, '$defs', name]);
      if (problem) return problem;
    }
  }
  return undefined;
}

// ---- the default responders ----

/** Words that stand for an enum value beyond its own id (a few per intake language). */
const KEYWORDS: Record<string, RegExp> = {
  urgent: /urgent|asap|emergency|urgente|عاجل|ضروري|segera|acil|jaldi|तुरंत/iu,
  normal: /not urgent|no rush|sin prisa|sem pressa|مو مستعجل|tidak buru|pas urgent|acil değil/iu,
  pricing:
    /price|cost|how much|precio|cuánto|preço|quanto|سعر|بكم|harga|prix|combien|fiyat|kaç para|कीमत|kitna/iu,
  hours: /hours|open|horario|horário|مواعيد|jam buka|horaires|saat kaçta|समय/iu,
  book: /book|appointment|reserv|agendar|cita|موعد|حجز|pesan|rendez|randevu|बुक/iu,
  complaint: /complain|terrible|queja|reclama|شكوى|keluhan|plainte|şikayet|शिकायत/iu,
  negative: /terrible|awful|angry|horrible|péssimo|سيء|buruk|nul|berbat|बेकार/iu,
};
const HUMAN = /human|real person|agent|manager|humano|pessoa|موظف|انسان|manusia|humain|insan|इंसान/iu;

/** "The team will reply in this chat" in the intake languages, for the default responder's reply. */
const ACKNOWLEDGEMENTS: Record<string, string> = {
  en: 'Thanks, the team will reply in this chat.',
  es: 'Gracias, el equipo te responderá en este chat.',
  pt: 'Obrigado, a equipe vai responder neste chat.',
  ar: 'شكرًا، سيرد عليك الفريق في هذه المحادثة.',
  id: 'Terima kasih, tim kami akan membalas di chat ini.',
  fr: "Merci, l'équipe vous répondra dans cette conversation.",
  tr: 'Teşekkürler, ekibimiz bu sohbetten size dönecek.',
  hi: 'धन्यवाद, हमारी टीम इसी चैट में जवाब देगी।',
};

/** The `customer_language` of the last user message's JSON data, when it names one. */
function customerLanguage(request: ChatRequest): string | undefined {
  const last = [...request.messages].reverse().find((message) => message.role === 'user');
  try {
    const data: unknown = JSON.parse(typeof last?.content === 'string' ? last.content : '');
    return isRecord(data) && typeof data.customer_language === 'string' ? data.customer_language : undefined;
  } catch {
    return undefined;
  }
}

/** The customer's words in the last user message: its JSON `transcript` when it has one, else its text. */
function customerText(request: ChatRequest): string {
  const last = [...request.messages].reverse().find((message) => message.role === 'user');
  const content = typeof last?.content === 'string' ? last.content : '';
  try {
    const data: unknown = JSON.parse(content);
    if (isRecord(data) && Array.isArray(data.transcript)) {
      return data.transcript
        .filter((line) => isRecord(line) && line.author === 'customer' && typeof line.text === 'string')
        .map((line) => String((line as { text: string }).text))
        .join('\n');
    }
  } catch {
    // not JSON: the message itself is the text
  }
  return content;
}

function enumValue(values: unknown[], text: string): unknown {
  const lower = text.toLowerCase();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const keyword = KEYWORDS[value];
    if (keyword?.test(text) || lower.includes(value.toLowerCase().replace(/[_-]+/g, ' '))) return value;
  }
  return undefined;
}

interface Filled {
  value: unknown;
  found: boolean;
}

/** A value for `schema` from keywords in `text`: enums by their values, booleans by asking for a human. */
function fill(schema: unknown, text: string, key: string): Filled {
  if (!isRecord(schema)) return { value: null, found: false };
  if (Array.isArray(schema.anyOf)) {
    const options = schema.anyOf.filter(isRecord);
    for (const option of options.filter((o) => o.type !== 'null')) {
      const filled = fill(option, text, key);
      if (filled.found) return filled;
    }
    return options.some((o) => o.type === 'null')
      ? { value: null, found: false }
      : fill(options[0], text, key);
  }
  if (Array.isArray(schema.enum)) {
    const value = enumValue(schema.enum, text);
    if (value !== undefined) return { value, found: true };
    return { value: schema.enum.includes(null) ? null : schema.enum[0], found: false };
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('object') && isRecord(schema.properties)) {
    const out: Record<string, unknown> = {};
    let found = false;
    for (const [name, child] of Object.entries(schema.properties)) {
      if (name === 'confidence') continue;
      // a signal's `value` is read under the signal's name (humanRequested.value)
      const filled = fill(child, text, name === 'value' ? key : name);
      out[name] = filled.value;
      found ||= filled.found;
    }
    if ('confidence' in schema.properties) out.confidence = found ? 0.7 : 0;
    return { value: out, found };
  }
  if (types.includes('boolean')) {
    const yes = /human|escalate/i.test(key) && HUMAN.test(text);
    return { value: yes ? true : types.includes('null') ? null : false, found: yes };
  }
  if (types.includes('null')) return { value: null, found: false };
  if (types.includes('string')) return { value: '', found: false };
  if (types.includes('number') || types.includes('integer')) return { value: 0, found: false };
  return { value: null, found: false };
}

/**
 * The default chat responder: fills the requested json_schema from keywords in the customer's words
 * (an enum value whose id or keyword appears, a human asked for), leaving everything else null, with a
 * neutral acknowledgement in the customer's language (the data's `customer_language`) when the schema
 * has a `reply`. Plain-text requests get a short acknowledgement.
 */
export const keywordResponder: ChatResponder = (request) => {
  const text = customerText(request);
  const schema = request.response_format?.json_schema?.schema;
  if (request.response_format?.type !== 'json_schema' || schema === undefined) {
    return { content: 'Thanks, the team will reply in this chat.' };
  }
  const filled = fill(schema, text, '');
  const output = isRecord(filled.value) ? filled.value : {};
  if ('reply' in output)
    output.reply = ACKNOWLEDGEMENTS[customerLanguage(request) ?? 'en'] ?? ACKNOWLEDGEMENTS.en ?? null;
  if ('escalate' in output && output.humanRequested !== undefined && isRecord(output.humanRequested))
    output.escalate = output.humanRequested.value === true;
  if ('escalateReason' in output) output.escalateReason = output.escalate === true ? 'human requested' : null;
  return output;
};

/** The default transcriber: audio whose bytes are UTF-8 `TRANSCRIPT:<text>` says `<text>`; other bytes are not audio. */
export const transcriptResponder: TranscriptionResponder = ({ file }) => {
  const text = file.bytes.toString('utf8');
  if (text.startsWith('TRANSCRIPT:')) return { text: text.slice('TRANSCRIPT:'.length).trim() };
  return {
    status: 400,
    body: openAiError(
      'Audio file might be corrupted or unsupported',
      'invalid_request_error',
      'invalid_value',
      'file',
    ),
  };
};

// ---- the server ----

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

const isHttpReply = (r: object): r is { status: number; body?: unknown; headers?: Record<string, string> } =>
  'status' in r &&
  typeof r.status === 'number' &&
  Object.keys(r).every((k) => ['status', 'body', 'headers'].includes(k));

export async function startOpenAiEmulator(options: OpenAiEmulatorOptions = {}): Promise<OpenAiEmulator> {
  const apiKey = options.apiKey ?? 'emulator-key';
  const responder = options.responder ?? keywordResponder;
  const transcriber = options.transcriber ?? transcriptResponder;
  const models = options.models ?? ['gpt-4o-mini', 'gpt-4o-mini-transcribe', 'whisper-1'];
  const chatScript: ChatReply[] = [];
  const transcriptionScript: TranscriptionReply[] = [];
  const requests: RecordedRequest[] = [];
  const created = () => Math.floor(Date.now() / 1000);
  /** pending delays, cut short by close() so a scripted slow answer never holds the process open */
  const delays = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        delays.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      delays.add(done);
    });

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, {
      'content-type': 'application/json',
      'x-request-id': `req_${randomBytes(12).toString('hex')}`,
      ...headers,
    });
    res.end(JSON.stringify(body));
  };

  /** false when the key is right; otherwise OpenAI's 401 has been sent. */
  const unauthorized = (req: IncomingMessage, res: ServerResponse): boolean => {
    const header = req.headers.authorization;
    if (header === `Bearer ${apiKey}`) return false;
    if (header === undefined || !header.startsWith('Bearer ')) {
      json(
        res,
        401,
        openAiError(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        ),
      );
    } else {
      const given = header.slice('Bearer '.length);
      json(
        res,
        401,
        openAiError(
          `Incorrect API key provided: ${given.slice(0, 3)}***${given.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
          'invalid_request_error',
          'invalid_api_key',
        ),
      );
    }
    return true;
  };

  const completion = (model: string, message: Record<string, unknown>, finishReason: string) => ({
    id: `chatcmpl-${randomBytes(15).toString('base64url')}`,
    object: 'chat.completion',
    created: created(),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', annotations: [], ...message },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage: {
      prompt_tokens: 100,
      completion_tokens: 50,
      total_tokens: 150,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_emulator',
  });

  const answerChat = async (res: ServerResponse, request: ChatRequest, reply: ChatReply): Promise<void> => {
    if ('delayMs' in reply && typeof reply.delayMs === 'number') {
      const { delayMs, then, ...rest } = reply as { delayMs: number; then?: ChatReply } & Record<
        string,
        unknown
      >;
      await sleep(delayMs);
      const next = then ?? (Object.keys(rest).length > 0 ? rest : await responder(request));
      return answerChat(res, request, next);
    }
    if (isHttpReply(reply)) return json(res, reply.status, reply.body ?? {}, reply.headers);
    if ('refusal' in reply && typeof reply.refusal === 'string' && Object.keys(reply).length === 1)
      return json(res, 200, completion(request.model, { content: null, refusal: reply.refusal }, 'stop'));
    if (
      'content' in reply &&
      typeof reply.content === 'string' &&
      Object.keys(reply).every((k) => ['content', 'finishReason'].includes(k))
    ) {
      const finish = typeof reply.finishReason === 'string' ? reply.finishReason : 'stop';
      return json(res, 200, completion(request.model, { content: reply.content, refusal: null }, finish));
    }
    return json(
      res,
      200,
      completion(request.model, { content: JSON.stringify(reply), refusal: null }, 'stop'),
    );
  };

  const chat = async (res: ServerResponse, body: unknown): Promise<void> => {
    if (!isRecord(body))
      return json(res, 400, openAiError('We could not parse the JSON body of your request.'));
    if (typeof body.model !== 'string' || body.model === '')
      return json(res, 400, openAiError('you must provide a model parameter'));
    if (!Array.isArray(body.messages))
      return json(
        res,
        400,
        openAiError(
          "Missing required parameter: 'messages'.",
          'invalid_request_error',
          'missing_required_parameter',
          'messages',
        ),
      );
    if (body.messages.length === 0)
      return json(
        res,
        400,
        openAiError(
          "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
          'invalid_request_error',
          'empty_array',
          'messages',
        ),
      );
    const format = body.response_format;
    if (isRecord(format) && format.type === 'json_schema') {
      const jsonSchema = isRecord(format.json_schema) ? format.json_schema : undefined;
      if (jsonSchema === undefined || typeof jsonSchema.name !== 'string')
        return json(
          res,
          400,
          openAiError(
            "Missing required parameter: 'response_format.json_schema.name'.",
            'invalid_request_error',
            'missing_required_parameter',
            'response_format.json_schema.name',
          ),
        );
      const problem = jsonSchema.strict === true ? strictSchemaProblem(jsonSchema.schema) : undefined;
      if (problem !== undefined)
        return json(
          res,
          400,
          openAiError(
            `Invalid schema for response_format '${jsonSchema.name}': ${problem}`,
            'invalid_request_error',
            'invalid_json_schema',
            'response_format',
          ),
        );
    }
    const request = body as ChatRequest;
    const reply = chatScript.shift() ?? (await responder(request));
    return answerChat(res, request, reply);
  };

  const transcribe = async (
    res: ServerResponse,
    req: IncomingMessage,
    raw: Buffer,
    record: RecordedRequest,
  ) => {
    let form: FormData;
    try {
      form = await new Request('http://emulator/', {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: raw,
      }).formData();
    } catch {
      return json(res, 400, openAiError('Could not parse multipart form'));
    }
    const fields: Record<string, string> = {};
    const files: Record<string, { name: string; type: string; size: number; bytes: Buffer }> = {};
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else
        files[name] = {
          name: value.name,
          type: value.type,
          size: value.size,
          bytes: Buffer.from(await value.arrayBuffer()),
        };
    }
    record.body = { fields, files };
    const file = files.file;
    if (file === undefined)
      return json(
        res,
        400,
        openAiError(
          "Missing required parameter: 'file'.",
          'invalid_request_error',
          'missing_required_parameter',
          'file',
        ),
      );
    const model = fields.model;
    if (model === undefined || model === '')
      return json(res, 400, openAiError('you must provide a model parameter'));
    const request: TranscriptionRequest = { model, fields, file };
    let reply = transcriptionScript.shift() ?? (await transcriber(request));
    while ('delayMs' in reply) {
      await sleep(reply.delayMs);
      reply = reply.then ?? (await transcriber(request));
    }
    if ('status' in reply) return json(res, reply.status, reply.body ?? {}, reply.headers);
    const usage = {
      type: 'tokens',
      input_tokens: 20,
      input_token_details: { text_tokens: 0, audio_tokens: 20 },
      output_tokens: 10,
      total_tokens: 30,
    };
    if (fields.response_format === 'text') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end(reply.text);
    }
    if (fields.response_format === 'verbose_json')
      return json(res, 200, {
        task: 'transcribe',
        language: reply.language ?? fields.language ?? 'english',
        duration: 1.0,
        text: reply.text,
        segments: [],
      });
    return json(res, 200, { text: reply.text, usage });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const raw = await readRaw(req);
    const headers = headersOf(req);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      headers,
      body: undefined,
    };
    if ((headers['content-type'] ?? '').includes('application/json') && raw.length > 0) {
      try {
        record.body = JSON.parse(raw.toString('utf8'));
      } catch {
        record.body = undefined;
      }
    }
    requests.push(record);
    if (unauthorized(req, res)) return;

    if (req.method === 'POST' && url.pathname === '/v1/chat/completions') return chat(res, record.body);
    if (req.method === 'POST' && url.pathname === '/v1/audio/transcriptions')
      return transcribe(res, req, raw, record);
    if (req.method === 'GET' && url.pathname === '/v1/models') {
      return json(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' })),
      });
    }
    json(res, 404, openAiError(`Invalid URL (${req.method} ${url.pathname})`));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        json(res, 500, openAiError(`The server had an error: ${String(error)}`, 'server_error'));
    });
  });
  // Node's default 5 s keep-alive races a client's pooled socket when calls come seconds apart on a busy
  // machine (the client writes as the server closes: "other side closed"); hosted APIs keep idle
  // connections far longer, so a sparse caller (hybrid intake) meets no such failure there.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;

  return {
    baseURL,
    apiKey,
    requests,
    script(...replies) {
      chatScript.push(...replies);
    },
    scriptTranscription(...replies) {
      transcriptionScript.push(...replies);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const done of [...delays]) done();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
