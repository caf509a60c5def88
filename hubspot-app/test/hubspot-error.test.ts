// parseHubspotError over recorded HubSpot error bodies (research/hubspot.md §2, §9, §10): each says what to do.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorHandling } from '@leadwire/connector-core';
import { fromSdkError, parseHubspotError } from '../src/hubspot-error.ts';

const recorded = {
  tenSecondly: {
    status: 'error',
    message: 'You have reached your ten_secondly_rolling limit.',
    errorType: 'RATE_LIMIT',
    correlationId: 'c033cdaa-2c40-4a64-ae48-b4cec88dad24',
    policyName: 'TEN_SECONDLY_ROLLING',
    requestId: '3d3e35b7-0dae-4b9f-a6e3-9c230cbcf8dd',
  },
  daily: {
    status: 'error',
    message: 'You have reached your daily limit.',
    errorType: 'RATE_LIMIT',
    correlationId: 'c033cdaa-2c40-4a64-ae48-b4cec88dad24',
    policyName: 'DAILY',
    requestId: '3d3e35b7-0dae-4b9f-a6e3-9c230cbcf8dd',
  },
  secondly: {
    status: 'error',
    message: 'You have reached your secondly limit.',
    errorType: 'RATE_LIMIT',
    correlationId: 'x',
  },
  unauthorized: {
    status: 'error',
    message:
      'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
    correlationId: 'a1',
    category: 'INVALID_AUTHENTICATION',
  },
  expired: {
    status: 'error',
    message: 'The OAuth token used to make this call expired 2 minute(s) ago.',
    correlationId: 'a2',
    category: 'EXPIRED_AUTHENTICATION',
  },
  missingScopes: {
    status: 'error',
    message: "This app hasn't been granted all required scopes to make this call.",
    correlationId: 'a3',
    errors: [
      {
        message: 'One or more of the following scopes are required.',
        context: { requiredGranularScopes: ['crm.objects.leads.write'] },
      },
    ],
    category: 'MISSING_SCOPES',
  },
  forbidden: { status: 'error', message: 'Forbidden', correlationId: 'a4', category: 'FORBIDDEN' },
  duplicateContact: {
    status: 'error',
    message: 'Contact already exists. Existing ID: 12345',
    correlationId: 'a4',
    category: 'CONFLICT',
  },
  nonUniqueUpsert: {
    status: 'error',
    message: 'Unable to perform update/upsert by non-unique 0-1 property',
    correlationId: 'a5',
    category: 'VALIDATION_ERROR',
  },
  badProperty: {
    status: 'error',
    message:
      'Property values were not valid: [{"isValid":false,"message":"Property \\"x\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"x"}]',
    correlationId: 'a6',
    category: 'VALIDATION_ERROR',
  },
  noLeads: {
    status: 'error',
    message: 'Unable to infer object type from: leads',
    correlationId: 'a7',
    category: 'VALIDATION_ERROR',
  },
  notFound: {
    status: 'error',
    message: 'Object not found.  objectId are usually numeric.',
    correlationId: 'a8',
    context: { id: ['77'] },
    category: 'OBJECT_NOT_FOUND',
  },
  badRefreshToken: {
    status: 'BAD_REFRESH_TOKEN',
    message: 'missing or unknown refresh token',
    correlationId: 'a9',
    requestId: 'r9',
  },
  badAuthCode: { status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code', correlationId: 'a10' },
  internal: { status: 'error', message: 'internal error', correlationId: 'a11', category: 'INTERNAL_ERROR' },
};

const table: Array<[string, number, unknown, string, Record<string, unknown>]> = [
  [
    'ten-secondly 429 → RATE_LIMITED, wait a window',
    429,
    recorded.tenSecondly,
    'RATE_LIMITED',
    { reason: 'ten_secondly', policyName: 'TEN_SECONDLY_ROLLING' },
  ],
  [
    'daily 429 → the tenant-pausing code',
    429,
    recorded.daily,
    'AUTH_REVOKED',
    { reason: 'daily_limit', policyName: 'DAILY' },
  ],
  ['search secondly 429 → RATE_LIMITED 1 s', 429, recorded.secondly, 'RATE_LIMITED', { reason: 'secondly' }],
  [
    '401 → AUTH_REVOKED',
    401,
    recorded.unauthorized,
    'AUTH_REVOKED',
    { reason: 'unauthorized', category: 'INVALID_AUTHENTICATION' },
  ],
  [
    'expired access token → TEMPORARY (refresh, not revoked)',
    401,
    recorded.expired,
    'TEMPORARY',
    { reason: 'token_expired' },
  ],
  [
    '403 missing scopes → VALIDATION naming the scopes (not a revocation)',
    403,
    recorded.missingScopes,
    'VALIDATION',
    { reason: 'missing_scopes', missingScopes: ['crm.objects.leads.write'] },
  ],
  ['any other 403 → AUTH_REVOKED', 403, recorded.forbidden, 'AUTH_REVOKED', { reason: 'forbidden' }],
  [
    '409 duplicate → CONFLICT with the existing id',
    409,
    recorded.duplicateContact,
    'CONFLICT',
    { existingId: '12345' },
  ],
  [
    '400 non-unique upsert → VALIDATION',
    400,
    recorded.nonUniqueUpsert,
    'VALIDATION',
    { category: 'VALIDATION_ERROR' },
  ],
  ['400 unknown property → VALIDATION', 400, recorded.badProperty, 'VALIDATION', { reason: 'validation' }],
  [
    '400 no Leads object → VALIDATION, flagged',
    400,
    recorded.noLeads,
    'VALIDATION',
    { objectTypeUnavailable: true },
  ],
  ['404 → NOT_FOUND', 404, recorded.notFound, 'NOT_FOUND', { reason: 'not_found' }],
  [
    'revoked refresh token → AUTH_REVOKED',
    400,
    recorded.badRefreshToken,
    'AUTH_REVOKED',
    { reason: 'refresh_token_revoked' },
  ],
  ['bad auth code → VALIDATION', 400, recorded.badAuthCode, 'VALIDATION', { reason: 'bad_auth_code' }],
  ['500 → TEMPORARY', 500, recorded.internal, 'TEMPORARY', { reason: 'server_error' }],
  [
    '502 with an HTML body → TEMPORARY',
    502,
    '<html>Bad gateway</html>',
    'TEMPORARY',
    { reason: 'server_error' },
  ],
];

for (const [name, status, body, code, details] of table)
  test(name, () => {
    const error = parseHubspotError(status, body, {});
    assert.equal(error.code, code);
    for (const [key, value] of Object.entries(details)) assert.deepEqual(error.details?.[key], value, key);
  });

test('a ten-secondly 429 waits one rolling window, a secondly one a second, Retry-After wins', () => {
  assert.equal(parseHubspotError(429, recorded.tenSecondly).retryAfterMs, 10_000);
  assert.equal(parseHubspotError(429, recorded.secondly).retryAfterMs, 1_000);
  assert.equal(parseHubspotError(429, recorded.tenSecondly, { 'Retry-After': '3' }).retryAfterMs, 3_000);
});

test('the daily limit pauses the tenant and never retries', () => {
  const error = parseHubspotError(429, recorded.daily);
  assert.equal(errorHandling[error.code].pausesTenant, true);
  assert.equal(error.handling.retry, 'never');
  assert.match(error.message, /daily API limit/);
});

test('an SDK ApiException and a network failure become LeadwireErrors', () => {
  const api = fromSdkError({ code: 429, body: recorded.tenSecondly, headers: {} });
  assert.equal(api.code, 'RATE_LIMITED');
  const network = fromSdkError(new TypeError('fetch failed'));
  assert.equal(network.code, 'TEMPORARY');
  assert.equal(network.details?.reason, 'network');
});
