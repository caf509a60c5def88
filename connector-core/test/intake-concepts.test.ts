// Services named in another language than the owner wrote them in: the catalog's names read as
// language-neutral concepts (service-concepts.ts), only when nothing is named in the customer's words,
// never through a look-alike word of another language, and never by a word that fits many services.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AliasEntry, matchService, notOfferedMatch } from '../src/intake/match-catalog.ts';
import { conceptsOf } from '../src/intake/service-concepts.ts';
import { arabicRoot, arabicVerbRoots, tokens } from '../src/intake/text-normalize.ts';

/** The item of the not-offered list a message asks for. */
const matchNotOffered = (text: string, items: readonly string[], language?: string) =>
  notOfferedMatch(text, items, language)?.item;

const garage: AliasEntry[] = [
  { id: 'tyres', names: { en: ['tyre change'], de: ['Reifenwechsel'] } },
  { id: 'brakes', names: { en: ['brake repair'], ar: ['تصليح الفرامل'] } },
  { id: 'battery', names: { en: ['car battery'], de: ['Autobatterie'] } },
  { id: 'alignment', names: { en: ['wheel alignment'] } },
];

const solar: AliasEntry[] = [
  { id: 'panels', names: { pt: ['painéis solares'], en: ['solar panels'] } },
  { id: 'cleaning', names: { pt: ['limpeza de painéis'], en: ['panel cleaning'] } },
  { id: 'water_heater', names: { pt: ['aquecedor solar'], en: ['solar water heater'] } },
];

describe('matchService across languages', () => {
  it('a Spanish customer names solar panels the owner wrote in Portuguese and English', () => {
    assert.equal(matchService('quiero instalar paneles solares en mi casa', solar, 'es')?.id, 'panels');
  });

  it('the concept only one service has wins over concepts several share', () => {
    assert.equal(matchService('necesito limpieza de los paneles solares', solar, 'es')?.id, 'cleaning');
  });

  it('a German compound is read by its parts: Reifen + wechseln in Turkish words', () => {
    assert.equal(matchService('lastiklerimi değiştirmek istiyorum', garage, 'tr')?.id, 'tyres');
  });

  it('one specific word names the one service that has it ("akü")', () => {
    assert.equal(matchService('akü bitti araba çalışmıyor', garage, 'tr')?.id, 'battery');
  });

  it('Arabizi with French loanwords reads as the Arabic name', () => {
    assert.equal(matchService('bghit tasli7 dyal frein', garage, 'ar')?.id, 'brakes');
  });

  it('a word that fits many services names none ("ganti", "change")', () => {
    assert.equal(matchService('boleh ganti hari ini?', garage, 'ms'), undefined);
    assert.equal(matchService('can I change my appointment', garage, 'en'), undefined);
  });

  it('a look-alike word of another language is no concept: German "rot" is red, not Turkish alignment', () => {
    assert.equal(matchService('mein Auto ist rot', garage, 'de'), undefined);
    assert.equal(matchService('rot ayarı lazım', garage, 'tr')?.id, 'alignment');
  });

  it('a name said as written is not second-guessed by concepts', () => {
    const match = matchService('solar water heater please', solar, 'en');
    assert.equal(match?.id, 'water_heater');
    assert.notEqual(match?.evidence.kind, 'words');
  });
});

describe('matchService: what the owner says a service does', () => {
  // the names say what is done, the descriptions what it is done against
  const pests: AliasEntry[] = [
    {
      id: 'pest_control',
      names: { en: ['Pest control'], ar: ['مكافحة الحشرات'] },
      description: 'Spraying and gel treatment against cockroaches, ants and other crawling insects.',
    },
    {
      id: 'rodents',
      names: { en: ['Rodent control'] },
      description: 'Baiting and trapping of rats and mice in homes and shops.',
    },
    { id: 'cleaning', names: { en: ['Deep cleaning'] } },
  ];
  const appliances: AliasEntry[] = [
    { id: 'washer', names: { id: ['servis mesin cuci'], en: ['Washing machine repair'] } },
    { id: 'fridge', names: { id: ['servis kulkas'], en: ['Fridge repair'] } },
    { id: 'dishwasher', names: { id: ['servis mesin cuci piring'], en: ['Dishwasher repair'] } },
  ];

  it('a pest the description names, in any intake language, points to its one service', () => {
    assert.equal(matchService('عندنا صراصير وايد في المطبخ', pests, 'ar')?.id, 'pest_control');
    assert.equal(matchService('hay cucarachas en la cocina', pests, 'es')?.id, 'pest_control');
    assert.equal(matchService('ada tikus di gudang toko', pests, 'id')?.id, 'rodents');
  });

  it('a pointer from a description is weaker than a name', () => {
    const match = matchService('there are cockroaches in my kitchen', pests, 'en');
    assert.equal(match?.id, 'pest_control');
    assert.ok((match?.confidence ?? 1) <= 0.6, `confidence ${match?.confidence}`);
  });

  it('a concept two descriptions share names neither', () => {
    const both: AliasEntry[] = pests.map((entry) => ({ ...entry, description: 'against rats and mice' }));
    assert.equal(matchService('ada tikus di gudang toko', both, 'id'), undefined);
  });

  it('two services joined by "or" or "and" are not chosen between: the customer is asked', () => {
    assert.equal(matchService('bisa servis kulkas sama mesin cuci sekaligus?', appliances, 'id'), undefined);
    assert.equal(
      matchService('washing machine or dishwasher, which do you fix?', appliances, 'en'),
      undefined,
    );
    assert.equal(matchService('servis kulkas, rumah saya di Tebet', appliances, 'id')?.id, 'fridge');
  });

  it('the thing without the work: "mesin cuci" names the washing machine repair', () => {
    assert.equal(matchService('mesin cuci saya bunyi keras pas muter', appliances, 'id')?.id, 'washer');
    assert.equal(matchService('mesin cuci piring error E15', appliances, 'id')?.id, 'dishwasher');
    assert.equal(matchService('kulkasnya mati total', appliances, 'id')?.id, 'fridge');
  });
});

describe('names read by their concepts', () => {
  it('a name with a longer ending is another word, not an inflection ("Reifen|hotel" is not just tyres)', () => {
    const tyres = [
      { id: 'tyre_change', names: { de: ['Reifenwechsel'], en: ['tyre change'] } },
      { id: 'tyre_storage', names: { de: ['Reifenhotel'], en: ['tyre storage'] } },
    ];
    assert.equal(matchService('4 pneus neufs svp', tyres, 'fr'), undefined);
    assert.equal(matchService('vous gardez mes pneus pour l’hiver ?', tyres, 'fr')?.id, 'tyre_storage');
    assert.equal(matchService('changer les pneus', tyres, 'fr')?.id, 'tyre_change');
  });
  it('Darija verbs of changing, with French or Arabizi tyre words, name the tyre change', () => {
    const tyres = [
      { id: 'tyre_change', names: { ar: ['تبديل الكفرات'] } },
      { id: 'tyre_storage', names: { ar: ['تخزين الإطارات'] } },
    ];
    assert.equal(matchService('bghit nbeddel les pneus dyal tomobil', tyres, 'ar')?.id, 'tyre_change');
    assert.equal(matchService('abghi aghayyer el kafarat', tyres, 'ar')?.id, 'tyre_change');
  });
});

describe('matchNotOffered across languages', () => {
  const notOffered = ['air conditioning', 'swimming pool construction', 'piano moving'];

  it('an item the owner wrote in English is recognised in Spanish, French and Malay', () => {
    assert.equal(matchNotOffered('¿instalan aire acondicionado?', notOffered, 'es'), 'air conditioning');
    assert.equal(matchNotOffered('vous posez des climatiseurs ?', notOffered, 'fr'), 'air conditioning');
    assert.equal(matchNotOffered('boleh pindahkan piano saya?', notOffered, 'ms'), 'piano moving');
  });

  it('inflected and compound words of what is not offered ("abgeschleppt", "Beulen", "towed")', () => {
    const car = ['bodywork and paint (kaporta boya, Lackierung)', 'towing (çekici, Abschleppen)'];
    assert.equal(matchNotOffered('Mein Auto muss abgeschleppt werden', car, 'de'), car[1]);
    assert.equal(matchNotOffered('I need my car towed', car, 'en'), car[1]);
    assert.equal(matchNotOffered('Beulen entfernen an der Stoßstange', car, 'de'), car[0]);
  });

  it('"selling or buying cars" is selling cars and buying cars: two weak words together name it', () => {
    const cars = ['selling or buying cars', 'car or motorcycle transport'];
    assert.equal(matchNotOffered('Do you buy used cars?', cars, 'en'), cars[0]);
    assert.equal(matchNotOffered('Ich will mein Auto verkaufen, kauft ihr an?', cars, 'de'), cars[0]);
    assert.equal(matchNotOffered('do you sell batteries?', cars, 'en'), undefined);
    assert.equal(matchNotOffered('boleh hantar motosikal saya ke JB?', cars, 'ms'), cars[1]);
  });

  it('the roof as the place panels go is no roof work; damp through it is', () => {
    const roof = ['roof repair / waterproofing'];
    assert.equal(matchNotOffered('Quero pôr painéis no telhado', roof, 'pt'), undefined);
    assert.equal(matchNotOffered("I'd like a quote for rooftop solar", roof, 'en'), undefined);
    assert.equal(matchNotOffered('tenho infiltrações no telhado', roof, 'pt'), roof[0]);
    assert.equal(matchNotOffered('can you fix my roof?', roof, 'en'), roof[0]);
  });

  it('the owner’s qualifiers are not needed ("general electrical wiring", "EV chargers")', () => {
    const solarNotOffered = [
      'general electrical wiring',
      'EV chargers',
      'plumbing not related to our systems',
    ];
    assert.equal(
      matchNotOffered('fazem cablagem elétrica da casa?', solarNotOffered, 'pt'),
      'general electrical wiring',
    );
    assert.equal(
      matchNotOffered('¿instaláis cargador para coche eléctrico?', solarNotOffered, 'es'),
      'EV chargers',
    );
    assert.equal(
      matchNotOffered('vous êtes plombier ?', solarNotOffered, 'fr'),
      'plumbing not related to our systems',
    );
  });

  it('needs every word of the item: a piano mentioned without moving is no request for it', () => {
    assert.equal(matchNotOffered('o meu filho toca piano', notOffered, 'pt'), undefined);
  });
});

describe('matchService: a long alias is not found through one of its words', () => {
  const appliances: AliasEntry[] = [
    { id: 'fridge', names: { id: ['servis kulkas'] } },
    { id: 'dishwasher', names: { id: ['servis mesin cuci piring'] } },
  ];
  it('"servis kulkas" is the fridge, not the dishwasher whose alias also begins with "servis"', () => {
    assert.equal(matchService('servis kulkas di Bekasi bisa?', appliances, 'id')?.id, 'fridge');
  });
});

describe('services beyond the first trades, named in the customer’s language', () => {
  const clinic: AliasEntry[] = [
    { id: 'hair_transplant', names: { en: ['hair transplant'] } },
    { id: 'botox', names: { en: ['Botox'] } },
    { id: 'implants', names: { en: ['dental implants'] } },
    { id: 'whitening', names: { en: ['teeth whitening'] } },
    { id: 'braces', names: { en: ['braces / aligners'] } },
    { id: 'nose_job', names: { en: ['nose job'] } },
    { id: 'root_canal', names: { en: ['root canal'] } },
    { id: 'eye_test', names: { en: ['eye test'] } },
  ];
  const school: AliasEntry[] = [
    { id: 'swimming', names: { en: ['swimming lessons'] } },
    { id: 'driving', names: { en: ['driving lessons'] } },
    { id: 'dog_training', names: { en: ['dog training'] } },
    { id: 'english', names: { en: ['English classes'] } },
    { id: 'quran', names: { en: ['Quran classes'] } },
    { id: 'pet_cremation', names: { en: ['pet cremation'] } },
  ];

  it('clinic treatments the owner wrote in English, asked for in Turkish, Spanish, Portuguese, Arabic, Hinglish', () => {
    assert.equal(matchService('saç ekimi fiyatı ne kadar', clinic, 'tr')?.id, 'hair_transplant');
    assert.equal(matchService('زراعة شعر كم السعر', clinic, 'ar')?.id, 'hair_transplant');
    assert.equal(matchService('cuanto cuesta el bótox', clinic, 'es')?.id, 'botox');
    assert.equal(matchService('quanto custa implante dentário', clinic, 'pt')?.id, 'implants');
    assert.equal(matchService('blanqueamiento dental', clinic, 'es')?.id, 'whitening');
    assert.equal(matchService('pasang behel berapa', clinic, 'id')?.id, 'braces');
    assert.equal(matchService('rinoplastia precio', clinic, 'es')?.id, 'nose_job');
    assert.equal(matchService('mujhe root canal karwana hai', clinic, 'hi')?.id, 'root_canal');
    assert.equal(matchService('Wurzelbehandlung nötig', clinic, 'de')?.id, 'root_canal');
    assert.equal(matchService('mata saya merah, mau periksa', clinic, 'ms')?.id, 'eye_test');
  });

  it('lessons, training and pet services in Indonesian, Spanish, French, German, Turkish', () => {
    assert.equal(matchService('kelas renang untuk anak', school, 'id')?.id, 'swimming');
    assert.equal(matchService('Schwimmkurs für Kinder', school, 'de')?.id, 'swimming');
    assert.equal(matchService('les menyetir mobil', school, 'id')?.id, 'driving');
    assert.equal(matchService('ehliyet kursu', school, 'tr')?.id, 'driving');
    assert.equal(matchService('adiestramiento canino', school, 'es')?.id, 'dog_training');
    assert.equal(matchService('clases de inglés', school, 'es')?.id, 'english');
    assert.equal(matchService('ngaji untuk anak', school, 'id')?.id, 'quran');
    assert.equal(matchService('crémation', school, 'fr')?.id, 'pet_cremation');
  });

  it('a look-alike of another language names nothing: German "bald", Spanish "fue" and "mata", Turkish "gel"', () => {
    assert.equal(matchService('Ich brauche bald einen Termin', clinic, 'de'), undefined);
    assert.equal(matchService('fue ayer cuando llamé', clinic, 'es'), undefined);
    assert.equal(matchService('¿el producto mata cucarachas?', clinic, 'es'), undefined);
    const nails: AliasEntry[] = [{ id: 'nails', names: { en: ['gel nails'] } }];
    assert.equal(matchService('gel bakalım yarın', nails, 'tr'), undefined);
  });

  it('a broad word (lesson, appointment) names no service alone', () => {
    assert.equal(matchService('quiero reservar una clase', school, 'es'), undefined);
    assert.equal(matchService('boleh buat temujanji?', clinic, 'ms'), undefined);
  });
});

describe('matchService: a compound of the owner said in its parts', () => {
  const studio: AliasEntry[] = [
    { id: 'wedding', names: { de: ['Hochzeitsfotografie'] } },
    { id: 'passport', names: { de: ['Passbilder'] } },
  ];
  it('"Fotografen für unsere Hochzeit" is the Hochzeitsfotografie; "Fotos" alone is neither', () => {
    assert.equal(matchService('wir suchen Fotografen für unsere Hochzeit', studio, 'de')?.id, 'wedding');
    assert.equal(matchService('schöne Fotos von euch', studio, 'de'), undefined);
    assert.equal(matchService('wir brauchen neue Bilder', studio, 'de'), undefined);
  });
  it('beside another word of the name, a singular reads the plural ("print 50 photos" is "Photo prints")', () => {
    const prints: AliasEntry[] = [
      { id: 'photo', names: { en: ['Photo prints'] } },
      { id: 'poster', names: { en: ['Poster prints'] } },
      { id: 'passport', names: { en: ['Passport photos'] } },
    ];
    assert.equal(matchService('can you print 50 photos for me?', prints, 'en')?.id, 'photo');
    assert.equal(matchService('can you print it for me?', prints, 'en'), undefined);
  });
  it('a long last part alone is the compound: "caméra de surveillance" is the Vidéosurveillance', () => {
    const security: AliasEntry[] = [
      { id: 'cctv', names: { fr: ['Vidéosurveillance'] } },
      { id: 'wiring', names: { fr: ['Câblage caméras et interphones'] } },
    ];
    assert.equal(matchService('installer une caméra de surveillance', security, 'fr')?.id, 'cctv');
  });
});

describe('matchNotOffered: a coordination names each thing with the words they share', () => {
  const studio = ['live streaming of weddings or events', 'snake or wild animal removal'];
  it('"live streaming of weddings or events" is streaming of either, not every event', () => {
    assert.equal(matchNotOffered('need someone to shoot our company event', studio, 'en'), undefined);
    assert.equal(
      matchNotOffered('can you do live streaming of our events?', studio, 'en'),
      'live streaming of weddings or events',
    );
  });
  it('a thing that stands alone before the coordination is still named alone', () => {
    assert.equal(
      matchNotOffered('there is a snake in the garden', studio, 'en'),
      'snake or wild animal removal',
    );
  });
});

describe('matchNotOffered: items an owner wrote in English, asked for in any intake language', () => {
  const pets = [
    'dog training / obedience classes',
    'pet food, treats and accessories sales',
    'Mandarin / Chinese classes',
    'pet relocation / flights abroad',
    'exotic animals (reptiles, birds, rabbits, ferrets)',
  ];

  it('dog training, by its words in each language', () => {
    for (const [text, language] of [
      ['adiestramiento canino para mi perro', 'es'],
      ['köpeğim için itaat eğitimi var mı', 'tr'],
      ['ada kelas latihan anjing?', 'id'],
      ['kutte ki training karwani hai', 'hi'],
      ['Hundeschule für meinen Welpen?', 'de'],
      ['dressage pour mon chien', 'fr'],
    ] as const) {
      assert.equal(matchNotOffered(text, pets, language), pets[0], text);
    }
  });

  it('pet food, in Portuguese and Turkish words for food and pets', () => {
    assert.equal(matchNotOffered('vocês vendem ração para cachorros?', pets, 'pt'), pets[1]);
    assert.equal(matchNotOffered('kedi maması satıyor musunuz', pets, 'tr'), pets[1]);
    assert.equal(matchNotOffered('do you sell dog toys and collars?', pets, 'en'), pets[1]);
  });

  it('"Mandarin / Chinese classes" in Spanish, Indonesian, Arabic and a German compound', () => {
    assert.equal(matchNotOffered('quiero aprender chino', pets, 'es'), pets[2]);
    assert.equal(matchNotOffered('ada kelas mandarin untuk anak?', pets, 'id'), pets[2]);
    assert.equal(matchNotOffered('دروس صيني للاطفال', pets, 'ar'), pets[2]);
    assert.equal(matchNotOffered('Chinesischkurs für Anfänger', pets, 'de'), pets[2]);
  });

  it('a flight abroad and an exotic animal named by kind', () => {
    assert.equal(matchNotOffered('quiero llevar mi perro en avión al extranjero', pets, 'es'), pets[3]);
    assert.equal(matchNotOffered('kelinci saya sakit', pets, 'id'), pets[4]);
  });

  it('"selling puppies & kittens" is a puppy for sale, not any dog; "car sales" is no car', () => {
    const sales = ['selling puppies & kittens', 'car sales'];
    assert.equal(matchNotOffered('un chiot à vendre ?', sales, 'fr'), sales[0]);
    assert.equal(matchNotOffered('my dog is sick', sales, 'en'), undefined);
    assert.equal(matchNotOffered('my car is making a noise', sales, 'en'), undefined);
    assert.equal(matchNotOffered('quiero vender mi coche', sales, 'es'), sales[1]);
  });

  it('two broad words name nothing together: "emergency appointment" is not every urgent booking', () => {
    const items = ['emergency appointments', 'same-day emergency call-outs'];
    assert.equal(matchNotOffered('necesito una cita urgente', items, 'es'), undefined);
    assert.equal(matchNotOffered('bisa booking darurat?', items, 'id'), undefined);
  });

  it('the place of the work is not the work: a garden, a window, a bathroom, a key', () => {
    const items = ['gardening', 'window installation', 'pet bathing', 'locksmith'];
    assert.equal(matchNotOffered('hay hormigas en el jardín', items, 'es'), undefined);
    assert.equal(matchNotOffered('cucarachas en el baño', items, 'es'), undefined);
    assert.equal(matchNotOffered('we will leave the keys with the concierge', items, 'en'), undefined);
    assert.equal(matchNotOffered('¿hacen jardinería?', items, 'es'), 'gardening');
  });

  it('everyday words that look like an item are none: "seguro", "quinta-feira", "gelin", "gambar", "رسالة", "nai"', () => {
    assert.equal(matchNotOffered('no estoy seguro de la fecha', ['insurance'], 'es'), undefined);
    assert.equal(matchNotOffered('quiero seguros para el coche', ['insurance'], 'es'), 'insurance');
    assert.equal(matchNotOffered('podemos fazer na quinta-feira?', ['venue hire'], 'pt'), undefined);
    assert.equal(matchNotOffered('gelin bakın fiyat', ['bridal makeup'], 'tr'), undefined);
    assert.equal(matchNotOffered('saya kirim gambar rumahnya', ['drawing classes'], 'id'), undefined);
    assert.equal(matchNotOffered('ارسلت لكم رسالة امس', ['thesis writing'], 'ar'), undefined);
    assert.equal(matchNotOffered('bhai nai chahiye', ['barber'], 'hi'), undefined);
  });
});

describe('a broad word of the catalog still names its service', () => {
  it('"comida" and "klinik" are broad concepts, yet the one entry whose alias has them is named', () => {
    const catering: AliasEntry[] = [
      { id: 'corporate_lunch', names: { es: ['comida de empresa'] } },
      { id: 'wedding', names: { es: ['catering de bodas'] } },
    ];
    assert.equal(matchService('necesitamos comida para 40 personas', catering, 'es')?.id, 'corporate_lunch');
    const clinic: AliasEntry[] = [
      { id: 'clinic_visit', names: { tr: ['klinik ziyareti'] } },
      { id: 'home_visit', names: { tr: ['ev ziyareti'] } },
    ];
    assert.equal(matchService('kliniğe gelmek istiyorum', clinic, 'tr')?.id, 'clinic_visit');
  });
});

describe('a not-offered item is named by its own thing, not a weak word every customer says', () => {
  const drivingSchool = ['car repair or servicing', 'selling cars', 'motorcycle licence courses'];

  it('"car repair" read as its thing alone is "car": a lesson or a test-day car is no repair', () => {
    assert.equal(
      matchNotOffered('looking for a manual car instructor in Al Barsha', drivingSchool, 'en'),
      undefined,
    );
    assert.equal(matchNotOffered('can I use your car for the exam?', drivingSchool, 'en'), undefined);
  });

  it('the item named by its own words still is', () => {
    assert.equal(matchNotOffered('do you do car repair?', drivingSchool, 'en'), 'car repair or servicing');
    assert.equal(matchNotOffered('my car needs servicing', drivingSchool, 'en'), 'car repair or servicing');
    assert.equal(
      matchNotOffered('motorcycle licence course price?', drivingSchool, 'en'),
      'motorcycle licence courses',
    );
  });
});

describe('a DJ is music, not decoration', () => {
  const events: AliasEntry[] = [
    {
      id: 'decoration',
      names: { en: ['Birthday & wedding decoration'], ms: ['Deko hari jadi & perkahwinan'] },
    },
    { id: 'dj_sound', names: { en: ['DJ & sound system'], ms: ['DJ & sistem bunyi'] } },
  ];

  it('a DJ for a wedding is never the wedding decoration', () => {
    assert.notEqual(
      matchService('boleh sewa DJ untuk majlis kahwin di Shah Alam?', events, 'ms')?.id,
      'decoration',
    );
    assert.notEqual(matchService('looking for a DJ for a wedding reception', events, 'en')?.id, 'decoration');
  });

  it('decoration is still decoration', () => {
    assert.equal(matchService('balloon decorations for a birthday please', events, 'en')?.id, 'decoration');
  });
});

describe('a verb names the service its noun names', () => {
  const rentals: AliasEntry[] = [
    { id: 'mobility', names: { en: ['wheelchair and walker rental'] } },
    { id: 'painting', names: { en: ['interior painting'] } },
    { id: 'massage', names: { en: ['massage therapy'] } },
  ];

  it('"rent wheelchairs" is the wheelchair rental, "paint the interior" the interior painting', () => {
    assert.equal(matchService('do you rent wheelchairs? Marseille', rentals, 'en')?.id, 'mobility');
    assert.equal(matchService('we want to paint the interior of our flat', rentals, 'en')?.id, 'painting');
  });

  it('a word that merely begins like a word of the name is no verb of it ("renew")', () => {
    const rentalOnly = [
      { id: 'mobility', names: { en: ['wheelchair rental'] } },
      { id: 'other', names: { en: ['wheelchair repair'] } },
    ];
    assert.equal(matchService('I need to rent a wheelchair', rentalOnly, 'en')?.id, 'mobility');
    assert.notEqual(matchService('I need to renew a wheelchair', rentalOnly, 'en')?.id, 'mobility');
  });
});

describe('home care and rentals in the words customers use', () => {
  const care: AliasEntry[] = [
    { id: 'physio', names: { ar: ['الترويض الطبي'], en: ['physiotherapy'] } },
    { id: 'elderly', names: { en: ['elderly home care'], ar: ['رعاية المسنين في المنزل'] } },
    { id: 'nursing', names: { en: ['post-operative nursing'], fr: ['soins infirmiers post-opératoires'] } },
    { id: 'massage', names: { en: ['massage therapy'] } },
  ];
  const cars: AliasEntry[] = [
    { id: 'lessons', names: { ar: ['دروس قيادة'], en: ['driving lessons'] } },
    { id: 'rental', names: { ar: ['تأجير سيارات'], en: ['car rental'] } },
  ];

  it('a nurse, a dressing or a wound to change names the nursing visit', () => {
    assert.equal(matchService('عايز ممرضة تيجي البيت تغير على الجرح', care, 'ar')?.id, 'nursing');
    assert.equal(matchService('il faut changer ses pansements à la maison', care, 'fr')?.id, 'nursing');
    assert.equal(matchService('necesito una enfermera para mi padre', care, 'es')?.id, 'nursing');
  });

  it('someone for the elderly names elderly care', () => {
    assert.equal(matchService('procuro uma cuidadora para a minha mãe idosa', care, 'pt')?.id, 'elderly');
    assert.equal(matchService('aide pour une personne âgée à domicile', care, 'fr')?.id, 'elderly');
  });

  it('the Darija word for a physiotherapist', () => {
    assert.equal(matchService('بغيت شي كينيزي يجي للدار', care, 'ar')?.id, 'physio');
  });

  it('renting a car in Arabic verbs and Darija Arabizi', () => {
    assert.equal(matchService('بدي استأجر سيارة بهامبورغ', cars, 'ar')?.id, 'rental');
    assert.equal(matchService('bghit nkri tomobil f Dubai', cars, 'ar')?.id, 'rental');
    assert.equal(matchService('abi sayyara ijar', cars, 'ar')?.id, 'rental');
  });

  it('a car alone, or an old house, names none of them', () => {
    assert.equal(matchService('عندي سيارة جديدة', cars, 'ar'), undefined);
    assert.equal(matchService('ما maison est très grande', care, 'fr'), undefined);
  });
});

describe('matchNotOffered: a qualifier after a coordination qualifies every thing before it', () => {
  const locksmith = ['clés et serrures de voiture ou de moto (reproduction, ouverture de véhicule)'];

  it('"clés et serrures de voiture ou de moto" is car or motorbike keys and locks, not every key', () => {
    assert.equal(
      matchNotOffered("J'ai perdu mes clés, je ne peux pas rentrer chez moi", locksmith, 'fr'),
      undefined,
    );
    assert.equal(matchNotOffered("mes clés sont à l'intérieur", locksmith, 'fr'), undefined);
    assert.equal(matchNotOffered("j'ai perdu mes clés de voiture", locksmith, 'fr'), locksmith[0]);
    assert.equal(matchNotOffered('la serrure de moto est cassée', locksmith, 'fr'), locksmith[0]);
  });
});

describe('shut out of home names the door opening', () => {
  const locksmith: AliasEntry[] = [
    {
      id: 'door_opening',
      names: {
        fr: ['Ouverture de porte', 'Dépannage porte claquée'],
        en: ['Lockout service'],
        pt: ['Porta batida'],
      },
    },
    {
      id: 'lock_change',
      names: { fr: ['Changement de serrure'], en: ['Lock change'], pt: ['Troca de fechadura'] },
    },
  ];
  it('"enfermé dehors", "trancado fora", "ausgesperrt", "تسدت" are a lockout', () => {
    assert.equal(
      matchService("Je suis enfermé dehors, mes clés sont à l'intérieur", locksmith, 'fr')?.id,
      'door_opening',
    );
    assert.equal(matchService('Fiquei trancado fora de casa', locksmith, 'pt')?.id, 'door_opening');
    assert.equal(matchService('Ich habe mich ausgesperrt', locksmith, 'de')?.id, 'door_opening');
    assert.equal(matchService('الباب تسدت عليا', locksmith, 'ar')?.id, 'door_opening');
  });
  it('a lock to change is still the lock change', () => {
    assert.equal(matchService('je veux changer ma serrure', locksmith, 'fr')?.id, 'lock_change');
  });
});

describe('matchNotOffered: psychology in every intake language', () => {
  const clinic = ['psychology or psychotherapy', 'dentistry'];
  it('"psicología", "un psychologue", "psikolog" are the psychology the clinic does not offer', () => {
    assert.equal(matchNotOffered('¿Hacéis también psicología?', clinic, 'es'), clinic[0]);
    assert.equal(matchNotOffered('je cherche un psychologue pour mon fils', clinic, 'fr'), clinic[0]);
    assert.equal(matchNotOffered('ada psikolog juga?', clinic, 'id'), clinic[0]);
  });
  it('a physiotherapy asked for is none of them', () => {
    assert.equal(matchNotOffered('quiero fisioterapia para la espalda', clinic, 'es'), undefined);
  });
});

describe('event lighting, canopies and entertainers in the words customers use', () => {
  const events: AliasEntry[] = [
    { id: 'lighting', names: { id: ['Lighting panggung'], en: ['Event lighting'] } },
    { id: 'tent', names: { ms: ['Sewa khemah, meja & kerusi'], en: ['Tent & party furniture rental'] } },
    { id: 'entertainer', names: { en: ["Kids' party entertainers", 'Magician'] } },
    { id: 'decoration', names: { en: ['Birthday & wedding decoration'] } },
  ];
  it('"lampu" and "fairy lights" are the lighting; "kanopi" the tent; a magic show the magician', () => {
    assert.equal(matchService('mau pasang lampu tumblr buat acara lamaran', events, 'id')?.id, 'lighting');
    assert.equal(matchService('nak sewa kanopi untuk kenduri', events, 'ms')?.id, 'tent');
    assert.equal(matchService('magic show for my son', events, 'en')?.id, 'entertainer');
  });
  it('balloons are still the decoration', () => {
    assert.equal(matchService('balloons for the birthday', events, 'en')?.id, 'decoration');
  });
});

describe('Arabic verbs and verbal nouns of one root', () => {
  const locksmith: AliasEntry[] = [
    { id: 'lock_change', names: { ar: ['تبديل القفل'] } },
    { id: 'wiring', names: { ar: ['تمديد الأسلاك ديال الكاميرات'] } },
  ];
  const rental: AliasEntry[] = [{ id: 'car_rental', names: { ar: ['تأجير سيارات'] } }];
  it('"نبدل القفل" is the lock change named "تبديل القفل"; "نستأجر سيارة" the car rental', () => {
    assert.equal(matchService('بغيت نبدل القفل', locksmith, 'ar')?.id, 'lock_change');
    assert.equal(matchService('بغينا نستأجر سيارة', rental, 'ar')?.id, 'car_rental');
  });
  // the names of a carpet washer's two rug services as its owner wrote them: the concept of washing a rug is
  // said by both, so only the Arabic name's own words tell them apart
  const rugs: AliasEntry[] = [
    {
      id: 'carpet_washing',
      names: { ar: ['غسيل السجاد'], en: ['Carpet washing'], tr: ['Halı yıkama'], de: ['Teppichwäsche'] },
    },
    {
      id: 'handmade_rug_care',
      names: {
        ar: ['غسيل السجاد اليدوي والحرير'],
        en: ['Silk rug washing'],
        tr: ['İpek halı yıkama'],
        de: ['Seidenteppich-Wäsche'],
      },
    },
  ];
  it('a verb of the verbal noun "فعيل", in any person: "نغسل السجاد", "تغسلون سجاد؟" are "غسيل السجاد"', () => {
    assert.equal(matchService('ودنا نغسل السجاد كله قبل العيد', rugs, 'ar')?.id, 'carpet_washing');
    assert.equal(matchService('تغسلون سجاد؟', rugs, 'ar')?.id, 'carpet_washing');
  });
  it('the owner\'s article is not the customer\'s to write: "غسيل ٣ سجاد" is "غسيل السجاد"', () => {
    assert.equal(matchService('أبي غسيل ٣ سجاد يوم الخميس', rugs, 'ar')?.id, 'carpet_washing');
  });
  it('a word of another root with the same letters around ي is no verb of it: "غسيل" is not "حديد", "سرير"', () => {
    assert.equal(matchService('عندي سرير حديد', rugs, 'ar'), undefined);
    assert.equal(matchService('نغسل السيارة', rugs, 'ar'), undefined);
  });
  it('"ديال" (of) names no service of its own', () => {
    assert.equal(matchService('بغيت نعرف الثمن ديال الباب', locksmith, 'ar'), undefined);
  });
  it('arabicRoot tells the root of a pattern, and nothing of a word no pattern fits', () => {
    assert.equal(arabicRoot('تبديل'), 'بدل');
    assert.equal(arabicRoot('كنبدل'), 'بدل');
    assert.equal(arabicRoot('استئجار'), 'اجر');
    assert.equal(arabicRoot('للتنظيف'), 'نظف');
    assert.equal(arabicRoot('سياره'), undefined);
  });
});

describe('an Arabic verb says the concept of its root, in any person', () => {
  const concepts = (word: string) => [...(conceptsOf([word], 'ar')[0] ?? [])];
  it('"أنقل", "ننقل", "ينقلون" are moving; "تغسلو" washing; "يغلفون" packing; "أخزن" storage', () => {
    for (const word of ['أنقل', 'ننقل', 'ينقلون']) assert.deepEqual(concepts(word), ['move'], word);
    assert.deepEqual(concepts('تغسلو'), ['cleaning']);
    assert.deepEqual(concepts('يغلفون'), ['packing']);
    assert.deepEqual(concepts('أخزن'), ['storage']);
  });
  it('"بكرا" is tomorrow, not "كرا" (rent) after a "ب"', () => {
    assert.deepEqual(concepts('بكرا'), []);
    assert.deepEqual(concepts('كراء'), ['hire']);
  });
  it('everyday verbs say nothing: want, can, come, know, say', () => {
    for (const word of ['نبغى', 'تقدرو', 'تجيو', 'تعرف', 'نقول', 'يسكن'])
      assert.deepEqual(concepts(word), [], word);
  });
  it('arabicVerbRoots tries the word without its person ending first', () => {
    assert.deepEqual(arabicVerbRoots('ينقلون'), ['نقل']);
    assert.equal(arabicVerbRoots('تنظفو')[0], 'نظف');
    assert.deepEqual(arabicVerbRoots('سياره'), []);
  });
  it('a removals firm reads "أبي أنقل بيتي" as its home move', () => {
    const removals: AliasEntry[] = [
      { id: 'home_move', names: { ar: ['نقل عفش'], en: ['house moving'] } },
      { id: 'storage', names: { ar: ['تخزين الأثاث'], en: ['storage'] } },
    ];
    assert.equal(matchService('السلام عليكم، أبي أنقل بيتي الأسبوع الجاي', removals, 'ar')?.id, 'home_move');
  });
});

describe('a German compound says what its last part says', () => {
  const concepts = (word: string) => [...(conceptsOf(tokens(word), 'de')[0] ?? [])];
  it('"Winterreifen", "Ganzjahresreifen" are tyres; "Außenwäsche" a wash; "Gartenpflege" gardening', () => {
    assert.deepEqual(concepts('Winterreifen'), ['tyre']);
    assert.deepEqual(concepts('Ganzjahresreifen'), ['tyre']);
    assert.deepEqual(concepts('Außenwäsche'), ['cleaning']);
    assert.deepEqual(concepts('Gartenpflege'), ['gardening']);
  });
  it('a garage reads "4 neue Winterreifen inklusive Montage" as its tyre service', () => {
    const garage: AliasEntry[] = [
      { id: 'tyre_service', names: { de: ['Reifenwechsel', 'Reifenreparatur'] } },
      { id: 'car_wash', names: { de: ['Autowäsche', 'Innenreinigung'] } },
    ];
    assert.equal(
      matchService('Was kosten 4 neue Winterreifen inklusive Montage?', garage, 'de')?.id,
      'tyre_service',
    );
    assert.equal(matchService('heute um 17 Uhr Außenwäsche möglich?', garage, 'de')?.id, 'car_wash');
  });
});

describe('a not-offered item that restates the trade', () => {
  const removals: AliasEntry[] = [
    { id: 'home_move', names: { en: ['home move', 'house moving'] } },
    { id: 'office_move', names: { en: ['office move'] } },
  ];
  const cleaners: AliasEntry[] = [{ id: 'cleaning', names: { en: ['regular home cleaning'] } }];
  it('"moves to or from cities we do not serve" is asked by no one who is moving', () => {
    const items = ['moves to or from cities we do not serve', 'pet transport'];
    assert.equal(
      notOfferedMatch("we're moving from Deira to Mirdif after Eid", items, 'en', removals),
      undefined,
    );
    assert.equal(notOfferedMatch('need my piano moved next week', items, 'en', removals), undefined);
  });
  it('a word the services do not have keeps the item: "deep cleaning" at a firm that cleans homes', () => {
    assert.equal(
      notOfferedMatch('do you do a deep cleaning after renovation?', ['deep cleaning'], 'en', cleaners)?.item,
      'deep cleaning',
    );
    assert.equal(
      notOfferedMatch('can you move my car to Penang?', ['moving cars or motorbikes'], 'en', removals)?.item,
      'moving cars or motorbikes',
    );
  });
});

describe('an Egyptian Arabizi wedding', () => {
  it('"3ayez mosawer lel fara7" is the wedding photographer', () => {
    const studio: AliasEntry[] = [
      { id: 'wedding', names: { ar: ['تصوير الأعراس'], en: ['Wedding photography'] } },
      { id: 'passport', names: { en: ['Passport photos'] } },
    ];
    assert.equal(matchService('3ayez mosawer lel fara7', studio, 'ar')?.id, 'wedding');
  });
});

describe('English names in another language, acronyms spelled in Devanagari, a word built on another', () => {
  const water: AliasEntry[] = [
    { id: 'tank_cleaning', names: { en: ['Water tank cleaning'], hi: ['टंकी सफ़ाई'] } },
    { id: 'tanker', names: { en: ['Water tanker delivery'], hi: ['पानी का टैंकर'] } },
    { id: 'ro_service', names: { en: ['RO service'], hi: ['आरओ सर्विस'] } },
    { id: 'ro_install', names: { en: ['RO purifier installation'], hi: ['आरओ प्यूरीफायर लगवाना'] } },
  ];

  it('Hinglish says an English name with its own words between: "RO ki service karwani hai"', () => {
    assert.equal(matchService('bhai RO ki service karwani hai', water, 'hi')?.id, 'ro_service');
  });

  it('an English name is read only as English spells it, never by a look-alike stem', () => {
    // the Spanish words are not the English alias "solar panels": the concepts read them (see above)
    assert.equal(matchService('necesito limpieza de los paneles solares', solar, 'es')?.id, 'cleaning');
    // one English word of a longer name says nothing by itself in another language
    assert.equal(matchService('naya RO lagwana hai', water, 'hi')?.id, undefined);
  });

  it('"RO" in Devanagari text is the "आरओ" of the name, and "CCTV" the "सीसीटीवी"', () => {
    assert.equal(matchService('नमस्ते, RO सर्विस चाहिए', water, 'hi')?.id, 'ro_service');
    const cameras: AliasEntry[] = [
      { id: 'cctv', names: { hi: ['सीसीटीवी कैमरा'] } },
      { id: 'ip', names: { hi: ['आईपी कैमरा'] } },
    ];
    assert.equal(matchService('CCTV कैमरा लगवाना है', cameras, 'hi')?.id, 'cctv');
    assert.equal(matchService('IP कैमरा चाहिए', cameras, 'hi')?.id, 'ip');
  });

  it('"tanker" is its own word, not the stem "tank" of another service', () => {
    assert.equal(matchService('Tanker needed', water, 'en')?.id, 'tanker');
    assert.equal(matchService('our tank needs cleaning', water, 'en')?.id, 'tank_cleaning');
  });
});

describe('Malay and Indonesian words are read by their root, whatever their affixes', () => {
  const filters: AliasEntry[] = [
    { id: 'install', names: { ms: ['Pemasangan penapis air'], id: ['Pemasangan filter air'] } },
    { id: 'service', names: { ms: ['Servis penapis air'], id: ['Servis filter air'] } },
  ];
  it('"pasang" is the "pemasangan" of the name: the installation, not the service', () => {
    assert.equal(matchService('Nak pasang penapis air kat rumah baru', filters, 'ms')?.id, 'install');
    assert.equal(matchService('mau dipasangkan filter air di dapur', filters, 'id')?.id, 'install');
  });
  it('a filter that leaks is its service: no word of installing is said', () => {
    assert.equal(matchService('penapis air saya bocor', filters, 'ms')?.id, 'service');
  });
});

describe('fuel is a concept of its own', () => {
  const roadside: AliasEntry[] = [
    { id: 'fuel', names: { en: ['Fuel delivery', 'Out of fuel'] } },
    { id: 'jump', names: { en: ['Jump start'] } },
    { id: 'towing', names: { en: ['Towing'] } },
  ];
  it('"Ran out of petrol", "benzinim bitti", "Sprit alle, Diesel bringen" ask for the fuel delivery', () => {
    assert.equal(matchService('Ran out of petrol. I am here.', roadside, 'en')?.id, 'fuel');
    assert.equal(
      matchService('benzinim bitti, bidonla benzin getirebilir misiniz', roadside, 'tr')?.id,
      'fuel',
    );
    assert.equal(matchService('Sprit alle. Könnt ihr Diesel bringen?', roadside, 'de')?.id, 'fuel');
  });
  it('panels and cooking oil are no fuel', () => {
    for (const [word, language] of [
      ['solar', 'id'],
      ['minyak', 'ms'],
      ['tel', 'hi'],
    ] as const)
      assert.ok(!conceptsOf([word], language)[0]?.has('fuel'), word);
  });
});

describe('the worker and the work are one word of the trade', () => {
  it('"send a plumber" asks for the plumbing a water company does not do', () => {
    const items = ['plumbing repairs, leaking pipes or taps', 'digging borewells or wells'];
    assert.equal(matchNotOffered('Can you send a plumber? Al Majaz, Sharjah.', items, 'en'), items[0]);
  });
  it('"a cleaner", "movers" name the cleaning and the moving', () => {
    const home: AliasEntry[] = [
      { id: 'cleaning', names: { en: ['Home cleaning'] } },
      { id: 'moving', names: { en: ['Home moving'] } },
    ];
    assert.equal(matchService('I need a cleaner for my flat on Friday', home, 'en')?.id, 'cleaning');
    assert.equal(matchService('looking for movers next week', home, 'en')?.id, 'moving');
    const lab: AliasEntry[] = [
      { id: 'testing', names: { en: ['Water quality testing'] } },
      { id: 'tanks', names: { en: ['Water tank cleaning'] } },
    ];
    assert.equal(
      matchService('the tap water smells odd, would like to get it tested', lab, 'en')?.id,
      'testing',
    );
    // a word and another made of it are two words ("tank" is no "tanking")
    assert.equal(matchService('my home needs a tank', home, 'en')?.id, undefined);
  });
});

describe('an English word of one service said inside another language', () => {
  const water: AliasEntry[] = [
    { id: 'testing', names: { en: ['Water quality testing'], hi: ['पानी की जांच'] } },
    { id: 'tanker', names: { en: ['Water tanker delivery'], hi: ['पानी का टैंकर'] } },
    { id: 'bottles', names: { en: ['19L bottled water'], hi: ['पानी की बोतल'] } },
  ];
  it('"paani ki testing", "ek tanker chahiye" name the service whose English name has the word', () => {
    assert.equal(matchService('ek baar paani ki testing karwani hai', water, 'hi')?.id, 'testing');
    assert.equal(matchService('Noida me ek tanker chahiye kal subah', water, 'hi')?.id, 'tanker');
  });
  it("the customer's own language is read first: a German battery check is the battery service", () => {
    const garage: AliasEntry[] = [
      { id: 'battery', names: { de: ['Batterietest', 'Batteriewechsel'], en: ['Battery test'] } },
      { id: 'inspection', names: { de: ['Gebrauchtwagencheck'], en: ['Used car check'] } },
    ];
    assert.equal(matchService('Guten Abend, macht ihr auch Batterie-Check?', garage, 'de')?.id, 'battery');
  });
});

describe('a name in the language a customer mixes in: French in Maghrebi Arabic, German and Turkish', () => {
  const stable: AliasEntry[] = [
    { id: 'lessons', names: { fr: ["cours d'équitation", 'cours particuliers'], ar: ['دروس ركوب الخيل'] } },
    { id: 'rides', names: { fr: ['balades à cheval', 'balade sur la plage'], ar: ['جولة بالخيل'] } },
  ];
  it('"cours dyal l3wd", "balade f la plage" name the service whose French name has the words', () => {
    assert.equal(matchService('salam, wach 3ndkom cours dyal l3wd l kbar?', stable, 'ar')?.id, 'lessons');
    assert.equal(matchService('bghit ndir balade b l3wd f la plage ghda', stable, 'ar')?.id, 'rides');
  });
  it("a Turkish-German customer's German word in Turkish", () => {
    const clinic: AliasEntry[] = [
      { id: 'repair', names: { de: ['Hörgeräte Reparatur'], tr: ['işitme cihazı tamiri'] } },
      { id: 'skin', names: { de: ['Hautpflege'], tr: ['cilt bakımı'] } },
    ];
    assert.equal(matchService("Hörgeräte lazım, Köln'deyiz", clinic, 'tr')?.id, 'repair');
    assert.equal(matchService('Hautpflege yaptırabilir miyim?', clinic, 'tr')?.id, 'skin');
  });
  it('French names are no loans outside Arabic: a Spanish "curso" is no French "cours"', () => {
    assert.equal(matchService('quiero un curso de cocina', stable, 'es'), undefined);
  });
});

describe('an Arabic-script word of one service said in Arabizi', () => {
  const cleaner: AliasEntry[] = [
    { id: 'mattress', names: { ar: ['تنظيف المراتب', 'تعقيم المراتب'] } },
    { id: 'sofa', names: { ar: ['تنظيف الكنب'] } },
  ];
  const metal: AliasEntry[] = [
    { id: 'railings', names: { ar: ['حماية شبابيك', 'درابزين بلكونة'] } },
    { id: 'gates', names: { ar: ['بوابات حديد'] } },
  ];
  it('"marateb", "drabzeen" are the consonants of "المراتب", "درابزين"', () => {
    assert.equal(matchService('3indi 2 marateb abi tan6eefhom', cleaner, 'ar')?.id, 'mattress');
    assert.equal(matchService('hala, bade drabzeen lal balcona', metal, 'ar')?.id, 'railings');
  });
  it('an English word of one service written in Arabic script: "تانكر" is the "tanker"', () => {
    const water: AliasEntry[] = [
      { id: 'tanker', names: { en: ['Water tanker delivery'], ar: ['وايت ماء'] } },
      { id: 'bottles', names: { en: ['19L bottled water'], ar: ['قوارير مياه'] } },
    ];
    assert.equal(matchService('ابغى تانكر ماي حلو للفيلا', water, 'ar')?.id, 'tanker');
  });
  it('three consonants are too few to tell a word by ("kanab" of "الكنب" is read no other way)', () => {
    assert.equal(matchService('ana 3indi kalb', cleaner, 'ar'), undefined);
  });
});

describe('a Hindi name in Devanagari said in Hinglish', () => {
  const water: AliasEntry[] = [
    { id: 'install', names: { hi: ['आरओ प्यूरीफायर लगवाना'] } },
    { id: 'service', names: { hi: ['आरओ सर्विस'] } },
    { id: 'bottles', names: { hi: ['पानी की बोतल'] } },
  ];
  it('"naya RO purifier lagwana hai" is the installation, "paani ki bottle chahiye" the bottles', () => {
    assert.equal(matchService('sir mujhe naya RO purifier lagwana hai', water, 'hi')?.id, 'install');
    assert.equal(matchService('paani ki bottle chahiye thi, bees litre wali', water, 'hi')?.id, 'bottles');
  });
  it('two consonants are too few to tell a word: "bn" of "paani" alone names nothing', () => {
    assert.equal(matchService('paani', water, 'hi')?.id, undefined);
  });
});

describe('Arabizi with other vowels than the forms have', () => {
  it('"tanzeef" is the تنظيف of cleaning, "tasleeh" the تصليح of repair, by their consonants', () => {
    assert.ok(conceptsOf(['tanzeef'], 'ar')[0]?.has('cleaning'));
    assert.ok(conceptsOf(['eltanzeef'], 'ar')[0]?.has('cleaning'));
    assert.ok(conceptsOf(['tasleeh'], 'ar')[0]?.has('repair'));
  });
  it('three consonants are too few: "bukra" is tomorrow, not بقرة; "ta3qeem" no تقويم', () => {
    assert.deepEqual(conceptsOf(['bukra'], 'ar')[0], new Set());
    assert.ok(!conceptsOf(['ta3qeem'], 'ar')[0]?.has('braces'));
  });
});

describe('a weak word beside a specific one, and a Hinglish word alone', () => {
  const water: AliasEntry[] = [
    {
      id: 'tanker',
      names: { ms: ['Lori tangki air', 'Hantar air dengan lori tangki'], en: ['Water tanker delivery'] },
    },
    {
      id: 'bottles',
      names: {
        ms: ['Langganan air botol 19L', 'Dispenser air'],
        en: ['19L bottled water', 'Water dispenser'],
      },
    },
  ];
  it('"hantar 4 botol air": the bottles, not the delivery "hantar" is a weak word of', () => {
    assert.equal(matchService('boleh hantar 4 botol air 19 liter sebulan?', water, 'ms')?.id, 'bottles');
    assert.equal(
      matchService('one 19 litre gallon delivered, and do you lend a dispenser?', water, 'en')?.id,
      'bottles',
    );
  });
  it('"bottle" said in another language is the "bottled" of the English name', () => {
    assert.equal(matchService('Bottle wala plan lena hai, Sharjah me', water, 'hi')?.id, 'bottles');
  });
  it('alone, a Hinglish word needs four consonants: "saaman" is everyone\'s goods', () => {
    const movers: AliasEntry[] = [
      { id: 'heavy', names: { hi: ['भारी सामान शिफ्टिंग'] } },
      { id: 'home', names: { hi: ['घर शिफ्टिंग'] } },
    ];
    assert.equal(
      matchService('Dubai se Kerala ghar ka saaman bhejna hai ship se', movers, 'hi')?.id,
      undefined,
    );
  });
});

describe('a not-offered work on the things it lists in brackets', () => {
  const appliances = 'repairing household appliances (washing machines, dishwashers, ovens, fridges)';
  const goods = 'dangerous goods (gas cylinders, fuel, chemicals)';
  it('is that work on each thing: a fridge named in passing asks for no repair', () => {
    assert.equal(
      matchNotOffered("half our sockets died last night, the fridge is on one of them and it's off now", [
        appliances,
      ]),
      undefined,
    );
    assert.equal(
      matchNotOffered('Kühlschrank und Heizung sind aus, der Strom ist weg', [appliances], 'de'),
      undefined,
    );
  });
  it('the work said with the thing still names the item, in any language', () => {
    assert.equal(matchNotOffered('can you fix my fridge?', [appliances], 'en'), appliances);
    assert.equal(matchNotOffered('do you repair washing machines', [appliances], 'en'), appliances);
    assert.equal(matchNotOffered('buzdolabım bozuldu, tamir eder misiniz', [appliances], 'tr'), appliances);
  });
  it('brackets after a thing, not a work, are things in themselves: a gas cylinder is not carried', () => {
    assert.equal(matchNotOffered('can you deliver a gas cylinder to Deira?', [goods], 'en'), goods);
  });
});

describe("a word of the business's own service names is its trade, not a not-offered item", () => {
  const electrician: AliasEntry[] = [
    { id: 'rewiring', names: { tr: ['Elektrik tesisatı yenileme'], en: ['Rewiring'] } },
    { id: 'sockets', names: { tr: ['Priz montajı'], en: ['New sockets'] } },
  ];
  const items = ['plumbing and general building work'];
  it('"tesisat" at an electrician whose rewiring is "Elektrik tesisatı yenileme" is no plumbing', () => {
    const text = 'annemin evi 40 yıllık, tesisat komple eski, tamamen yenilemek istiyoruz';
    assert.equal(notOfferedMatch(text, items, 'tr', electrician), undefined);
    assert.equal(notOfferedMatch(text, items, 'tr')?.item, items[0]);
  });
});

describe('something that stopped working asks for the fault-finding and repair', () => {
  const electrician: AliasEntry[] = [
    { id: 'fault_repair', names: { en: ['Fault finding and repairs'], tr: ['Arıza tespiti ve onarım'] } },
    {
      id: 'sockets_lights',
      names: { en: ['New sockets, switches and lights'], tr: ['Priz ve aydınlatma montajı'] },
    },
    { id: 'rewiring', names: { en: ['Rewiring', 'Fuse box upgrade'], tr: ['Sigorta kutusu değişimi'] } },
  ];
  it('not the thing a word of the message names, in any language', () => {
    for (const [language, text] of [
      ['en', 'half our sockets died after the storm, the fridge is off'],
      ['tr', 'mutfaktaki prizlerin hiçbiri çalışmıyor'],
      ['tr', 'evin yarısında elektrik yok, sigorta sürekli atıyor'],
      ['pt', 'caiu a energia só no quarto'],
      ['de', 'seit gestern fliegt ständig die Sicherung raus'],
    ] as const)
      assert.equal(matchService(text, electrician, language)?.id, 'fault_repair', text);
  });
  it('a thing asked for as new stays; so does a named repair of a specific thing', () => {
    assert.equal(
      matchService('I need three new sockets in the living room', electrician, 'en')?.id,
      'sockets_lights',
    );
    const garage: AliasEntry[] = [
      { id: 'brakes', names: { en: ['Brake repair'] } },
      { id: 'battery', names: { en: ['Car battery replacement'] } },
    ];
    assert.equal(matchService('my battery died this morning', garage, 'en')?.id, 'battery');
  });
});

describe("two services' words side by side are one thing, named by its modifier", () => {
  const caterer: AliasEntry[] = [
    { id: 'lunch', names: { en: ['Office lunch boxes'], id: ['Nasi kotak kantor'] } },
    { id: 'ramadan', names: { en: ['Iftar & suhoor packages'], id: ['Paket buka puasa'] } },
  ];
  it('"iftar boxes" are the iftar packages, not the lunch boxes', () => {
    assert.equal(matchService('Hi! Iftar boxes for 25 staff tomorrow please', caterer, 'en')?.id, 'ramadan');
  });
  it('Indonesian puts the modifier after the thing: "kotak puasa" is the fast-breaking package', () => {
    assert.equal(matchService('mau pesan kotak puasa 20 ya', caterer, 'id')?.id, 'ramadan');
  });
});

describe('English words written in Devanagari', () => {
  it('"कुकिंग क्लास" asks for the cooking classes the business does not give', () => {
    const items = ['cooking classes', 'renting venues or halls'];
    assert.equal(matchNotOffered('क्या आप कुकिंग क्लास भी चलाते हैं?', items, 'hi'), 'cooking classes');
  });
  it('a Hindi word with the same few consonants is none: "क्या" is no "key"', () => {
    assert.equal(matchNotOffered('क्या आप आज आ सकते हैं?', ['key cutting'], 'hi'), undefined);
  });
});

describe("a word's plural names one service over a looser stem of another's", () => {
  const electrician: AliasEntry[] = [
    { id: 'sockets_lights', names: { en: ['New sockets, switches and lights'] } },
    { id: 'outdoor', names: { en: ['Outdoor and garden lighting'] } },
    { id: 'rewiring', names: { en: ['Rewiring'] } },
  ];
  it('"a ceiling light" is the "lights" of the new sockets and lights, not the outdoor "lighting"', () => {
    const text = 'two extra sockets in the home office and a ceiling light in the hall';
    assert.equal(matchService(text, electrician, 'en')?.id, 'sockets_lights');
  });
  it('"garden lighting" is still the outdoor lighting', () => {
    assert.equal(matchService('lighting for the garden path', electrician, 'en')?.id, 'outdoor');
  });
});

describe('sending, in every intake language, and animals in Egyptian Arabizi', () => {
  const forwarder: AliasEntry[] = [
    { id: 'parcel', names: { en: ['Parcel abroad'], tr: ['Yurt dışına koli'] } },
    { id: 'documents', names: { en: ['Express documents'] } },
  ];
  const items = ['shipping cars or motorbikes', 'animals and pets'];
  it('"Arabamı Almanya\'ya göndermek istiyorum" asks for shipping a car; "el otta" is a pet', () => {
    assert.equal(
      notOfferedMatch("Arabamı Almanya'ya göndermek istiyorum, fiyat ne olur?", items, 'tr', forwarder)?.item,
      'shipping cars or motorbikes',
    );
    assert.equal(
      notOfferedMatch('3ayez ab3at el otta bta3ti masr, momken?', items, 'ar', forwarder)?.item,
      'animals and pets',
    );
  });
  it('a parcel sent, or a car named without sending it, asks for neither', () => {
    assert.equal(notOfferedMatch("Almanya'ya koli göndermek istiyorum", items, 'tr', forwarder), undefined);
    assert.equal(notOfferedMatch('arabamla gelip koliyi bırakırım', items, 'tr', forwarder), undefined);
  });
});

describe('an English plural in -ies names the service in -y', () => {
  const care: AliasEntry[] = [
    { id: 'night', names: { en: ['Night nanny'] } },
    { id: 'care', names: { en: ['Newborn night care'] } },
  ];
  it('"night nannies" is the night nanny; "nanny" of "nannies" either way, and "nan" no nanny', () => {
    const nannies = matchService('Do you do night nannies in Dubai Marina?', care, 'en');
    assert.equal(nannies?.id, 'night');
    // both words of the name, read as its words, not one word guessed through its typos
    assert.equal(nannies?.evidence.kind === 'words' ? nannies.evidence.span : undefined, 'night nannies');
    assert.equal(
      matchService('one nanny for twins?', [{ id: 'n', names: { en: ['Twin nannies'] } }], 'en')?.id,
      'n',
    );
    assert.equal(matchService('nan bread for dinner', care, 'en'), undefined);
  });
});

describe('one who sells online, in every intake language', () => {
  const forwarder: AliasEntry[] = [
    { id: 'shop', names: { en: ['Shipping for online sellers'], ar: ['شحن للمتاجر الإلكترونية'] } },
    { id: 'parcel', names: { en: ['Parcel abroad'] } },
  ];
  it('"I sell on Etsy", "متجر في انستقرام" are the online sellers\' shipping; "a parcel abroad" is not', () => {
    assert.equal(
      matchService('I sell on Etsy, need pickup and labels for my orders', forwarder, 'en')?.id,
      'shop',
    );
    assert.equal(
      matchService('عندي متجر في انستقرام أبيع عبايات، أبي أحد يستلم الطلبات ويشحنها', forwarder, 'ar')?.id,
      'shop',
    );
    assert.equal(matchService('send a parcel abroad', forwarder, 'en')?.id, 'parcel');
  });
});

describe('a store that is a shop', () => {
  const items = ['storage or warehousing'];
  it('"I run a small online store" asks for no storage; "can you store my boxes for 3 months" does', () => {
    assert.equal(
      notOfferedMatch('I run a small online store and need pickup and labels', items, 'en'),
      undefined,
    );
    assert.equal(
      notOfferedMatch('can you store my boxes for 3 months?', items, 'en')?.item,
      'storage or warehousing',
    );
  });
});

describe("a word several services have is theirs, not a looser stem of one service's word", () => {
  const tiler: AliasEntry[] = [
    { id: 'tiling', names: { fr: ['pose de carrelage sol et mur'] } },
    { id: 'grout', names: { fr: ['nettoyage des joints de carrelage'] } },
    { id: 'repair', names: { fr: ['réparation de carreaux cassés ou décollés'] } },
  ];
  it('"poser du carrelage", "carreler la terrasse" are no tile repair (all three say tiles); "deux carreaux cassés" is', () => {
    assert.equal(matchService('je veux poser du carrelage dans la cuisine', tiler, 'fr')?.id, undefined);
    assert.equal(matchService('je voudrais carreler ma terrasse', tiler, 'fr')?.id, undefined);
    assert.equal(matchService("j'ai deux carreaux cassés dans la cuisine", tiler, 'fr')?.id, 'repair');
  });
});

describe('floors: laminate, vinyl, parquet, sanding, varnish, grout and showers in every language', () => {
  const floors: AliasEntry[] = [
    { id: 'tiling', names: { en: ['floor and wall tiling'], pt: ['pavimento cerâmico'] } },
    { id: 'laminate', names: { en: ['laminate flooring', 'vinyl flooring'], pt: ['pavimento flutuante'] } },
    { id: 'sanding', names: { en: ['wood floor sanding and varnishing'], fr: ['ponçage de parquet'] } },
    { id: 'grout', names: { en: ['grout cleaning', 're-grouting'], pt: ['limpeza de juntas'] } },
    { id: 'repair', names: { en: ['broken or loose tile repair'] } },
    { id: 'shower', names: { en: ['walk-in shower tiling'], es: ['plato de ducha de obra'] } },
  ];
  it('names a floor service by its own words in another language than the owner wrote', () => {
    assert.equal(matchService('queria colocar piso laminado na sala', floors, 'pt')?.id, 'laminate');
    assert.equal(matchService('Queria fazer rejunte novo no banheiro todo', floors, 'pt')?.id, 'grout');
    assert.equal(matchService('le parquet est tout rayé, on veut le poncer', floors, 'fr')?.id, 'sanding');
  });
  it('"floorboards" (of two names\' "floor") is not the "flooring" of one; "sanding" names the sanding', () => {
    assert.equal(
      matchService('could you quote for sanding some old oak floorboards?', floors, 'en')?.id,
      'sanding',
    );
    assert.equal(matchService('sand and re-varnish the pine floorboards', floors, 'en')?.id, 'sanding');
  });
});

describe('a rental named without "hire"; "with" names no service', () => {
  const sound: AliasEntry[] = [
    {
      id: 'sound',
      names: { en: ['sound system hire', 'PA system with technician'], ms: ['sewa sound system'] },
    },
    { id: 'mic', names: { en: ['small PA for speeches', 'microphones for talks'] } },
    { id: 'dj', names: { en: ['wedding DJ', 'party DJ'] } },
    { id: 'light', names: { en: ['stage lighting', 'event lighting'] } },
  ];
  it('"send a sound system" at a wedding is the sound system hire, not the wedding DJ', () => {
    const text =
      'Our speakers blew in the middle of the wedding reception. Can you send a sound system with a tech?';
    assert.equal(matchService(text, sound, 'en')?.id, 'sound');
  });
  it('"the small PA with 2 mics" is the small PA: its "with" is no word of the technician\'s PA', () => {
    assert.equal(matchService('How much for the small PA with 2 mics?', sound, 'en')?.id, 'mic');
  });
});

describe('selling what the business only fits, asked in Darija, Arabizi and English', () => {
  const items = ['selling tiles or materials without fitting them'];
  it('"wach katbi3o zellij?", "تبيعون زليج؟", "do you sell tiles?" ask for what is not offered', () => {
    for (const [text, language] of [
      ['wach katbi3o zellij? bghit ghir nchri 30 metre', 'ar'],
      ['تبيعون زليج؟', 'ar'],
      ['do you sell tiles? I will fit them myself', 'en'],
    ] as const) {
      assert.equal(notOfferedMatch(text, items, language)?.item, items[0], text);
    }
  });
  it('tiles to be laid are no tiles sold', () => {
    assert.equal(notOfferedMatch('bghit nzlej terrasse, 30 metre dyal zellij', items, 'ar'), undefined);
  });
});
