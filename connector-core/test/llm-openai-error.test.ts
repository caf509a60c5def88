// parseOpenAiError on its own: OpenAI's recorded error bodies (and the SDK's own failures) to the code that
// says what the turn should do. https://platform.openai.com/docs/guides/error-codes
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIConnectionTimeoutError, APIError, LengthFinishReasonError } from 'openai/core/error';
import { z } from 'zod';
import { parseOpenAiError } from '../src/llm/openai-error.ts';
import type { ErrorCode } from '../src/model/errors.ts';

const body = (message: string, type: string, code: string | null, param: string | null = null) => ({
  error: { message, type, param, code },
});

function apiError(status: number, errorBody: ReturnType<typeof body>, headers: Record<string, string> = {}) {
  return APIError.generate(status, errorBody, undefined, new Headers(headers));
}

describe('parseOpenAiError', () => {
  const zodError = z.object({ a: z.string() }).safeParse({}).error;
  const cases: Array<[string, unknown, ErrorCode]> = [
    [
      '401 invalid_api_key',
      apiError(
        401,
        body('Incorrect API key provided: sk-ab***wxyz.', 'invalid_request_error', 'invalid_api_key'),
      ),
      'AUTH_REVOKED',
    ],
    [
      '403 unsupported region',
      apiError(
        403,
        body(
          'Country, region, or territory not supported',
          'request_forbidden',
          'unsupported_country_region_territory',
        ),
      ),
      'AUTH_REVOKED',
    ],
    [
      '429 insufficient_quota',
      apiError(
        429,
        body(
          'You exceeded your current quota, please check your plan and billing details.',
          'insufficient_quota',
          'insufficient_quota',
        ),
      ),
      'AUTH_REVOKED',
    ],
    [
      '429 rate_limit_exceeded',
      apiError(
        429,
        body(
          'Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 500.',
          'requests',
          'rate_limit_exceeded',
        ),
      ),
      'RATE_LIMITED',
    ],
    [
      '400 context_length_exceeded',
      apiError(
        400,
        body(
          "This model's maximum context length is 128000 tokens.",
          'invalid_request_error',
          'context_length_exceeded',
          'messages',
        ),
      ),
      'VALIDATION',
    ],
    [
      '404 model_not_found',
      apiError(
        404,
        body(
          'The model `gpt-9` does not exist or you do not have access to it.',
          'invalid_request_error',
          'model_not_found',
        ),
      ),
      'VALIDATION',
    ],
    ['408', apiError(408, body('Request timed out.', 'server_error', null)), 'TEMPORARY'],
    [
      '500 server_error',
      apiError(500, body('The server had an error while processing your request.', 'server_error', null)),
      'TEMPORARY',
    ],
    [
      '503 overloaded',
      apiError(
        503,
        body('The engine is currently overloaded, please try again later.', 'server_error', null),
      ),
      'TEMPORARY',
    ],
    ['a client timeout', new APIConnectionTimeoutError(), 'TEMPORARY'],
    ['a cut-off answer', new LengthFinishReasonError(), 'VALIDATION'],
    ['broken JSON', new SyntaxError('Unexpected end of JSON input'), 'VALIDATION'],
    ['output outside the schema', zodError, 'VALIDATION'],
    ['anything else', new Error('socket hang up'), 'TEMPORARY'],
  ];
  for (const [what, error, code] of cases) {
    it(`${what} → ${code}`, () => {
      const parsed = parseOpenAiError(error, { what: 'intake model gpt-4o-mini' });
      assert.equal(parsed.code, code);
      assert.match(parsed.message, /^intake model gpt-4o-mini: /);
      assert.equal(parsed.cause, error);
    });
  }

  it('carries the wait a 429 asked for', () => {
    const ms = apiError(429, body('Rate limit', 'requests', 'rate_limit_exceeded'), {
      'retry-after-ms': '750',
    });
    assert.equal(parseOpenAiError(ms, { what: 'x' }).retryAfterMs, 750);
    const seconds = apiError(429, body('Rate limit', 'requests', 'rate_limit_exceeded'), {
      'retry-after': '3',
    });
    assert.equal(parseOpenAiError(seconds, { what: 'x' }).retryAfterMs, 3000);
    const none = apiError(429, body('Rate limit', 'requests', 'rate_limit_exceeded'));
    assert.equal(parseOpenAiError(none, { what: 'x' }).retryAfterMs, undefined);
  });

  it('keeps the API code in details and never the message body', () => {
    const parsed = parseOpenAiError(
      apiError(
        401,
        body('Incorrect API key provided: sk-ab***wxyz.', 'invalid_request_error', 'invalid_api_key'),
      ),
      { what: 'x' },
    );
    assert.deepEqual(parsed.details, {
      status: 401,
      apiCode: 'invalid_api_key',
      apiType: 'invalid_request_error',
    });
    assert.doesNotMatch(parsed.message, /sk-/);
  });
});
