// parseSalesforceError over recorded Salesforce error bodies (research/salesforce.md §1.8, §2.7): each maps to the
// code that tells the queue what to do, and the code's handling (retry, pause the org, dead-letter) follows.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ErrorCode, errorHandling } from '@leadwire/connector-core';
import { fromJsforceError, parseSalesforceError } from '../src/salesforce-error.ts';

const cases: {
  name: string;
  status: number;
  body: unknown;
  code: ErrorCode;
  reason: string;
  pauses?: boolean;
}[] = [
  {
    name: 'REQUEST_LIMIT_EXCEEDED (daily TotalRequests) pauses the org',
    status: 403,
    body: [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    code: 'AUTH_REVOKED',
    reason: 'daily_limit',
    pauses: true,
  },
  {
    name: 'REQUEST_LIMIT_EXCEEDED (concurrent long-running requests) only slows down',
    status: 403,
    body: [{ message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }],
    code: 'RATE_LIMITED',
    reason: 'concurrent_limit',
  },
  {
    name: 'INVALID_SESSION_ID that reaches the parser (the refresh already failed) is a revoked connection',
    status: 401,
    body: [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }],
    code: 'AUTH_REVOKED',
    reason: 'session_invalid',
    pauses: true,
  },
  {
    name: 'the token endpoint refusing the refresh token',
    status: 400,
    body: { error: 'invalid_grant', error_description: 'expired access/refresh token' },
    code: 'AUTH_REVOKED',
    reason: 'refresh_token_revoked',
  },
  {
    name: 'UNABLE_TO_LOCK_ROW is retried',
    status: 400,
    body: [
      {
        message: 'unable to obtain exclusive access to this record',
        errorCode: 'UNABLE_TO_LOCK_ROW',
        fields: [],
      },
    ],
    code: 'CONFLICT',
    reason: 'row_locked',
  },
  {
    name: 'DUPLICATE_VALUE on an external id (two upserts racing) is retried: the retry updates',
    status: 400,
    body: [
      {
        message: 'duplicate value found: Wamid__c duplicates value on record with id: a02000000000001AAA',
        errorCode: 'DUPLICATE_VALUE',
        fields: [],
      },
    ],
    code: 'CONFLICT',
    reason: 'duplicate_value',
  },
  {
    name: 'FIELD_CUSTOM_VALIDATION_EXCEPTION is dead-lettered',
    status: 400,
    body: [
      { message: 'Phone must be Spanish', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: ['Phone'] },
    ],
    code: 'VALIDATION',
    reason: 'validation_rule',
  },
  {
    name: 'REQUIRED_FIELD_MISSING is dead-lettered',
    status: 400,
    body: [
      {
        message: 'Required fields are missing: [Industry]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Industry'],
      },
    ],
    code: 'VALIDATION',
    reason: 'required_field_missing',
  },
  {
    name: 'a collection row (statusCode, not errorCode) inside a composite, behind PROCESSING_HALTED',
    status: 200,
    body: {
      compositeResponse: [
        {
          body: [
            {
              errorCode: 'PROCESSING_HALTED',
              message:
                'The transaction was rolled back since another operation in the same transaction failed.',
            },
          ],
          httpHeaders: {},
          httpStatusCode: 400,
          referenceId: 'conversation',
        },
        {
          body: [
            {
              success: false,
              errors: [
                {
                  statusCode: 'UNABLE_TO_LOCK_ROW',
                  message: 'unable to obtain exclusive access',
                  fields: [],
                },
              ],
            },
          ],
          httpHeaders: {},
          httpStatusCode: 200,
          referenceId: 'messages0',
        },
      ],
    },
    code: 'CONFLICT',
    reason: 'row_locked',
  },
  {
    name: 'a composite subrequest refused by a validation rule',
    status: 200,
    body: {
      compositeResponse: [
        {
          body: [
            { errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'No leads on Sundays', fields: [] },
          ],
          httpHeaders: {},
          httpStatusCode: 400,
          referenceId: 'person',
        },
        {
          body: [{ errorCode: 'PROCESSING_HALTED', message: 'rolled back' }],
          httpHeaders: {},
          httpStatusCode: 400,
          referenceId: 'task',
        },
      ],
    },
    code: 'VALIDATION',
    reason: 'validation_rule',
  },
  {
    name: 'a queue as an Opportunity owner',
    status: 400,
    body: [
      {
        message: 'Owner ID: id value of incorrect type: 00G000000000001AAA',
        errorCode: 'FIELD_INTEGRITY_EXCEPTION',
        fields: ['OwnerId'],
      },
    ],
    code: 'VALIDATION',
    reason: 'field_integrity_exception',
  },
  {
    name: 'the package is not installed',
    status: 400,
    body: [
      { message: "sObject type 'WhatsApp_Conversation__c' is not supported.", errorCode: 'INVALID_TYPE' },
    ],
    code: 'VALIDATION',
    reason: 'schema_missing',
  },
  {
    name: 'a 503',
    status: 503,
    body: [{ message: 'Server temporarily unavailable', errorCode: 'SERVER_UNAVAILABLE' }],
    code: 'TEMPORARY',
    reason: 'server_unavailable',
  },
  {
    name: 'an HTML 502 from a proxy',
    status: 502,
    body: '<html>Bad gateway</html>',
    code: 'TEMPORARY',
    reason: 'http_502',
  },
  {
    name: 'a deleted record',
    status: 404,
    body: [{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED' }],
    code: 'NOT_FOUND',
    reason: 'entity_is_deleted',
  },
];

describe('parseSalesforceError', () => {
  for (const c of cases)
    test(c.name, () => {
      const error = parseSalesforceError(c.status, c.body);
      assert.equal(error.code, c.code);
      assert.equal(error.details?.reason, c.reason);
      if (c.pauses !== undefined) assert.equal(errorHandling[error.code].pausesTenant, c.pauses);
    });

  test('the field and the subrequest are kept for the person reading the dead letter', () => {
    const error = parseSalesforceError(200, {
      compositeResponse: [
        {
          body: [
            {
              errorCode: 'REQUIRED_FIELD_MISSING',
              message: 'Required fields are missing: [Industry]',
              fields: ['Industry'],
            },
          ],
          httpStatusCode: 400,
          referenceId: 'person',
        },
      ],
    });
    assert.deepEqual(error.details?.fields, ['Industry']);
    assert.equal(error.details?.referenceId, 'person');
    assert.match(error.message, /REQUIRED_FIELD_MISSING \(person\)/);
  });

  test('fromJsforceError: jsforce drops the status, the errorCode is enough; a failed refresh is AUTH_REVOKED', () => {
    const limit = Object.assign(new Error('TotalRequests Limit exceeded.'), {
      name: 'REQUEST_LIMIT_EXCEEDED',
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
      data: { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    });
    assert.equal(fromJsforceError(limit).code, 'AUTH_REVOKED');
    assert.equal(
      fromJsforceError(new Error('Unable to refresh session due to: expired access/refresh token')).code,
      'AUTH_REVOKED',
    );
    assert.equal(
      fromJsforceError(Object.assign(new Error('fetch failed'), { code: 'ECONNREFUSED' })).code,
      'TEMPORARY',
    );
    const multiple = Object.assign(new Error('Multiple errors returned.'), {
      errorCode: 'MULTIPLE_API_ERRORS',
      data: [
        { errorCode: 'PROCESSING_HALTED', message: 'x' },
        { errorCode: 'DUPLICATES_DETECTED', message: 'Use one of these records?' },
      ],
    });
    assert.equal(fromJsforceError(multiple).details?.reason, 'duplicate_rule');
  });
});
