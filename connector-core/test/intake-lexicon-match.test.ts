// allMatches: the matches String.prototype.matchAll finds, without the copy of the expression it makes per call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allMatches, findPhrases, foldText, phraseRegExp } from '../src/intake/lexicon-match.ts';

const same = (regex: RegExp, text: string) =>
  assert.deepEqual(
    allMatches(regex, text).map((m) => [m.index, ...m]),
    [...text.matchAll(regex)].map((m) => [m.index, ...m]),
    `${regex} in ${JSON.stringify(text)}`,
  );

describe('allMatches', () => {
  it('finds what matchAll finds: groups, empty matches, and letters beyond the BMP with the u flag', () => {
    same(/(\d+)-(\d+)?/g, '1-2 3- 45-6');
    same(/x*/g, 'axxb');
    same(/x*/gu, 'a😀x😀');
    same(/(?:)/g, '😀a');
    same(/\p{Lu}\p{L}*/gu, 'Visit Riyadh and Jeddah, Ömer');
    same(/\p{L}+/gu, '');
  });

  it('leaves the expression as it found it, so a shared lexicon reads the next message from the start', () => {
    const regex = phraseRegExp(['deep cleaning', 'cleaning']);
    const first = findPhrases(foldText('need deep cleaning, cleaning again'), regex);
    assert.deepEqual(
      first.map((hit) => hit.text),
      ['deep cleaning', 'cleaning'],
    );
    assert.equal(regex.lastIndex, 0);
    assert.deepEqual(
      findPhrases(foldText('cleaning'), regex).map((hit) => hit.text),
      ['cleaning'],
    );
  });

  it('refuses an expression without the g flag, as matchAll does (exec would never move on)', () => {
    assert.throws(() => allMatches(/a/, 'aaa'), TypeError);
  });
});

describe('an Arabic noun the lexicon writes bare, said with the article', () => {
  it('"فرانشايز" is "الفرانشايز" and "بالفرانشايز"; a two-letter word takes no article', () => {
    const regex = phraseRegExp(['فرانشايز', 'ام']);
    assert.deepEqual(
      findPhrases(foldText('نبي نفتح بالفرانشايز'), regex).map((hit) => hit.text),
      ['بالفرانشايز'],
    );
    assert.deepEqual(findPhrases(foldText('الفرانشايز'), regex).length, 1);
    assert.deepEqual(findPhrases(foldText('عندي الام في ظهري'), regex), []);
  });
});

describe('a phrase ends where its word ends, vowel signs included', () => {
  it('"शाम" (evening) is not the beginning of "शामिल" (included); "शाम को" still is', () => {
    const regex = phraseRegExp(['शाम']);
    assert.deepEqual(findPhrases(foldText('क्या क्या शामिल है?'), regex), []);
    assert.equal(findPhrases(foldText('शाम को आ जाओ'), regex).length, 1);
  });
});
