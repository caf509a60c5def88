// Language detection and phone-country hints on short, real-looking WhatsApp messages in the eight
// intake languages, including the romanized forms (Arabizi, Hinglish) that n-gram detectors misread.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectLanguage } from '../src/intake/language.ts';
import { countryOfPhone, languageOfCountry } from '../src/intake/phone-country.ts';

describe('detectLanguage', () => {
  const cases: Array<[string, string, string]> = [
    ['a plain English request', 'My AC is not cooling, can someone come today?', 'en'],
    ['English code-switched service words', 'AC not working in the bedroom', 'en'],
    ['Spanish', 'Hola, necesito un plomero para mañana', 'es'],
    ['Portuguese with accents', 'Olá, minha pia está vazando', 'pt'],
    ['Portuguese without accents', 'Preciso de um orçamento para limpeza', 'pt'],
    ['French', "Bonjour, j'ai besoin d'un plombier", 'fr'],
    ['Turkish', 'Merhaba, yarın tesisatçı lazım', 'tr'],
    ['Indonesian that eld calls Malay', 'saya butuh tukang ledeng besok', 'id'],
    ['Indonesian starting with "Hai"', 'Hai kak, mau tanya harga servis AC', 'id'],
    ['Indonesian by its words for things (biaya)', 'berapa biaya servis AC nya? saya di Gubeng', 'id'],
    ['Indonesian by its words for things (kulkas)', 'kulkas 2 pintu mati total', 'id'],
    ['Malay by its words for things (peti, yuran)', 'berapa yuran tuisyen untuk anak saya?', 'ms'],
    [
      'Malay by its words for things (hospital, nombor)',
      'boleh bagi nombor telefon, saya kat hospital',
      'ms',
    ],
    ['Arabic script', 'السلام عليكم، أبي سباك ضروري', 'ar'],
    ['Devanagari', 'मुझे कल प्लंबर चाहिए', 'hi'],
    ['Arabizi with digit letters', 'ana 3ayez sabbak bukra', 'ar'],
    ['Egyptian Arabizi', 'el mekyaf 5arban, momken 7ad yegy el nharda?', 'ar'],
    ['Arabizi without digits', 'shukran habibi', 'ar'],
    ['Darija with French words', 'salam, bghit nbeddel les pneus dyal tomobil', 'ar'],
    ['Darija without digits', 'wach kayn chi wa7ed daba', 'ar'],
    ['Hinglish', 'mujhe kal plumber chahiye', 'hi'],
    ['Hinglish with English words', 'AC kaam nahi kar raha hai', 'hi'],
    ['Hinglish price question', 'Bhaiya kitna lagega?', 'hi'],
    ['Hinglish by its grammar words', 'teacher ne mere bete ko thappad maara', 'hi'],
    ['Hinglish complaint', 'bakwas service hai aapki', 'hi'],
    ['Darija with a French word', 'bghit nrakkeb alarme f dar, casa', 'ar'],
    ['Levantine Arabizi', 'bdi sowar lal passport b dubai', 'ar'],
  ];
  for (const [name, text, language] of cases) {
    it(`reads ${name} as ${language}`, () => {
      const result = detectLanguage([text]);
      assert.equal(result.language, language);
      assert.equal(result.source, 'rule');
      assert.ok(result.confidence >= 0.6, `confidence ${result.confidence} for "${text}"`);
    });
  }

  it('detects over all the messages of the conversation', () => {
    assert.equal(detectLanguage(['hi', 'preciso de um eletricista', 'hoje se possível']).language, 'pt');
  });

  it('a bare greeting from a Saudi number falls back to Arabic with low confidence', () => {
    assert.deepEqual(detectLanguage(['hi'], { phoneCountry: 'SA' }), {
      language: 'ar',
      confidence: 0.4,
      source: 'rule',
    });
  });

  it('"ok" with no hint returns the tenant fallback with the lowest confidence', () => {
    assert.deepEqual(detectLanguage(['ok'], { fallback: 'es' }), {
      language: 'es',
      confidence: 0.2,
      source: 'rule',
    });
  });

  it("an emoji-only message keeps the tenant's language whatever the phone country; the phone only breaks a tie without one", () => {
    assert.equal(detectLanguage(['👍'], { phoneCountry: 'BR' }).language, 'pt');
    assert.deepEqual(detectLanguage(['👍'], { phoneCountry: 'BR', fallback: 'en' }), {
      language: 'en',
      confidence: 0.4,
      source: 'rule',
    });
  });

  it('empty input defaults to English', () => {
    assert.equal(detectLanguage([]).language, 'en');
  });
});

describe('phone country', () => {
  it('reads a WhatsApp id without "+" as Saudi Arabia', () => {
    assert.equal(countryOfPhone('966501234567'), 'SA');
  });
  it('reads an E.164 Brazilian mobile', () => {
    assert.equal(countryOfPhone('+5511987654321'), 'BR');
  });
  it('reads an Indonesian mobile', () => {
    assert.equal(countryOfPhone('+6281234567890'), 'ID');
  });
  it('returns undefined for garbage', () => {
    assert.equal(countryOfPhone('12'), undefined);
  });
  it('maps countries to the supported languages', () => {
    assert.deepEqual(
      ['SA', 'EG', 'MX', 'BR', 'ID', 'FR', 'TR', 'IN', 'GB', 'MY', undefined].map(languageOfCountry),
      ['ar', 'ar', 'es', 'pt', 'id', 'fr', 'tr', 'hi', 'en', undefined, undefined],
    );
  });
});

describe('detectLanguage: Malay or Indonesian carrying English words', () => {
  it('"bro DJ available tak sabtu ni?" is Malay; "boss, ada slot buat besok gak?" Indonesian', () => {
    assert.equal(detectLanguage(['bro DJ available tak sabtu ni? nak book je']).language, 'ms');
    assert.equal(detectLanguage(['boss, ada slot buat besok gak? mau booking dong']).language, 'id');
  });
  it('English with one borrowed word stays English', () => {
    assert.equal(detectLanguage(['is the DJ available on Saturday, boleh?']).language, 'en');
  });
});

describe('detectLanguage: a model number or an error code is no Arabizi', () => {
  it('"dishwasher shows E24 error" is English; "S23", "5G", "3D" say nothing of Arabic', () => {
    assert.equal(
      detectLanguage(['Anyway, dishwasher shows E24 error, not draining. Saturday ok?']).language,
      'en',
    );
    assert.equal(detectLanguage(['my S23 screen is cracked, 5G still works']).language, 'en');
  });
  it('Arabizi is still Arabizi: "3ayez a3ml tandif lel sha2a"', () => {
    assert.equal(detectLanguage(['3ayez a3ml tandif lel sha2a']).language, 'ar');
  });
});

describe('detectLanguage: a greeting alone, and the words only Indonesian or Malay use', () => {
  it('a greeting of one language says it, whatever the phone: "Hola" from a Turkish number is Spanish', () => {
    assert.equal(detectLanguage(['Hola'], { phoneCountry: 'TR' }).language, 'es');
    assert.equal(detectLanguage(['Bom dia'], { phoneCountry: 'ES' }).language, 'pt');
    assert.equal(detectLanguage(['merhaba'], { phoneCountry: 'DE' }).language, 'tr');
  });
  it('"halo", "bukber", "porsi" are Indonesian; "tempah", "majlis" Malay', () => {
    assert.equal(detectLanguage(['Halo kak, saya di Jakarta Pusat ya']).language, 'id');
    assert.equal(detectLanguage(['paket bukber buat 30 orang harganya brp ya?']).language, 'id');
    assert.equal(detectLanguage(['Kak ada paket catering buat aqiqah anak? kira2 100 porsi']).language, 'id');
    assert.equal(detectLanguage(['saya nak tempah katering untuk majlis kahwin']).language, 'ms');
  });
  it('a Malay or Indonesian word said twice ("anak2", "liat2") is no Arabizi; "la2", "3ayez" still are', () => {
    const said =
      'Anak2 lg libur sekolah, mau servis AC kamar sblm lebaran biar adem, minggu depan aja gpp ga buru2';
    assert.equal(detectLanguage([said]).language, 'id');
    assert.equal(
      detectLanguage(['Udah 3x servis disini, teknisinya dtg cuma liat2 doang. Kecewa bgt']).language,
      'id',
    );
    assert.equal(detectLanguage(['la2 mesh keda']).language, 'ar');
    assert.equal(detectLanguage(['3ayez catering, el gom3a']).language, 'ar');
  });
  it('a count with its unit ("2wks") or a district code ("SS2") is no Arabizi; "7bb", "3nd" still are', () => {
    assert.equal(
      detectLanguage(['Eh hello, your postnatal massage package how much ah? I stay PJ SS2.']).language,
      'en',
    );
    assert.equal(
      detectLanguage(['hai, wana ask ur consultant can come hse or not? baby 2wks old. Tmr ok?']).language,
      'en',
    );
    assert.equal(detectLanguage(['ana 3nd el ba7r, momken?']).language, 'ar');
  });
  it('"main Sharjah se hoon" is Hinglish, whatever the phone', () => {
    assert.equal(detectLanguage(['Hi, main Sharjah se hoon'], { phoneCountry: 'ID' }).language, 'hi');
  });
});

describe('round 12: more words only Indonesian uses', () => {
  it('"Permisi, harga cuci kasur ukuran king berapa ya?" is Indonesian, not Malay', () => {
    assert.equal(
      detectLanguage(['Permisi, harga cuci kasur ukuran king berapa ya? Saya di Tebet.']).language,
      'id',
    );
  });
});

describe('round 13: Malay written as chatted, and Indonesian words of services and occasions', () => {
  it('"nk tnya bole x dtg umah … pon ok, xde hal" is Malay; "wisuda", "domisili", "layanan", "lamaran" Indonesian', () => {
    assert.equal(
      detectLanguage([
        'hai sis, nk tnya bole x dtg umah buat manicure pedicure? sy dkt Setapak. pon ok, xde hal',
      ]).language,
      'ms',
    );
    for (const text of [
      'Kak, harga makeup wisuda/pesta berapa ya? Domisili Jaksel',
      'Kak, layanan home service makeup lamaran ada di Yogyakarta?',
      'Hi kak, aku need hair coloring ash brown, di apartemen aku daerah Sudirman, weekend ini available ga?',
    ])
      assert.equal(detectLanguage([text]).language, 'id', text);
  });
});

describe('detectLanguage: a number with its unit is no Arabizi', () => {
  it('"my daughter 5yo", "need 2kg", "10pax" are English', () => {
    for (const text of ['my daughter 5yo', 'we are 10pax for dinner', 'my son is 7yo, wants drums'])
      assert.equal(detectLanguage([text]).language, 'en', text);
    assert.equal(detectLanguage(['3ayez 7ad ye5las el shoghl']).language, 'ar');
  });
});

describe('detectLanguage: Malay written in chat short forms', () => {
  it('"kls piano mcm mana", "pjbt sy dkt bangsar" are read with their short forms in full', () => {
    assert.equal(detectLanguage(['kls piano mcm mana, anak sy 6 thn']).language, 'ms');
    assert.equal(detectLanguage(['pjbt sy dkt bangsar, ad kls vokal?']).language, 'ms');
    assert.equal(detectLanguage(['ad kls piano utk anak sy gak kak? di jaksel']).language, 'id');
  });
});
