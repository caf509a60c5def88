// The byte-level envelope check agrees with the full path (nesting limit, JSON.parse, the envelope schema):
// whenever it answers, the full path accepts the body with the same number of entries; Meta's recorded
// deliveries are all told from their bytes; and hostile or unusual bodies are left to the full path.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readWebhookEnvelope } from '../src/model/normalize.ts';
import { scanWebhookEnvelope } from '../src/model/webhook-envelope-scan.ts';
import { WEBHOOK_MAX_DEPTH, webhookLimitProblem } from '../src/model/webhook-limits.ts';

const fixturesDir = join(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'whatsapp');

/** What the acknowledgement decided before the byte-level check: entries, or undefined when refused. */
function fullPath(raw: Buffer): number | undefined {
  if (webhookLimitProblem(raw) !== undefined) return undefined;
  try {
    return readWebhookEnvelope(JSON.parse(raw.toString('utf8'))).entry.length;
  } catch {
    return undefined;
  }
}

function agrees(raw: Buffer): void {
  const scanned = scanWebhookEnvelope(raw);
  if (scanned !== undefined) assert.equal(scanned, fullPath(raw), raw.toString('latin1'));
}

const envelope = (entry: string, more = '') =>
  `{"object":"whatsapp_business_account","entry":${entry}${more}}`;

describe('the envelope read from the bytes', () => {
  it('tells every recorded WhatsApp delivery from its bytes, with its number of entries', () => {
    const names = readdirSync(fixturesDir).filter((name) => name.endsWith('.json'));
    assert.ok(names.length > 10);
    for (const name of names) {
      const raw = readFileSync(join(fixturesDir, name));
      const full = fullPath(raw);
      if (full === undefined) continue; // a recorded body that is not an envelope
      assert.equal(scanWebhookEnvelope(raw), full, name);
    }
  });

  const cases: Array<[string, string, number | undefined]> = [
    ['an envelope', envelope('[{"id":"1","changes":[]},{}]'), 2],
    ['no entries', envelope('[]'), 0],
    [
      'whitespace around and inside',
      ` \r\n\t{ "entry" : [ 1 , "x" ] ,\n"object" : "whatsapp_business_account" } \n`,
      2,
    ],
    ['Meta’s escapes inside values', envelope('[{"t":"caf\\u00e9 \\/ \\"q\\" \\\\ \\b\\f\\n\\r\\t"}]'), 1],
    ['raw UTF-8 inside strings', envelope('["é\u0628😀"]'), 1],
    [
      'the last of two `object`s wins',
      `{"object":"page","object":"whatsapp_business_account","entry":[]}`,
      0,
    ],
    [
      'the last of two `object`s wins, refused',
      `{"object":"whatsapp_business_account","object":"page","entry":[]}`,
      undefined,
    ],
    ['the last of two `entry`s wins', envelope('[1,2]', ',"entry":[3]'), 1],
    ['the last `entry` not an array', envelope('[1,2]', ',"entry":{}'), undefined],
    ['numbers of every shape', envelope('[0,-0,1.5,-2e10,3E+2,4e-3,12345678901234567890]'), 7],
    ['literals', envelope('[true,false,null]'), 3],
    ['not an object', '[{"object":"whatsapp_business_account","entry":[]}]', undefined],
    ['`object` missing', '{"entry":[]}', undefined],
    ['`entry` missing', '{"object":"whatsapp_business_account"}', undefined],
    ['an empty object', '{}', undefined],
    ['another product', '{"object":"instagram","entry":[]}', undefined],
    ['`object` not a string', '{"object":1,"entry":[]}', undefined],
    ['a trailing comma', envelope('[1,]'), undefined],
    ['a trailing comma after the last key', envelope('[]', ','), undefined],
    ['text after the envelope', `${envelope('[]')}x`, undefined],
    ['two envelopes', `${envelope('[]')}${envelope('[]')}`, undefined],
    ['a byte-order mark', `\ufeff${envelope('[]')}`, undefined],
    ['a raw control character in a string', envelope('["a\u0001b"]'), undefined],
    ['a raw newline in a string', envelope('["a\nb"]'), undefined],
    ['an unknown escape', envelope('["\\x41"]'), undefined],
    ['an unknown escape with four hex digits', envelope('["\\x0041"]'), undefined],
    ['a short \\u escape', envelope('["\\u12"]'), undefined],
    ['a leading zero', envelope('[01]'), undefined],
    ['a bare minus', envelope('[-]'), undefined],
    ['a dot without digits', envelope('[1.]'), undefined],
    ['an exponent without digits', envelope('[1e]'), undefined],
    ['a plus sign', envelope('[+1]'), undefined],
    ['NaN', envelope('[NaN]'), undefined],
    ['a cut literal', envelope('[tru]'), undefined],
    ['single quotes', "{'object':'whatsapp_business_account','entry':[]}", undefined],
    ['an unquoted key', '{object:"whatsapp_business_account","entry":[]}', undefined],
    ['cut short', envelope('[{"a":').slice(0, -1), undefined],
    ['empty', '', undefined],
    // Left to JSON.parse, which reads them as envelopes: the byte-level check does not decode escapes.
    ['an escaped `object` key', '{"obj\\u0065ct":"whatsapp_business_account","entry":[]}', undefined],
    ['an escaped `object` value', '{"object":"whatsapp\\u005fbusiness_account","entry":[]}', undefined],
    ['an escaped other key', `{"\\u0041":1,${envelope('[]').slice(1)}`, undefined],
  ];
  for (const [name, body, expected] of cases) {
    it(`${name}: ${expected === undefined ? 'left to the full path' : `${expected} entries`}`, () => {
      const raw = Buffer.from(body, 'utf8');
      assert.equal(scanWebhookEnvelope(raw), expected);
      agrees(raw);
    });
  }

  it('takes bytes that are not UTF-8 inside strings, as JSON.parse of the decoded text does, nowhere else', () => {
    const [head, tail] = ['{"object":"whatsapp_business_account","entry":["a', '"]}'];
    const inString = Buffer.concat([
      Buffer.from(head),
      Buffer.from([0xff, 0xc3, 0x28, 0x80]),
      Buffer.from(tail),
    ]);
    assert.equal(scanWebhookEnvelope(inString), 1);
    assert.equal(fullPath(inString), 1);
    const outside = Buffer.concat([
      Buffer.from(envelope('[1').slice(0, -1)),
      Buffer.from([0xff]),
      Buffer.from(']}'),
    ]);
    assert.equal(scanWebhookEnvelope(outside), undefined);
    assert.equal(fullPath(outside), undefined);
  });

  it('reads an envelope nested exactly to the limit, and leaves one level deeper to the full path', () => {
    // The envelope is level 1 and `entry` level 2: the innermost array sits at the limit.
    const atLimit = WEBHOOK_MAX_DEPTH - 2;
    const deep = (levels: number) => Buffer.from(envelope(`[${'['.repeat(levels)}${']'.repeat(levels)}]`));
    assert.equal(scanWebhookEnvelope(deep(atLimit)), 1);
    assert.equal(fullPath(deep(atLimit)), 1);
    assert.equal(scanWebhookEnvelope(deep(atLimit + 1)), undefined);
    assert.equal(fullPath(deep(atLimit + 1)), undefined);
    const objects = (levels: number) =>
      Buffer.from(envelope(`[${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}]`));
    assert.equal(scanWebhookEnvelope(objects(atLimit)), 1);
    assert.equal(scanWebhookEnvelope(objects(atLimit + 1)), undefined);
    assert.equal(scanWebhookEnvelope(Buffer.from('['.repeat(100_000))), undefined);
  });

  it('answers only what the full path answers, for any JSON and any envelope with bytes changed', () => {
    const bytes = fc.constantFrom(...'{}[],:"\\u0123456789eE.-+ tfnlasr\t\n\r\x00\x1f\x7f'.split(''));
    const mutated = fc
      .tuple(
        fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 4 }),
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.oneof(
              bytes,
              fc.integer({ min: 0, max: 255 }).map((b) => String.fromCharCode(b)),
            ),
            fc.constantFrom('insert', 'replace', 'delete'),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      )
      .map(([entry, edits]) => {
        let text = JSON.stringify({ object: 'whatsapp_business_account', entry });
        for (const [at, char, edit] of edits) {
          const i = at % (text.length + 1);
          if (edit === 'insert') text = text.slice(0, i) + char + text.slice(i);
          else if (edit === 'replace') text = text.slice(0, i) + char + text.slice(i + 1);
          else text = text.slice(0, i) + text.slice(i + 1);
        }
        return Buffer.from(text, 'latin1');
      });
    const anyJson = fc.jsonValue({ maxDepth: 6 }).map((value) => Buffer.from(JSON.stringify(value) ?? ''));
    const withKeys = fc
      .tuple(
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }),
        fc.constantFrom('whatsapp_business_account', 'page', 'whatsapp_business_accoun'),
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 5 }),
      )
      .map(([more, object, entry]) => Buffer.from(JSON.stringify({ ...more, object, entry })));
    fc.assert(fc.property(fc.oneof(mutated, anyJson, withKeys, fc.uint8Array().map(Buffer.from)), agrees), {
      numRuns: 20_000,
    });
  });

  it('tells any envelope JSON.stringify writes from its bytes (plain extra keys, any entries)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }),
        fc.array(fc.jsonValue({ maxDepth: 6 }), { maxLength: 6 }),
        (more, entry) => {
          const raw = Buffer.from(JSON.stringify({ ...more, object: 'whatsapp_business_account', entry }));
          assert.equal(scanWebhookEnvelope(raw), entry.length);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
