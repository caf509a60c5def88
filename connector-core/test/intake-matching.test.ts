// Offline intake matching against the example tenant: services and areas named the way customers
// write them (eight languages, Arabic letter variants and Arabizi, romanized Hindi, typos), messages
// that must not match, location pins inside and outside areas, and the intake config schema.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tenantSchema } from '../src/config/config-schema.ts';
import { intakeConfigSchema } from '../src/config/intake-schema.ts';
import { placesIn } from '../src/intake/gazetteer.ts';
import {
  areaForPin,
  distanceKm,
  matchArea,
  type PlaceableArea,
  placeInText,
} from '../src/intake/match-area.ts';
import {
  type AliasEntry,
  matchService,
  namesWhatItIsFor,
  notOfferedMatch,
  otherWorkNamed,
  rankAliases,
  serviceFromReply,
  serviceReplyId,
  tradeAskedOf,
} from '../src/intake/match-catalog.ts';
import { conceptsOf } from '../src/intake/service-concepts.ts';
import { arabiziToLatin, normalizeForMatch, tokens } from '../src/intake/text-normalize.ts';
import { exampleIntake, exampleIntakeInput } from '../src/testing/example-intake.ts';

const { services, areas } = exampleIntake;

describe('normalizeForMatch', () => {
  const cases: Array<[string, string, string]> = [
    ['Latin diacritics and case', 'São Paulo — LIMPIEZA Más', 'sao paulo limpieza mas'],
    ['French accents and apostrophes', "J’ai une fuite d'eau à l'évier", 'j ai une fuite d eau a l evier'],
    ['Turkish dotted and dotless i', 'KLİMA kılıma ılık', 'klima kilima ilik'],
    ['Arabic harakat and shadda', 'جِدَّة', 'جده'],
    ['Arabic alef variants', 'أ إ آ ٱ ا', 'ا ا ا ا ا'],
    ['alef maqsura, taa marbuta, hamza carriers', 'مستشفى عيادة مؤسسة طوارئ', 'مستشفي عياده موسسه طواري'],
    ['tatweel', 'جـــــدة', 'جده'],
    ['Arabic-Indic, Persian and Devanagari digits', '٠١٢٣٤٥٦٧٨٩ ۴۵ ३०', '0123456789 45 30'],
    ['Devanagari nukta removed, vowel signs kept', 'सफ़ाई ज़रूरी', 'सफाई जरूरी'],
    ['punctuation and whitespace collapse', '  A/C!!!   repair???\n\tplease  ', 'a c repair please'],
  ];
  for (const [name, input, expected] of cases) {
    it(name, () => assert.equal(normalizeForMatch(input), expected));
  }

  it('tokens splits folded words and is empty for punctuation only', () => {
    assert.deepEqual(tokens('Preciso de um ENCANADOR!'), ['preciso', 'de', 'um', 'encanador']);
    assert.deepEqual(tokens(' ?! … '), []);
  });

  it('arabiziToLatin rewrites Arabizi words and leaves times and ordinals alone', () => {
    assert.equal(arabiziToLatin('ana 3ayez 7ad yeshof el 7amam 5pm'), 'ana aayez had yeshof el hamam 5pm');
    assert.equal(arabiziToLatin('mo5 2nd floor'), 'mokh 2nd floor');
  });
});

describe('matchService', () => {
  // [message, expected service id, kind of evidence]
  const cases: Array<[string, string, 'exact' | 'fuzzy']> = [
    // English
    ['Hi, I need a deep cleaning for my 3-bedroom flat', 'deep_cleaning', 'exact'],
    ['my AC stopped cooling last night', 'ac_repair', 'exact'],
    ['there is a leaking pipe under the kitchen sink', 'plumbing', 'exact'],
    ['we have cockroaches everywhere', 'pest_control', 'exact'],
    ['can I book a table for 4 tonight?', 'table_reservation', 'exact'],
    ['I would like to see a doctor tomorrow', 'clinic_visit', 'exact'],
    // typos
    ['AC repiar please', 'ac_repair', 'fuzzy'],
    ['need a plumbr asap', 'plumbing', 'fuzzy'],
    ['deep cleanning needed', 'deep_cleaning', 'fuzzy'],
    ['cockroachs in the kitchen', 'pest_control', 'fuzzy'],
    // Spanish
    ['Necesito un plomero urgente, hay una fuga de agua', 'plumbing', 'exact'],
    ['Quiero una limpieza profunda del departamento', 'deep_cleaning', 'exact'],
    ['el aire acondicionado no enfría', 'ac_repair', 'exact'],
    ['Quisiera reservar una mesa para dos', 'table_reservation', 'exact'],
    // Portuguese
    ['Preciso de uma faxina no sábado', 'deep_cleaning', 'exact'],
    ['o ar-condicionado está pingando', 'ac_repair', 'exact'],
    ['Quero marcar uma consulta médica', 'clinic_visit', 'exact'],
    ['Vocês fazem dedetização de baratas?', 'pest_control', 'exact'],
    ['Preciso de um encanadr', 'plumbing', 'fuzzy'],
    // Arabic: alef, taa marbuta and alef maqsura variants, proclitics, dialect
    ['ابغى صيانة مكيفات', 'ac_repair', 'exact'],
    ['ابغي صيانه مكيفات', 'ac_repair', 'exact'],
    ['المكيف خربان وما يبرد', 'ac_repair', 'exact'],
    ['أبي سباك ضروري', 'plumbing', 'exact'],
    ['عندي تسريب مياه في المطبخ', 'plumbing', 'exact'],
    ['فيه صراصير بالمطبخ', 'pest_control', 'exact'],
    ['ابي موعد للتنظيف', 'deep_cleaning', 'exact'],
    ['ابغى احجز طاولة لشخصين', 'table_reservation', 'exact'],
    ['أريد حجز موعد في العيادة', 'clinic_visit', 'exact'],
    // Arabizi
    ['ana 3ayez sabbak', 'plumbing', 'exact'],
    ['el 7amam fih mayya', 'plumbing', 'fuzzy'],
    ['el mkayef 5arban', 'ac_repair', 'exact'],
    // Indonesian
    ['Halo, butuh servis AC hari ini', 'ac_repair', 'exact'],
    ['ada pipa bocor di kamar mandi', 'plumbing', 'exact'],
    ['rumah saya banyak kecoa dan rayap', 'pest_control', 'exact'],
    // French
    ["J'ai besoin d'un plombier", 'plumbing', 'exact'],
    ['la climatisation ne marche plus', 'ac_repair', 'exact'],
    ['je voudrais réserver une table pour ce soir', 'table_reservation', 'exact'],
    ['Des cafards dans la cuisine', 'pest_control', 'exact'],
    // Turkish (suffixes, ASCII-typed Turkish)
    ['klimayı tamir edebilir misiniz', 'ac_repair', 'fuzzy'],
    ['ev temizligi istiyorum', 'deep_cleaning', 'exact'],
    ['evde hamam böceği var', 'pest_control', 'exact'],
    ['su kaçağı var acil', 'plumbing', 'exact'],
    // Hindi, Devanagari and romanized
    ['मुझे एसी रिपेयर चाहिए', 'ac_repair', 'exact'],
    ['घर की सफाई करवानी है', 'deep_cleaning', 'exact'],
    ['घर में कॉकरोच बहुत हैं', 'pest_control', 'exact'],
    ['mujhe plumber chahiye', 'plumbing', 'exact'],
    ['ghar ki safai karwani hai', 'deep_cleaning', 'exact'],
  ];
  for (const [message, id, kind] of cases) {
    it(`"${message}" → ${id} (${kind})`, () => {
      const match = matchService(message, services);
      assert.ok(match, `no service found in "${message}"`);
      assert.equal(match.id, id);
      assert.equal(match.evidence.kind, kind);
    });
  }

  const noMatch: Array<[string, string]> = [
    ['a greeting', 'hello, are you open?'],
    ['a short word close to an alias ("pestle" vs "pests")', 'where can I buy a pestle'],
    ['a short word inside a longer one ("plum")', 'plum tree in the garden'],
    ['"ac" inside another word', 'I paid by bank transfer, acc 12345'],
    ['a near miss on a short alias ("clip" vs "clim")', 'un clip pour mes cheveux'],
    ['Arabic greeting', 'السلام عليكم'],
    ['Indonesian thanks', 'terima kasih banyak'],
    ['Hindi small talk', 'आप कैसे हैं'],
    ['an empty message', ''],
  ];
  for (const [name, message] of noMatch) {
    it(`no service: ${name}`, () => assert.equal(matchService(message, services), undefined));
  }

  it('the most specific alias wins: "hamam böceği" (cockroach) over "hammam" (bathroom)', () => {
    const [first, second] = rankAliases('evde hamam böceği var', services);
    assert.equal(first?.id, 'pest_control');
    assert.equal(second?.id, 'plumbing');
    assert.equal(matchService('evde hamam böceği var', services)?.confidence, 0.9);
  });

  it('the first part of a compound is not the compound ("Reifen wechseln" is no "Reifeneinlagerung")', () => {
    const tyres = [
      { id: 'tyre_change', names: { de: ['Reifenwechsel'] } },
      { id: 'tyre_storage', names: { de: ['Reifeneinlagerung', 'Reifenhotel'] } },
    ];
    assert.equal(matchService('Reifen wechseln lassen, Berlin Neukölln', tyres, 'de')?.id, 'tyre_change');
    // a word cut short still names its alias
    assert.equal(matchService('Reifeneinlager bitte', tyres, 'de')?.id, 'tyre_storage');
  });

  it('a short word in the plural, and a name joining two things, name their service', () => {
    const pests: Array<{ id: string; names: Record<string, string[]> }> = [
      { id: 'bed_bugs', names: { en: ['Bed bug treatment'] } },
      { id: 'sofa_carpet', names: { en: ['Sofa & carpet cleaning'], ar: ['تنظيف كنب وسجاد'] } },
      { id: 'deep', names: { en: ['Deep cleaning'], ar: ['تنظيف عميق'] } },
    ];
    assert.equal(matchService('bed bugs in the kids room', pests, 'en')?.id, 'bed_bugs');
    assert.equal(matchService('carpet cleaning please', pests, 'en')?.id, 'sofa_carpet');
    assert.equal(matchService('ابغى تنظيف كنب ٧ مقاعد', pests, 'ar')?.id, 'sofa_carpet');
    assert.equal(matchService('ابغى تنظيف سجاد', pests, 'ar')?.id, 'sofa_carpet');
    assert.equal(matchService('تنظيف عميق للشقة', pests, 'ar')?.id, 'deep');
  });

  it('an exact phrase is more confident than a single word, and both more than a typo', () => {
    const phrase = matchService('need AC repair', services);
    const word = matchService('need aircon', services);
    const typo = matchService('need aircn', services);
    assert.ok(phrase && word && typo);
    assert.equal(typo.id, 'ac_repair');
    assert.ok(phrase.confidence > word.confidence);
    assert.ok(typo.confidence < word.confidence);
  });

  it('two services named equally is ambiguous: no match, both offered by rankAliases', () => {
    assert.equal(matchService('cleaning and plumbing', services), undefined);
    assert.deepEqual(
      rankAliases('cleaning and plumbing', services)
        .map((candidate) => candidate.id)
        .sort(),
      ['deep_cleaning', 'plumbing'],
    );
  });

  it('another service named elsewhere lowers the confidence of the winner', () => {
    const alone = matchService('the plumbing is broken', services);
    const mixed = matchService('the plumbing is broken and the AC too', services);
    assert.equal(mixed?.id, 'plumbing');
    assert.ok(alone && mixed && mixed.confidence < alone.confidence - 0.1);
  });

  it('serviceFromReply understands button ids and rejects unknown ones', () => {
    assert.deepEqual(serviceFromReply(serviceReplyId('ac_repair'), services), {
      id: 'ac_repair',
      confidence: 1,
      evidence: { kind: 'reply', replyId: 'service:ac_repair' },
    });
    assert.equal(serviceFromReply('plumbing', services)?.id, 'plumbing');
    assert.equal(serviceFromReply('service:roofing', services), undefined);
  });
});

describe('matchService: a long word typed with a letter missing or one too many', () => {
  // a swimming school's services as its owner named them, in four languages
  const swim: AliasEntry[] = [
    {
      id: 'kids_group',
      names: {
        id: ['Kelas renang anak', 'Les renang anak (grup)'],
        ms: ['Kelas renang kanak-kanak', 'Kelas renang kumpulan kanak-kanak'],
        en: ['Kids group swimming lessons', "Children's swim classes"],
        hi: ['बच्चों की ग्रुप स्विमिंग क्लास', 'bachon ki swimming class'],
      },
    },
    {
      id: 'adult_private',
      names: {
        id: ['Les renang privat dewasa'],
        ms: ['Kelas renang persendirian dewasa'],
        en: ['Private adult swimming lessons', 'Adult learn-to-swim (1-to-1)'],
        hi: ['बड़ों के लिए प्राइवेट स्विमिंग क्लास', 'adult private swimming class'],
      },
    },
    {
      id: 'baby_toddler',
      names: {
        id: ['Kelas renang bayi & balita'],
        ms: ['Kelas air bayi & kanak-kanak kecil'],
        en: ['Baby & toddler water classes', 'Parent and baby swim'],
        hi: ['बेबी और टॉडलर वॉटर क्लास', 'baby swimming class'],
      },
    },
    {
      id: 'stroke_triathlon',
      names: {
        id: ['Perbaikan gaya renang & pelatihan triathlon'],
        ms: ['Pembaikan gaya renang & latihan triatlon'],
        en: ['Stroke improvement & triathlon coaching'],
        hi: ['स्ट्रोक सुधार और ट्रायथलॉन कोचिंग'],
      },
    },
    {
      id: 'lifeguard_firstaid',
      names: {
        id: ['Kursus lifeguard & P3K'],
        ms: ['Kursus penyelamat (lifeguard) & pertolongan cemas'],
        en: ['Lifeguard & first-aid course'],
        hi: ['लाइफगार्ड और फर्स्ट-एड कोर्स'],
      },
    },
    {
      id: 'home_pool',
      names: {
        id: ['Les renang di kolam rumah/villa'],
        ms: ['Kelas renang di kolam kondo/rumah'],
        en: ['Lessons at your condo or villa pool'],
        hi: ['आपके घर/सोसाइटी पूल पर क्लास'],
      },
    },
  ];
  it('"wnat privte swiming lesons for myslef" is the private adult lessons', () => {
    assert.equal(matchService('hii, wnat privte swiming lesons for myslef', swim, 'en')?.id, 'adult_private');
  });
});

describe('matchService: a short form in capitals the owner wrote in a name', () => {
  const services: Array<{ id: string; names: Record<string, string[]> }> = [
    { id: 'pt', names: { en: ['Personal training', '1-to-1 PT'] } },
    { id: 'ac', names: { en: ['AC servicing'], ms: ['Servis aircond'] } },
    { id: 'yoga', names: { en: ['Yoga at home'] } },
  ];
  it('said in capitals by the customer, it is the service whose name has it', () => {
    assert.equal(matchService('looking for home PT 3x a week', services, 'en')?.id, 'pt');
    assert.equal(matchService('AC bocor air, boleh datang?', services, 'ms')?.id, 'ac');
  });
  it('in lower case, or a capitalised word no name has, it names nothing', () => {
    assert.equal(matchService('pt 3x a week', services, 'en'), undefined);
    assert.equal(matchService('need help ASAP pls', services, 'en'), undefined);
  });
  it('a short form two services share names neither', () => {
    const shared = [...services, { id: 'pt2', names: { en: ['PT for seniors'] } }];
    assert.equal(matchService('home PT please', shared, 'en'), undefined);
  });
});

describe('matchService: the word after a bound prefix is not the name alone', () => {
  const services: Array<{ id: string; names: Record<string, string[]> }> = [
    { id: 'prewedding', names: { en: ['Pre-wedding Shoot Styling'] } },
    { id: 'postnatal', names: { en: ['Post natal massage'] } },
    { id: 'bridal', names: { en: ['Bridal Makeup & Hair'] } },
  ];
  it('"my wedding" is no pre-wedding shoot, "natal" no postnatal massage', () => {
    assert.equal(matchService('need help for my wedding in June', services, 'en'), undefined);
    assert.equal(matchService('anything for natal charts?', services, 'en')?.id, undefined);
  });
  it('the name with its prefix, or its other words, still name it', () => {
    assert.equal(matchService('pre-wedding shoot styling for 2 looks', services, 'en')?.id, 'prewedding');
    assert.equal(matchService('do you do shoot styling?', services, 'en')?.id, 'prewedding');
  });
});

describe('matchArea', () => {
  const cases: Array<[string, string, 'exact' | 'fuzzy']> = [
    ['I live in Jeddah', 'jeddah', 'exact'],
    ['jiddah, al rawdah district', 'jeddah', 'exact'],
    ['in jedah near the corniche', 'jeddah', 'fuzzy'],
    ['انا في جده', 'jeddah', 'exact'],
    ['أنا في جدة', 'jeddah', 'exact'],
    ['Djeddah', 'jeddah', 'exact'],
    ["Cidde'de oturuyorum", 'jeddah', 'exact'],
    ['मैं जेद्दा में हूँ', 'jeddah', 'exact'],
    ['بالرياض حي النرجس', 'riyadh', 'exact'],
    ['we are in Riyad', 'riyadh', 'exact'],
    ['Riyadth', 'riyadh', 'fuzzy'],
    ['الدمام', 'dammam', 'exact'],
    ['Al Khobar, near the mall', 'dammam', 'exact'],
    ['Moro em Sao Paulo, zona sul', 'sao_paulo', 'exact'],
    ['Estoy en San Pablo', 'sao_paulo', 'exact'],
    ['saya tinggal di Jaksel', 'jakarta', 'exact'],
    ['DKI Jakarta', 'jakarta', 'exact'],
  ];
  for (const [message, id, kind] of cases) {
    it(`"${message}" → ${id} (${kind})`, () => {
      const match = matchArea(message, areas);
      assert.ok(match, `no area found in "${message}"`);
      assert.equal(match.id, id);
      assert.equal(match.evidence.kind, kind);
    });
  }

  it('no area in a message without a place, or with a place we do not serve', () => {
    assert.equal(matchArea('I need it tomorrow morning', areas), undefined);
    assert.equal(matchArea('I am in Mecca', areas), undefined);
    assert.equal(matchArea('Estou no Rio de Janeiro', areas), undefined);
  });
});

describe('areaForPin', () => {
  it('a pin in north Jeddah falls in Jeddah', () => {
    const area = areaForPin(21.62, 39.15, areas);
    assert.equal(area.outside, undefined);
    assert.equal(area.outside === undefined && area.id, 'jeddah');
    assert.ok(area.distanceKm !== undefined && area.distanceKm > 5 && area.distanceKm < 15);
  });

  it('a pin in Al Khobar falls in the Dammam area', () => {
    const area = areaForPin(26.2794, 50.2083, areas);
    assert.equal(area.outside === undefined && area.id, 'dammam');
  });

  it('a pin in Paulista Avenue falls in São Paulo', () => {
    assert.equal(areaForPin(-23.5614, -46.6559, areas).outside, undefined);
  });

  it('a pin in Mecca is outside, nearest Jeddah at about 65 km', () => {
    const area = areaForPin(21.3891, 39.8579, areas);
    assert.equal(area.outside, true);
    assert.equal(area.outside && area.nearestId, 'jeddah');
    assert.ok(area.distanceKm !== undefined && area.distanceKm > 60 && area.distanceKm < 80);
  });

  it('a pin in Bandung is outside, nearest Jakarta', () => {
    const area = areaForPin(-6.9175, 107.6191, areas);
    assert.deepEqual(area.outside && area.nearestId, 'jakarta');
  });

  it('overlapping areas pick the nearest center; areas without a center are ignored', () => {
    const overlapping = [
      { id: 'city', center: { latitude: 0, longitude: 0 }, radiusKm: 100 },
      { id: 'district', center: { latitude: 0.1, longitude: 0.1 }, radiusKm: 20 },
      { id: 'nowhere' },
    ];
    assert.equal(areaForPin(0.09, 0.09, overlapping).outside === undefined, true);
    assert.deepEqual(areaForPin(0.09, 0.09, overlapping), { id: 'district', distanceKm: 1.6 });
    assert.deepEqual(areaForPin(1, 1, [{ id: 'nowhere' }]), { outside: true });
  });

  it('distanceKm: Jeddah to Riyadh is about 850 km', () => {
    const km = distanceKm(
      { latitude: 21.5433, longitude: 39.1728 },
      { latitude: 24.7136, longitude: 46.6753 },
    );
    assert.ok(km > 830 && km < 870, String(km));
  });
});

describe('intakeConfigSchema', () => {
  it('the example tenant intake validates and gets defaults', () => {
    assert.equal(exampleIntake.services.length, 6);
    assert.equal(exampleIntake.languages[0], 'ar');
    const minimal = intakeConfigSchema.parse({ country: 'BR', timezone: 'America/Sao_Paulo' });
    assert.deepEqual(minimal.languages, ['en']);
    assert.deepEqual(minimal.knowledge, []);
  });

  it('reports bad time zones, countries, languages, radius without center and unknown services by path', () => {
    const result = intakeConfigSchema.safeParse({
      ...exampleIntakeInput,
      country: 'sau',
      timezone: 'Arabia/Jeddah',
      languages: ['en', 'English'],
      areas: [{ id: 'x', names: { en: ['X'] }, radiusKm: 5 }],
      knowledge: [{ id: 'k', intent: 'pricing', serviceId: 'roofing', answer: { en: 'ok' } }],
    });
    assert.equal(result.success, false);
    const paths = result.error.issues.map((issue) => issue.path.join('.'));
    for (const path of ['country', 'timezone', 'languages.1', 'areas.0.radiusKm', 'knowledge.0.serviceId']) {
      assert.ok(paths.includes(path), `${path} not in ${paths.join(', ')}`);
    }
  });

  it('rejects duplicate service ids', () => {
    const [first] = exampleIntakeInput.services ?? [];
    assert.ok(first);
    const result = intakeConfigSchema.safeParse({ ...exampleIntakeInput, services: [first, first] });
    assert.equal(result.success, false);
    assert.deepEqual(result.error.issues[0]?.path, ['services', 1, 'id']);
  });

  it('a tenant may carry an intake section', () => {
    const tenant = tenantSchema.parse({
      id: 'acme',
      whatsapp: { app: 'main', phoneNumberIds: ['106540352242922'] },
      intake: exampleIntakeInput,
    });
    assert.equal(tenant.intake?.areas[0]?.id, 'jeddah');
  });
});

describe('placeInText: everyday words are no places', () => {
  const areas: PlaceableArea[] = [
    { id: 'penang', names: { en: ['Penang'] }, districts: ['George Town'], notNames: [] },
    { id: 'jakarta', names: { id: ['Jakarta'] }, districts: ['Kemang'], notNames: [] },
  ];
  it('a short lowercase word one typo from a place is the word ("petang" is evening, "kemana" is where to)', () => {
    assert.equal(
      placeInText('boleh datang petang ni?', areas, 'MY', () => []),
      undefined,
    );
    assert.equal(
      placeInText('airnya kemana-mana', areas, 'ID', () => []),
      undefined,
    );
  });
  it('the same typo capitalized, or a long name with a typo, is the place', () => {
    const areaOf = (text: string) => {
      const place = placeInText(text, areas, 'MY', () => []);
      return place !== undefined && 'areaId' in place ? place.areaId : undefined;
    };
    assert.equal(areaOf('saya di Penag'), 'penang');
    assert.equal(areaOf('saya di geroge town'), 'penang');
  });
  it("another language's short name for an area, in lowercase, is a word of the customer's language", () => {
    const withNickname: PlaceableArea[] = [
      {
        id: 'casablanca',
        names: { fr: ['Casablanca', 'Casa'], pt: ['Casablanca'], es: ['Casablanca'], ar: ['كازا'] },
      },
      { id: 'lisboa', names: { pt: ['Lisboa'], en: ['Lisbon'] } },
    ];
    const areaOf = (text: string, language: string) => {
      const place = placeInText(text, withNickname, 'PT', () => [], language);
      return place !== undefined && 'areaId' in place ? place.areaId : undefined;
    };
    // "casa" is a house in Portuguese and Spanish
    assert.equal(areaOf('quero painéis solares na minha casa', 'pt'), undefined);
    assert.equal(areaOf('estoy en casa por la tarde', 'es'), undefined);
    assert.equal(areaOf('painéis para a minha casa em Lisboa', 'pt'), 'lisboa');
    // the language it is given in, Arabizi (whose own names are in Arabic script), and a capital still name it
    assert.equal(areaOf('je suis à casa, quartier Maarif', 'fr'), 'casablanca');
    assert.equal(areaOf('ana f casa, bghit panneaux', 'ar'), 'casablanca');
    assert.equal(areaOf('moro em Casa, no Maarif', 'pt'), 'casablanca');
  });
  it("an owner's note on a look-alike is not part of its name, unless it is what tells it from a district", () => {
    const annotated: PlaceableArea[] = [
      {
        id: 'madrid',
        names: { es: ['Madrid'] },
        districts: ['Barrio de Salamanca', 'Retiro'],
        notNames: ['Madrid, Iowa (USA)', 'Salamanca (city, Castilla y León)', 'Retiro (Portugal)'],
      },
    ];
    const placeOf = (text: string) => {
      const place = placeInText(text, annotated, 'ES', () => [], 'es');
      if (place === undefined) return undefined;
      return 'areaId' in place ? place.areaId : 'outside' in place ? 'outside' : 'ambiguous';
    };
    assert.equal(placeOf('residencia canina en Madrid, Iowa'), 'outside');
    assert.equal(placeOf('baño y corte en Salamanca'), 'outside');
    assert.equal(placeOf('baño y corte en el barrio de Salamanca'), 'madrid');
    // "Retiro" is a district: the look-alike is only "Retiro Portugal"
    assert.equal(placeOf('paseos por el Retiro'), 'madrid');
  });
});

describe('placeInText: a big city beside an area is a city of its own', () => {
  const areas: PlaceableArea[] = [
    {
      id: 'koeln',
      names: { de: ['Köln'] },
      country: 'DE',
      districts: ['Ehrenfeld'],
      center: { latitude: 50.9375, longitude: 6.9603 },
      radiusKm: 25,
    },
  ];
  const placeOf = (text: string) => {
    const place = placeInText(text, areas, 'DE', undefined, 'de');
    if (place === undefined) return undefined;
    return 'areaId' in place ? place.areaId : 'outside' in place ? 'outside' : 'ambiguous';
  };
  it('Düsseldorf, 34 km from Cologne and over half a million people, is outside; a small town near it is in', () => {
    assert.equal(placeOf('Zahnreinigung in Düsseldorf möglich?'), 'outside');
    assert.equal(placeOf('Zahnreinigung in Hürth möglich?'), 'koeln');
  });
  it('a town of 50,000 beyond the radius is its own town; a smaller one at the edge is in the area', () => {
    const near = [{ ...areas[0], radiusKm: 20 }] as PlaceableArea[];
    const placeNear = (text: string) => {
      const place = placeInText(text, near, 'DE', undefined, 'de');
      return place !== undefined && 'areaId' in place
        ? place.areaId
        : place && 'outside' in place
          ? 'outside'
          : place;
    };
    assert.equal(placeNear('Hochzeitsfotos in Bonn'), 'outside');
    assert.equal(placeNear('Hochzeitsfotos in Overath'), 'koeln');
  });
});

describe('placeInText: a short Latin name written in Arabic script after a word of place', () => {
  const areas: PlaceableArea[] = [
    { id: 'casablanca', names: { fr: ['Casablanca'] }, country: 'MA', districts: ['Maârif', 'Anfa'] },
    { id: 'rabat', names: { fr: ['Rabat'] }, country: 'MA', districts: ['Agdal', 'Témara'] },
    {
      id: 'dubai',
      names: { en: ['Dubai'] },
      country: 'AE',
      districts: ['Jumeirah', 'Karama'],
      notNames: ['Sharjah', 'Ajman'],
    },
  ];
  const placeOf = (text: string) => {
    const place = placeInText(text, areas, 'MA', undefined, 'ar');
    return place !== undefined && 'areaId' in place
      ? place.areaId
      : place && 'outside' in place
        ? 'outside'
        : place;
  };
  it('"فالمعاريف", "فأكدال", "في الكرامة", "في جميرا" are their areas; the word alone, without a place, is not', () => {
    assert.equal(placeOf('بغيت نبدل القفل فالمعاريف'), 'casablanca');
    assert.equal(placeOf('بغيت نبدل القفل فأكدال'), 'rabat');
    assert.equal(placeOf('محتاج صور جواز في الكرامة'), 'dubai');
    assert.equal(placeOf('محتاج صور جواز في جميرا'), 'dubai');
    assert.equal(placeOf('الكرامة مهمة عندنا'), undefined);
  });
  it('a word with a و no Latin spelling has is another word: "فالكوزينة" (in the kitchen) is no Gzenaya', () => {
    const tangier: PlaceableArea[] = [
      { id: 'tanger', names: { fr: ['Tanger'] }, country: 'MA', districts: ['Gzenaya', 'Boukhalef'] },
    ];
    const placeIn = (text: string) => {
      const place = placeInText(text, tangier, 'MA', undefined, 'ar');
      return place !== undefined && 'areaId' in place ? place.areaId : place;
    };
    assert.equal(placeIn('الزليج اللي ركبتو ليا فالكوزينة كلو معوج'), undefined);
    assert.equal(placeIn('أنا فكزناية'), 'tanger');
    // a Latin "o", "u" or "w" is written و
    assert.equal(placeIn('أنا فبوخالف'), 'tanger');
  });
  it('a district romanized with its article: "في القصيص" for Al Qusais, "في السليمانية" for Al Sulimaniyah', () => {
    const gulf: PlaceableArea[] = [
      { id: 'dubai', names: { en: ['Dubai'] }, country: 'AE', districts: ['Al Qusais', 'Al Barsha'] },
      { id: 'riyadh', names: { en: ['Riyadh'] }, country: 'SA', districts: ['Al Sulimaniyah'] },
    ];
    const placeIn = (text: string) => {
      const place = placeInText(text, gulf, 'AE', undefined, 'ar');
      return place !== undefined && 'areaId' in place ? place.areaId : place;
    };
    assert.equal(placeIn('عندي فيران في مخزن المحل في القصيص'), 'dubai');
    assert.equal(placeIn('نبي تنظيف شامل للبيت في السليمانية'), 'riyadh');
    assert.equal(placeIn('القصيص'), undefined);
  });
  it('a look-alike the owner warned of, written in Arabic script, is outside: "في الشارقة", "بعجمان"', () => {
    assert.equal(placeOf('ابغى دروس سواقة في الشارقة'), 'outside');
    assert.equal(placeOf('ابغى سيارة بعجمان'), 'outside');
    assert.equal(placeOf('الشارقة قريبة'), undefined);
  });
  it('a district in Devanagari before a postposition: "अंधेरी में" is Andheri, not a town of those consonants', () => {
    const mumbai: PlaceableArea[] = [
      { id: 'mumbai', names: { en: ['Mumbai'] }, country: 'IN', districts: ['Andheri', 'Bandra'] },
    ];
    const place = placeInText('फेशियल चाहिए, अंधेरी में', mumbai, 'IN', undefined, 'hi');
    assert.deepEqual(place !== undefined && 'areaId' in place ? place.areaId : place, 'mumbai');
  });
});

describe('placeInText: a look-alike told apart by its note', () => {
  const areas: PlaceableArea[] = [
    {
      id: 'paris',
      names: { fr: ['Paris'] },
      country: 'FR',
      notNames: ['Paris (Texas, USA)'],
      center: { latitude: 48.8566, longitude: 2.3522 },
      radiusKm: 12,
    },
  ];
  const placeOf = (text: string) => {
    const place = placeInText(text, areas, 'FR', undefined, 'fr');
    return place !== undefined && 'areaId' in place
      ? place.areaId
      : place && 'outside' in place
        ? 'outside'
        : place;
  };
  it('"Paris (Texas, USA)" is named "Paris Texas" or "Paris USA"; Paris alone is the area', () => {
    assert.equal(placeOf('serrurier à Paris Texas ?'), 'outside');
    assert.equal(placeOf('locksmith in Paris, USA'), 'outside');
    assert.equal(placeOf('serrurier à Paris 15e'), 'paris');
  });
});

describe('placeInText: an area named as part of its city', () => {
  const areas: PlaceableArea[] = [
    {
      id: 'dubai_marina',
      names: { en: ['Dubai Marina'], ar: ['دبي مارينا'] },
      country: 'AE',
      districts: ['JBR'],
      notNames: ['Marina (Abu Dhabi)'],
      center: { latitude: 25.0805, longitude: 55.1403 },
      radiusKm: 8,
    },
    {
      id: 'ajman',
      names: { en: ['Ajman'] },
      country: 'AE',
      center: { latitude: 25.405, longitude: 55.475 },
      radiusKm: 7,
    },
  ];
  const placeOf = (text: string, language: string) => {
    const place = placeInText(text, areas, 'AE', undefined, language);
    if (place === undefined) return undefined;
    return 'areaId' in place ? place.areaId : 'outside' in place ? 'outside' : 'ambiguous';
  };
  it('the word of its name that is not the city is the area said short, not a town abroad of that name', () => {
    assert.equal(placeOf('yoga at home in the Marina, 2x a week?', 'en'), 'dubai_marina');
    assert.equal(placeOf('bootcamp near Marina walk pls', 'en'), 'dubai_marina');
  });
  it('the look-alike the owner named by that word keeps its note: "Marina Abu Dhabi" is outside', () => {
    assert.equal(placeOf('trainer in Marina Abu Dhabi?', 'en'), 'outside');
    assert.notEqual(placeOf('المدرب في المارينا ممتاز', 'ar'), 'outside');
  });
  it('the city alone holds the area and more: which part is not said', () => {
    assert.equal(placeOf("I'm in Dubai, can someone come to my place?", 'en'), 'ambiguous');
    assert.equal(placeOf('training in Ajman please', 'en'), 'ajman');
    assert.equal(placeOf('training in Sharjah please', 'en'), 'outside');
  });
  it('"أبراج" (towers) is no town', () => {
    assert.notEqual(placeOf('نبي حصص لموظفينا في أبراج الشركة', 'ar'), 'outside');
  });
});

describe('placesIn: words of place by language', () => {
  it('a Hindi plural before a postposition is no town ("तारों से", from the wires); "दिल्ली में" still is', () => {
    assert.deepEqual(placesIn('आपके लगाए तारों से स्पार्किंग हुई', 'hi'), []);
    assert.deepEqual(
      placesIn('मैं दिल्ली में हूँ', 'hi').map((place) => place.country),
      ['IN'],
    );
  });
  it('a Hindi pronoun before a postposition is no town ("kisi ko" is to someone, not to Kisi)', () => {
    assert.deepEqual(placesIn('teacher ne kisi ko bataya nahi', 'hi'), []);
  });
  it('in Hinglish a word before a town is no word of place ("do baar" is twice, not of Baar)', () => {
    assert.deepEqual(placesIn('bakwas service hai, teacher do baar nahi aaya', 'hi'), []);
    assert.deepEqual(
      placesIn('we live in Lucknow', 'hi').map((place) => place.text),
      ['lucknow'],
    );
  });
});

describe('names across scripts', () => {
  const areas: PlaceableArea[] = [
    { id: 'dubai', names: { en: ['Dubai'] }, districts: ['Mirdif', 'Al Barsha'], notNames: [] },
    { id: 'riyadh', names: { en: ['Riyadh'] }, districts: ['Al Malqa'], notNames: [] },
  ];
  const areaOf = (text: string) => {
    const place = placeInText(text, areas, 'AE', () => []);
    return place !== undefined && 'areaId' in place ? place.areaId : undefined;
  };
  it('an Arabic-script district names the area whose romanized district it is, with its prefixes', () => {
    assert.equal(areaOf('ساكنين بمردف'), 'dubai');
    assert.equal(areaOf('البيت في البرشا'), 'dubai');
    assert.equal(areaOf('حي الملقا'), 'riyadh');
  });
  it('a romanized word reads as an Arabic-script service name', () => {
    const services = [{ id: 'cleaning', names: { ar: ['تنظيف'] } }];
    assert.equal(matchService('abghi tanzif lel villa', services, 'ar')?.id, 'cleaning');
  });
  it('a look-alike written in Arabic script is outside, though it contains the area’s name', () => {
    const withLookAlike: PlaceableArea[] = [
      {
        id: 'riyadh',
        names: { en: ['Riyadh'], ar: ['الرياض'] },
        districts: [],
        notNames: ['Riyadh Al Khabra'],
      },
    ];
    const place = placeInText('احنا في رياض الخبراء', withLookAlike, 'SA', () => []);
    assert.ok(place !== undefined && 'outside' in place);
    assert.deepEqual(
      placeInText('احنا في الرياض', withLookAlike, 'SA', () => []),
      {
        areaId: 'riyadh',
        confidence: 0.85,
        evidence: 'الرياض',
      },
    );
  });

  it('Arabizi words of a two-word Arabic name read together ("tanzeef 3ameeq")', () => {
    const services = [
      { id: 'deep', names: { ar: ['تنظيف عميق'] } },
      { id: 'sofa', names: { ar: ['تنظيف كنب وسجاد'] } },
    ];
    assert.equal(matchService('ababi tanzeef 3ameeq lel villa', services, 'ar')?.id, 'deep');
  });

  it('consonants in the same script are no match: that is what typo tolerance is for', () => {
    assert.equal(areaOf('we are in Mardaf'), undefined);
  });
});

describe('placeInText: the initials an owner wrote after a district are its name too', () => {
  const areas: PlaceableArea[] = [
    {
      id: 'kuala_lumpur',
      names: { en: ['Kuala Lumpur'] },
      country: 'MY',
      districts: ['Petaling Jaya (PJ)', 'Hay Salam (Salé)'],
    },
    { id: 'jakarta', names: { id: ['Jakarta'] }, country: 'ID', districts: ['Pantai Indah Kapuk (PIK)'] },
  ];
  const placeOf = (text: string, language: string) => {
    const place = placeInText(text, areas, 'MY', undefined, language);
    return place !== undefined && 'areaId' in place ? place.areaId : place;
  };
  it('"area PJ" and "di PIK" are those districts; a note that is no initials ("Salé") names nothing', () => {
    assert.equal(placeOf('nak facial kat rumah, area PJ', 'ms'), 'kuala_lumpur');
    assert.equal(placeOf('mau potong rambut di PIK', 'id'), 'jakarta');
    assert.equal(placeOf('je suis à Salé', 'fr') === 'kuala_lumpur', false);
  });
});

describe('placesIn: a month beside a day is a date, not the town that shares its name', () => {
  it('"22 March ke liye" names no March (GB); "March mein" and "in March, Cambridgeshire" still do', () => {
    assert.deepEqual(placesIn('aapse hi catering book kiya hai 22 March ke liye', 'hi'), []);
    assert.deepEqual(placesIn('on the 3rd of March at 5pm?', 'en'), []);
    assert.equal(placesIn('March mein', 'hi')[0]?.country, 'GB');
    assert.equal(placesIn('I live in March, Cambridgeshire', 'en')[0]?.country, 'GB');
  });
});

describe('matchService: a slash in an owner\'s name is an "or"', () => {
  const services = intakeConfigSchema.parse({
    country: 'MY',
    timezone: 'Asia/Kuala_Lumpur',
    services: [
      { id: 'disinfection', names: { en: ['Disinfection / sanitising'] } },
      { id: 'regular', names: { en: ['Weekly / fortnightly maid visit'] } },
      { id: 'office', names: { en: ['Office cleaning contract'] } },
    ],
  }).services;
  it('each side is a name as written: "office disinfection", "sanitising for the office", "a weekly maid visit"', () => {
    for (const [text, id] of [
      ['office disinfection please', 'disinfection'],
      ['sanitising for the office', 'disinfection'],
      ['a weekly maid visit', 'regular'],
    ] as const) {
      const match = matchService(text, services, 'en');
      assert.equal(match?.id, id, text);
      assert.equal(match?.evidence.kind, 'exact', text);
    }
  });
});

describe('matchService: a name that lists things names the work on each', () => {
  const services = intakeConfigSchema.parse({
    country: 'MY',
    timezone: 'Asia/Kuala_Lumpur',
    services: [
      {
        id: 'upholstery',
        names: { en: ['Sofa, carpet & mattress cleaning'], ms: ['Cuci sofa, karpet & tilam'] },
      },
      { id: 'sockets', names: { en: ['New sockets, switches and lights'] } },
      { id: 'garden', names: { en: ['Garden lights'] } },
      { id: 'deep', names: { en: ['Deep cleaning'], ms: ['Deep cleaning'] } },
    ],
  }).services;
  it('"carpet cleaning", "cuci tilam" as written', () => {
    for (const [text, language] of [
      ['carpet cleaning please', 'en'],
      ['nak cuci tilam', 'ms'],
    ] as const) {
      const match = matchService(text, services, language);
      assert.equal(match?.id, 'upholstery', text);
      assert.equal(match?.evidence.kind, 'exact', text);
    }
  });
  it('no name from a thing another service names, nor from a work as weak as "new"', () => {
    assert.notEqual(matchService('lights in the garden', services, 'en')?.id, 'sockets');
  });
});

describe('matchService: services of one thing, told apart by what else is said', () => {
  const services = intakeConfigSchema.parse({
    country: 'ES',
    timezone: 'Europe/Madrid',
    services: [
      {
        id: 'cleaning',
        names: {
          es: ['Limpieza semanal de piscina', 'Mantenimiento de piscina'],
          pt: ['Manutenção de piscina'],
        },
      },
      {
        id: 'repair',
        names: { es: ['Reparación de piscina'], pt: ['Reparação de piscinas'], tr: ['Havuz tamiri'] },
      },
      {
        id: 'season',
        names: { es: ['Apertura de temporada'], pt: ['Abertura e fecho da época'], tr: ['Havuz açılışı'] },
      },
      { id: 'testing', names: { es: ['Análisis del agua de la piscina'], tr: ['Havuz suyu analizi'] } },
      { id: 'garden', names: { es: ['Sistemas de riego'], tr: ['Bahçe sulama'] } },
    ],
  }).services;
  it('the work said beside the thing names its service: "mantenimiento semanal de la piscina"', () => {
    assert.equal(
      matchService('buscamos mantenimiento semanal de la piscina', services, 'es')?.id,
      'cleaning',
    );
    assert.equal(matchService('necesito la reparación de la piscina', services, 'es')?.id, 'repair');
  });
  it('the thing alone names none of them: "alguien para la piscina"', () => {
    assert.equal(matchService('necesito a alguien para la piscina', services, 'es'), undefined);
    assert.equal(matchService('preciso de ajuda com a piscina', services, 'pt'), undefined);
  });
  it('a word only one service has tells them apart: "a abertura da piscina"', () => {
    assert.equal(matchService('queria fazer a abertura da piscina', services, 'pt')?.id, 'season');
  });
  it('something that stopped working asks for the repair when most services are done to its thing', () => {
    assert.equal(matchService('la depuradora de la piscina no arranca', services, 'es')?.id, 'repair');
    assert.equal(matchService('havuzun motoru calismiyo ses yapiyo sadece', services, 'tr')?.id, 'repair');
  });
});

describe('matchService: a fault asks for no repair named by a thing of its own', () => {
  const services = intakeConfigSchema.parse({
    country: 'FR',
    timezone: 'Europe/Paris',
    services: [
      { id: 'washer', names: { en: ['Washing machine repair'], id: ['servis mesin cuci'] } },
      { id: 'fridge', names: { en: ['Fridge repair'], id: ['servis kulkas'] } },
      { id: 'ac', names: { en: ['AC repair & service'], id: ['cuci AC'] } },
      { id: 'oven', names: { en: ['Oven repair'] } },
      { id: 'dishwasher', names: { en: ['Dishwasher repair'], fr: ['réparation lave-vaisselle'] } },
    ],
  }).services;
  it('"my dishwasher est en panne" is not the washing machine, a thing three of five services are washed by', () => {
    assert.notEqual(matchService('my dishwasher est en panne', services, 'fr')?.id, 'washer');
  });
});

describe("placeInText: an owner's names as written in one, and districts written in Devanagari", () => {
  const areas: PlaceableArea[] = [
    {
      id: 'marbella',
      names: { en: ['Marbella'] },
      districts: ['Milla de Oro / Golden Mile', 'Puerto Banús'],
      notNames: ['Estepona'],
    },
    { id: 'dubai', names: { en: ['Dubai'], ar: ['دبي'] }, districts: ['Mirdif'], notNames: ['Dibba (دبا)'] },
    {
      id: 'bangalore',
      names: { en: ['Bangalore'] },
      districts: ['Indiranagar', 'Koramangala'],
      notNames: [],
    },
  ];
  const place = (text: string, language: string) => placeInText(text, areas, 'AE', () => [], language);
  it('either side of a slash is a district: "on the Golden Mile", "en la Milla de Oro"', () => {
    assert.equal((place("we're on the Golden Mile", 'en') as { areaId?: string })?.areaId, 'marbella');
    assert.equal((place('vivimos en la Milla de Oro', 'es') as { areaId?: string })?.areaId, 'marbella');
  });
  it('a look-alike spelled in another script in its note is outside: "دبا"', () => {
    assert.ok(
      place('تقدرون تجون دبا الفجيرة؟', 'ar') !== undefined &&
        'outside' in (place('تقدرون تجون دبا الفجيرة؟', 'ar') ?? {}),
    );
  });
  it('a "w" of a Latin name is the "व" of its Devanagari spelling: "द्वारका में" for Dwarka', () => {
    const delhi: PlaceableArea[] = [
      { id: 'delhi', names: { en: ['Delhi'] }, districts: ['Dwarka', 'Rohini'], notNames: [] },
    ];
    assert.equal(
      (placeInText('द्वारका में क्लास मिलेगी?', delhi, 'IN', () => [], 'hi') as { areaId?: string })?.areaId,
      'delhi',
    );
  });
  it('a district written in Devanagari names its area: "इंदिरानगर", "कोरमंगला"', () => {
    assert.equal((place('हेयर स्पा करवाना है। इंदिरानगर।', 'hi') as { areaId?: string })?.areaId, 'bangalore');
    assert.equal((place('कोरमंगला में आ सकते हो?', 'hi') as { areaId?: string })?.areaId, 'bangalore');
  });
  describe('a district written in two scripts side by side', () => {
    const levant: PlaceableArea[] = [
      {
        id: 'amman',
        names: { ar: ['عمّان'], en: ['Amman'] },
        districts: ['عبدون Abdoun', "تلاع العلي Tla' al-Ali", 'الصويفية Sweifieh'],
        notNames: ['عُمان / Oman (Sultanate)', 'الزرقاء Zarqa'],
      },
      {
        id: 'riyadh',
        names: { ar: ['الرياض'], en: ['Riyadh'] },
        districts: ['السويدي Al Suwaidi', 'النرجس Al Narjis'],
        notNames: ['الخبر Khobar', 'رياض الخبراء Riyadh Al Khabra (Qassim)'],
      },
    ];
    const at = (text: string, language: string) => placeInText(text, levant, 'JO', () => [], language);
    const areaOf = (text: string, language: string) => (at(text, language) as { areaId?: string })?.areaId;
    it('each script\'s words are the district: "بعبدون", "in Abdoun", "بتلاع العلي"', () => {
      assert.equal(areaOf('باب الشقة ما عم يسكر، إحنا بعبدون', 'ar'), 'amman');
      assert.equal(areaOf("we've just moved to Abdoun", 'en'), 'amman');
      assert.equal(areaOf('بيتنا بتلاع العلي', 'ar'), 'amman');
      assert.equal(areaOf('أنا بالصويفية', 'ar'), 'amman');
      assert.equal(areaOf('حي النرجس', 'ar'), 'riyadh');
    });
    it('a look-alike written in two scripts is outside in either: "الزرقاء", "Zarqa"', () => {
      assert.ok('outside' in (at('أنا ساكن بالزرقاء', 'ar') ?? {}));
      assert.ok('outside' in (at('we live in Zarqa', 'en') ?? {}));
    });
    it('a district the owner spelled in Arabic is not read by its Latin spelling\'s consonants: "بالسعودية" is not Al Suwaidi', () => {
      assert.equal(areaOf('انا بالسعودية، ابي بوابة حديد للفيلا', 'ar'), undefined);
    });
    it('a short Arabic word a dot away from a look-alike is that word: "صباح الخير" is not Khobar, "بالخبر" is', () => {
      assert.equal(at('صباح الخير', 'ar'), undefined);
      assert.ok('outside' in (at('أنا بالخبر', 'ar') ?? {}));
    });
  });
  it('a service named in Devanagari is not read from a romanized word of the same consonants', () => {
    const services: Array<{ id: string; names: Record<string, string[]> }> = [
      { id: 'ac', names: { hi: ['एसी सर्विस'] } },
      { id: 'washer', names: { id: ['servis mesin cuci'] } },
    ];
    assert.notEqual(matchService('bisa servis kulkas?', services, 'id')?.id, 'ac');
  });
});

describe('matchService: two names over the same words name the thing whose head the phrase ends or starts on', () => {
  const services = intakeConfigSchema.parse({
    country: 'TR',
    timezone: 'Europe/Istanbul',
    services: [
      {
        id: 'gates',
        names: {
          tr: ['Bahçe kapısı', 'Sürgülü kapı'],
          en: ['Garden gate', 'Sliding gate'],
          fr: ['Portail coulissant'],
        },
      },
      { id: 'motors', names: { tr: ['Kapı motoru'], en: ['Gate motor'], fr: ['Moteur de portail'] } },
    ],
  }).services;
  it('where modifiers come first, the last name holds the head: "bahçe kapısının motoru", "sliding gate motor"', () => {
    assert.equal(matchService('bahce kapisinin motoru calismiyor', services, 'tr')?.id, 'motors');
    assert.equal(matchService('Sürgülü kapı motoru taktırmak kaç para?', services, 'tr')?.id, 'motors');
    assert.equal(matchService('our sliding gate motor is dead', services, 'en')?.id, 'motors');
  });
  it('where the head comes first, the first name holds it: "moteur de portail coulissant"', () => {
    assert.equal(matchService('le moteur de portail coulissant est en panne', services, 'fr')?.id, 'motors');
  });
  it('the thing alone, or a name read over words apart, stays the thing: "sürgülü kapı kaça çıkar? Motorsuz"', () => {
    assert.equal(matchService('Sürgülü kapı yaptırmak istiyoruz', services, 'tr')?.id, 'gates');
    assert.equal(
      matchService('ferforje sürgülü kapı kaça çıkar? Motorsuz olacak.', services, 'tr')?.id,
      'gates',
    );
  });
});

describe("a typo keeps a word's first letter, or its sound", () => {
  const notOffered = ['violin, cello and wind instrument lessons', 'dance classes'];
  it('"hello" is no "cello"; "cello" is', () => {
    assert.equal(notOfferedMatch('hello', notOffered, 'en'), undefined);
    assert.notEqual(notOfferedMatch('do you teach cello?', notOffered, 'en'), undefined);
  });
  it('a first letter spelt by its sound still reads: "karpet" for "carpet"', () => {
    const services = [{ id: 'carpet', names: { en: ['Carpet cleaning'] } }];
    assert.equal(matchService('karpet cleaning pls', services, 'en')?.id, 'carpet');
  });
});

describe("placeInText: one word of a place's name of several is no place", () => {
  const areas: PlaceableArea[] = [
    {
      id: 'jakarta',
      names: { id: ['Jakarta', 'Jakarta Barat', 'Jakarta Timur'] },
      districts: [],
      notNames: [],
    },
    { id: 'johor_bahru', names: { ms: ['Johor Bahru', 'JB'] }, districts: [], notNames: [] },
  ];
  const areaOf = (text: string, language: string) =>
    (placeInText(text, areas, 'ID', () => [], language) as { areaId?: string } | undefined)?.areaId;
  it('"di Jawa Barat" (a province) is not Jakarta Barat, "di Johor" (a state) not Johor Bahru', () => {
    assert.equal(areaOf('Les piano di Jawa Barat ada kak?', 'id'), undefined);
    assert.equal(areaOf('Ada kelas drum di Johor?', 'ms'), undefined);
  });
  it('the whole name still is: "di Jakarta Barat", "Johor Bahru"', () => {
    assert.equal(areaOf('rumah di Jakarta Barat', 'id'), 'jakarta');
    assert.equal(areaOf('saya di Johor Bahru', 'ms'), 'johor_bahru');
  });
});

describe('placeInText: a district said in Arabizi after its word of place', () => {
  const areas: PlaceableArea[] = [
    {
      id: 'riyadh',
      names: { ar: ['الرياض'], en: ['Riyadh'] },
      districts: ['الملقا Al Malqa', 'النخيل Al Nakheel'],
      notNames: [],
    },
  ];
  const areaOf = (text: string) =>
    (placeInText(text, areas, 'SA', () => [], 'ar') as { areaId?: string } | undefined)?.areaId;
  it('"e7na fe el malga" is Al Malqa (q said g), "ana b el nakheel" Al Nakheel', () => {
    assert.equal(areaOf('kam si3r el remote? e7na fe el malga'), 'riyadh');
    assert.equal(areaOf('ana b el nakheel'), 'riyadh');
  });
  it('a word after "fe" that is no district is no place: "ana fe el bait"', () => {
    assert.equal(areaOf('ana fe el bait, ta3al bokra'), undefined);
  });
});

describe('a pond company: spoken Indonesian "-in", and a not-offered list after its work', () => {
  const services: Array<{ id: string; names: Record<string, string[]> }> = [
    {
      id: 'pond_cleaning',
      names: { id: ['Pembersihan kolam koi'], ms: ['Cuci kolam koi'], en: ['Koi pond cleaning'] },
    },
    {
      id: 'pond_building',
      names: { id: ['Pembuatan kolam koi'], ms: ['Bina kolam koi'], en: ['Koi pond building'] },
    },
    { id: 'aquarium_maintenance', names: { id: ['Bersih-bersih akuarium'], en: ['Aquarium cleaning'] } },
  ];
  const notOffered = ['selling fish, arowana or koi', 'swimming pool cleaning'];
  it('"bersihin" and "dibersihin" are the "pembersihan" of the name', () => {
    assert.equal(matchService('mau bersihin kolam koi', services, 'id')?.id, 'pond_cleaning');
    assert.equal(matchService('kolam koi minta dibersihin ya', services, 'id')?.id, 'pond_cleaning');
    assert.equal(matchService('tolong pasangin lampu', services, 'id'), undefined);
  });
  it('"koi" of the list is the business’s own trade; selling it is not offered', () => {
    assert.equal(notOfferedMatch('mau bersihin kolam koi', notOffered, 'id', services), undefined);
    assert.equal(notOfferedMatch('my koi pond needs a clean', notOffered, 'en', services), undefined);
    assert.equal(notOfferedMatch('do you sell koi?', notOffered, 'en', services)?.item, notOffered[0]);
    assert.equal(notOfferedMatch('Ada arowana merah?', notOffered, 'id', services)?.item, notOffered[0]);
  });
  it('a list whose things are no trade of the business’s stays named by each thing alone', () => {
    const steel = ['selling raw steel, profiles or sheet metal'];
    const gates = [{ id: 'gate', names: { tr: ['Bahçe kapısı'] } }];
    assert.equal(notOfferedMatch('kutu profil ve sac satiyo musunuz', steel, 'tr', gates)?.item, steel[0]);
  });
});

describe('a carpet cleaner: a Turkish name’s verbal noun said as a verb, a bracket inside a not-offered phrase', () => {
  const services = [
    { id: 'carpet_washing', names: { tr: ['Halı yıkama'] } },
    { id: 'sofa_cleaning', names: { tr: ['Koltuk yıkama'] } },
    { id: 'curtain_cleaning', names: { tr: ['Perde yıkama'] } },
  ];
  it('"yıkatmak", "yıkıyor musunuz", "yıkatmıştık" are the "yıkama" of the name', () => {
    assert.equal(matchService('3 tane halı yıkatmak istiyorum', services, 'tr')?.id, 'carpet_washing');
    assert.equal(matchService('koltuk yıkıyor musunuz?', services, 'tr')?.id, 'sofa_cleaning');
    assert.equal(matchService('perdeleri yıkatacağım', services, 'tr')?.id, 'curtain_cleaning');
  });
  it('a word that only begins like the verb is none ("yıkık", ruined)', () => {
    const rugs = [
      { id: 'carpet_washing', names: { tr: ['Halı yıkama'] } },
      { id: 'rug_repair', names: { tr: ['Halı tamiri'] } },
    ];
    assert.equal(matchService('halımı yıkatmak istiyorum', rugs, 'tr')?.id, 'carpet_washing');
    assert.equal(matchService('halının kenarı yıkık', rugs, 'tr'), undefined);
  });
  it('"household water tank (tangki air) cleaning" names no cleaning alone', () => {
    const notOffered = ['household water tank (tangki air) cleaning'];
    const tanks = [{ id: 'aquarium_maintenance', names: { en: ['Aquarium cleaning'] } }];
    assert.equal(notOfferedMatch('how much for a cleaning visit?', notOffered, 'en', tanks), undefined);
    assert.equal(
      notOfferedMatch('can you do household water tank cleaning?', notOffered, 'en', tanks)?.item,
      notOffered[0],
    );
  });
});

describe('placeInText: a district the owner listed that is also a country’s name', () => {
  const areas: PlaceableArea[] = [
    { id: 'medan', names: { id: ['Medan'] }, districts: ['Polonia', 'Helvetia'], notNames: [] },
    { id: 'konya', names: { tr: ['Konya'] }, districts: ['Bosna Hersek', 'Meram'], notNames: [] },
    { id: 'amman', names: { ar: ['عمّان'] }, districts: [], notNames: [] },
    { id: 'bengaluru', names: { hi: ['बेंगलुरु'] }, districts: [], notNames: [] },
  ];
  const placeOf = (text: string, language: string) => {
    const place = placeInText(text, areas, 'ID', undefined, language) as
      | { areaId?: string; outside?: boolean }
      | undefined;
    return place?.areaId ?? (place?.outside === true ? 'outside' : undefined);
  };
  it('is the district: "Rumah di Polonia, Medan", "Bosna Hersek\'e gelebilir misiniz"', () => {
    assert.equal(placeOf('Rumah di Polonia, Medan. Bisa hari ini?', 'id'), 'medan');
    assert.equal(placeOf("Bugün saat 5 gibi Bosna Hersek'e gelebilir misiniz", 'tr'), 'konya');
  });
  it('an area’s own name spelled like a country is still the country: "مسقط، سلطنة عمان"', () => {
    assert.equal(placeOf('نبي بوابة حديد لفيلا في مسقط، سلطنة عمان', 'ar'), 'outside');
  });
  it('Hindi "चेक" is a check, not Czechia', () => {
    assert.equal(placeOf('मछलियों का हेल्थ चेक करवाना है। बेंगलुरु।', 'hi'), 'bengaluru');
  });
});

describe('otherWorkNamed: pest control asked for by what kills the pests, in Arabic', () => {
  const services = [{ id: 'carpet_washing', names: { ar: ['غسيل السجاد'], en: ['Carpet washing'] } }];
  it('"رش مبيدات للبيت" at a carpet cleaner is other work', () => {
    assert.notEqual(otherWorkNamed('هل عندكم رش مبيدات للبيت؟', services, 'ar', new Set()), undefined);
    assert.equal(otherWorkNamed('عندكم غسيل سجاد؟', services, 'ar', new Set()), undefined);
  });
});

describe('tradeAskedOf: asked whether the business sells something, where none of its services sells', () => {
  const workshop: Array<{ id: string; names: Record<string, string[]> }> = [
    { id: 'brakes', names: { en: ['Brake pads replacement'], de: ['Bremsbeläge wechseln'] } },
    { id: 'ac', names: { en: ['AC installation'] } },
  ];
  it('reads it in every intake language', () => {
    for (const text of [
      "Do you sell brake pads? I'd fit them myself.",
      'Verkaufen Sie auch Poolroboter?',
      'Kak jual keyboard bekas gak?',
      'Min, mobil bekas rental dijual nggak?',
      'क्या आप खाने वाली मछली बेचते हैं?',
      '¿Vendéis pastillas de freno?',
      'Vocês vendem peças?',
      'Fren balatası satıyor musunuz?',
      'تبيعون فلاتر؟',
    ])
      assert.notEqual(tradeAskedOf(text, workshop), undefined, text);
  });
  it('is none where a service sells, where the fitting is asked too, or where nothing is sold', () => {
    const dealer = [{ id: 'used', names: { en: ['Used car sales'] }, description: 'We sell used cars.' }];
    assert.equal(tradeAskedOf('Do you sell used cars?', dealer), undefined);
    assert.equal(tradeAskedOf('Do you sell and install split units?', workshop), undefined);
    assert.equal(tradeAskedOf('Can you replace my brake pads tomorrow?', workshop), undefined);
    assert.equal(tradeAskedOf('I want to sell my old car, can you check it first?', workshop), undefined);
  });
});

describe('tradeAskedOf: asked whether the business buys something from the customer', () => {
  const cleaner: Array<{ id: string; names: Record<string, string[]>; description?: string }> = [
    { id: 'carpet', names: { tr: ['Halı yıkama'], en: ['Carpet washing'] } },
  ];
  it('reads it in every intake language', () => {
    for (const text of [
      'Vocês compram carro batido?',
      'Do you buy old rugs?',
      'Evde eski kilimler var. Alıyor musunuz, ne verirsiniz?',
      'تشترون سجاد قديم؟',
    ])
      assert.notEqual(tradeAskedOf(text, cleaner), undefined, text);
  });
  it('is none where a service buys, or where the customer buys', () => {
    const dealer = [{ id: 'gold', names: { en: ['Gold buying'] }, description: 'We buy gold.' }];
    assert.equal(tradeAskedOf('Do you buy old gold?', dealer), undefined);
    assert.equal(tradeAskedOf('I want to buy a new rug, can you wash my old one first?', cleaner), undefined);
  });
});

describe('tradeAskedOf: asked whether the business rents something out, where none of its services does', () => {
  const caterer: Array<{ id: string; names: Record<string, string[]>; description?: string }> = [
    { id: 'wedding', names: { es: ['Catering de bodas'], ms: ['Katering majlis'] } },
  ];
  it('reads it', () => {
    for (const text of ['¿Alquiláis también el salón para la boda?', 'do you rent out chairs and tables?'])
      assert.notEqual(tradeAskedOf(text, caterer), undefined, text);
  });
  it('is none where a service hires out, or where nothing is rented', () => {
    const hire = [{ id: 'pa', names: { en: ['Sound system hire'] } }];
    assert.equal(tradeAskedOf('do you rent out speakers?', hire), undefined);
    assert.equal(tradeAskedOf('We rented a hall in Shah Alam, can you cater there?', caterer), undefined);
  });
});

describe("matchService: a service's name said across a clause", () => {
  const services: Array<{ id: string; names: Record<string, string[]> }> = [
    { id: 'pond_cleaning', names: { id: ['Pembersihan kolam koi'], en: ['Koi pond cleaning'] } },
    { id: 'pond_building', names: { id: ['Pembuatan kolam koi'], en: ['Koi pond building'] } },
  ];
  it('the thing, what is wrong with it, then the work', () => {
    const said = 'Pagi kak, kolam koi di rumah udah keruh bgt, ijo gitu, mau dibersihin';
    assert.equal(matchService(said, services, 'id')?.id, 'pond_cleaning');
    assert.equal(
      matchService(
        'our koi pond at the back of the house has gone all green and murky, needs cleaning',
        services,
        'en',
      )?.id,
      'pond_cleaning',
    );
  });
  it("a not-offered phrase's words keep close: a story with a pool and some cleaning asks for no pool cleaning", () => {
    const notOffered = ['swimming pool cleaning'];
    const story = 'my swimming teacher says the pool water is bad, can you do some cleaning of it';
    assert.equal(notOfferedMatch(story, notOffered, 'en', services), undefined);
    assert.equal(
      notOfferedMatch('do you do swimming pool cleaning?', notOffered, 'en', services)?.item,
      notOffered[0],
    );
  });
});

describe('notOfferedMatch: pork and fishing asked in the customer’s language, listed in English', () => {
  it('"côtes de porc", "cerdo" are the pork a halal butcher does not sell', () => {
    const list = ['pork, ham, wild boar', 'fish and seafood'];
    assert.equal(notOfferedMatch('vous auriez des côtes de porc ?', list, 'fr')?.item, list[0]);
    assert.equal(notOfferedMatch('¿tenéis lomo de cerdo?', list, 'es')?.item, list[0]);
    assert.equal(notOfferedMatch('deux kilos de gigot d’agneau svp', list, 'fr'), undefined);
  });
  it('"oltalar bizde" asks for the fishing a dive centre does not run', () => {
    assert.equal(
      notOfferedMatch('4 kişiyiz, oltalar bizde, tekneyle çıkar mısınız', ['fishing'], 'tr')?.item,
      'fishing',
    );
    assert.equal(notOfferedMatch('tekne dalışı yapmak istiyoruz', ['fishing'], 'tr'), undefined);
  });
});

describe('matchService: an English name inside another language, spelled British or American', () => {
  const services: Array<{ id: string; names: Record<string, string[]> }> = [
    { id: 'snorkelling', names: { en: ['Snorkelling trip'], ar: ['رحلة سنوركل'] } },
    { id: 'guided_dives', names: { en: ['Guided boat dives'], ar: ['غوص من القارب مع مرشد'] } },
  ];
  it('"snorkeling" said in Arabizi is the "Snorkelling trip"', () => {
    const said = '3ayez a3mel snorkeling fi dahab el weekend el gai';
    assert.equal(matchService(said, services, 'ar')?.id, 'snorkelling');
  });
  it('a short word with a letter doubled is another word', () => {
    assert.equal(matchService('3ayez a3mel tripp', services, 'ar'), undefined);
  });
});

describe('matchService: the thing a name of another language is about, said by an English-speaking customer', () => {
  const services: Array<{ id: string; names: Record<string, string[]> }> = [
    {
      id: 'accessories',
      names: { id: ['Pasang crash guard'], ms: ['Pasang top box'], en: ['Accessory fitting'] },
    },
    { id: 'battery', names: { id: ['Ganti aki'], en: ['Battery replacement'] } },
  ];
  it('"crash guard" of "Pasang crash guard", "top box" of "Pasang top box"', () => {
    assert.equal(matchService('Bro can help fit crash guard for my NVX?', services, 'en')?.id, 'accessories');
    assert.equal(
      matchService('What will you charge to fit a Givi top box?', services, 'en')?.id,
      'accessories',
    );
  });
  it('one word of it, or a thing two names share, names none', () => {
    assert.equal(matchService('Is the guard at your gate?', services, 'en'), undefined);
    const shared = [...services, { id: 'boxes', names: { ms: ['Jual top box'] } }];
    assert.equal(matchService('What will you charge for a top box?', shared, 'en'), undefined);
  });
});

describe("matchArea: Arabizi's article and the 'ayn a name begins with", () => {
  const areas = [
    { id: 'al_ain', names: { en: ['Al Ain'], ar: ['العين'] } },
    { id: 'ajman', names: { en: ['Ajman'], ar: ['عجمان'] } },
  ];
  it('"fel 3ain", "el 3ain" are Al Ain; "3ajman" is Ajman', () => {
    assert.equal(matchArea('3indna 3aza el waldah fel 3ain', areas)?.id, 'al_ain');
    assert.equal(matchArea('ana saken el 3ain', areas)?.id, 'al_ain');
    assert.equal(matchArea('ana fi 3ajman', areas)?.id, 'ajman');
  });
  it('"3ain" alone (an eye, a spring) is no Al Ain', () => {
    assert.equal(matchArea('3ini feha 7aga', areas), undefined);
  });
});

describe('placesIn: a greeting, a misspelling and a car maker are no towns', () => {
  for (const [language, text] of [
    ['ar', 'hala'],
    ['pt', 'perto do shoping palladium'],
    ['ms', 'boleh pasang crash guard utk Honda RS150?'],
  ] as const)
    it(`${language}: "${text}" names no place`, () => {
      assert.deepEqual(placesIn(text, language), []);
    });
  it('a town said as a place still is one: "in Hamburg"', () => {
    assert.equal(placesIn('we are in Hamburg', 'en')[0]?.text, 'hamburg');
  });
});

describe('matchService: a German compound whose known last part is a weak one', () => {
  const services: Array<{ id: string; names: Record<string, string[]> }> = [
    { id: 'funeral_transport', names: { de: ['Leichenwagen innerhalb der Stadt'] } },
    { id: 'repatriation', names: { de: ['Überführung ins Heimatland'] } },
  ];
  it('"Leichenwagen" (a hearse), typed "leichnwagen", is the hearse service, not a car', () => {
    assert.equal(
      matchService('brauche leichnwagen vom krankenhaus zur moschee', services, 'de')?.id,
      'funeral_transport',
    );
  });
  it('a compound whose last part is specific still says it ("Winterreifen" are tyres)', () => {
    assert.ok(conceptsOf(['winterreifen'], 'de')[0]?.size);
  });
});

describe("notOfferedMatch: the thing named with a service's own word before it", () => {
  const services = [
    { id: 'septic_emptying', names: { en: ['Septic tank emptying'] } },
    { id: 'grease_trap', names: { en: ['Grease trap cleaning'] } },
  ];
  const list = ['water tank / toren cleaning'];
  it('"our septic tank was last cleaned" is no water tank cleaning', () => {
    assert.equal(
      notOfferedMatch('Our septic tank was last cleaned 4 years back', list, 'en', services),
      undefined,
    );
  });
  it('"clean our water tank" still is', () => {
    assert.equal(
      notOfferedMatch('Can you clean our water tank?', list, 'en', services)?.item,
      'water tank / toren cleaning',
    );
  });
});

describe('namesWhatItIsFor: a service word that only says what a not-offered thing is for', () => {
  it('tr: "düğün davetiyesi de basıyor musunuz" asks for invitations printed, no wedding', () => {
    const text = 'düğün davetiyesi de basıyor musunuz? 500 adet lazım';
    const read = notOfferedMatch(text, ['invitation printing'], 'tr');
    assert.equal(read?.item, 'invitation printing');
    assert.equal(namesWhatItIsFor(text, 'dugun', read?.span ?? ''), true);
  });
  it('es: "invitaciones de boda", the thing first', () => {
    assert.equal(namesWhatItIsFor('¿hacéis invitaciones de boda?', 'boda', 'invitaciones'), true);
  });
  it('a wedding asked for beside invitations said elsewhere is still one', () => {
    assert.equal(
      namesWhatItIsFor(
        'we want the hall for our wedding in June; invitations we print ourselves',
        'wedding',
        'invitations',
      ),
      false,
    );
  });
});

describe('matchService: an occasion named beside a thing for it', () => {
  const services: Array<{ id: string; names: Record<string, string[]> }> = [
    { id: 'wedding_hall', names: { de: ['Hochzeitssaal', 'Hochzeit'], tr: ['düğün salonu', 'düğün'] } },
    { id: 'music', names: { de: ['DJ', 'Live-Band'], tr: ['DJ', 'orkestra'] } },
    { id: 'catering', names: { de: ['Menü', 'Essen'] } },
  ];
  it('de: "einen DJ für unsere Hochzeit" asks for the DJ', () => {
    assert.equal(matchService('wir bräuchten einen DJ für unsere Hochzeit', services, 'de')?.id, 'music');
  });
  it('de: "das Essen pro Person … Hochzeit" asks for the food', () => {
    assert.equal(
      matchService('was kostet bei euch das Essen pro Person, Hochzeit mit 300 Leuten', services, 'de')?.id,
      'catering',
    );
  });
  it('de: the wedding alone is still the hall', () => {
    assert.equal(matchService('wir planen unsere Hochzeit im Juni', services, 'de')?.id, 'wedding_hall');
  });
});
