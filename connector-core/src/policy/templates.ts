// The intake agent's own words in the ten intake languages (Malay and Indonesian each their own): short WhatsApp messages, one question
// each, button titles within WhatsApp's limits. Handoff messages never promise a time (DESIGN §5.4);
// a tenant overrides any template per language, and a missing language falls back to the tenant's
// default language, then English.
import type { IntakeConfig } from '../config/intake-schema.ts';

export const TEMPLATE_LANGUAGES = ['en', 'ar', 'es', 'pt', 'id', 'ms', 'fr', 'tr', 'hi', 'de'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];

export const templateKeys = [
  /** greeting and the service question (body of the service buttons or list) */
  'askService',
  /** the label of the button that opens the service list (≤ 20 characters) */
  'serviceListButton',
  'askLocation',
  'askTiming',
  'askUrgency',
  /** button titles (≤ 20 characters) */
  'urgentButton',
  'notUrgentButton',
  /** the urgency as it reads inside the confirmation sentence */
  'urgencyUrgent',
  'urgencyNormal',
  /** vars: service, location, timing, urgency */
  'confirm',
  'yesButton',
  'changeButton',
  'askChange',
  'handoff',
  'inquiryHandoff',
  'cannotAnswerPricing',
  'voiceUnclear',
  'outsideServiceArea',
] as const;
export type TemplateKey = (typeof templateKeys)[number];

/** Templates that tell the customer a person takes over: they must never promise a time. */
export const HANDOFF_TEMPLATE_KEYS: readonly TemplateKey[] = [
  'handoff',
  'inquiryHandoff',
  'cannotAnswerPricing',
  'voiceUnclear',
  'outsideServiceArea',
];

/** Templates used as interactive titles: reply buttons and the list button, at most 20 characters. */
export const BUTTON_TEMPLATE_KEYS: readonly TemplateKey[] = [
  'serviceListButton',
  'urgentButton',
  'notUrgentButton',
  'yesButton',
  'changeButton',
];

export const BUILT_IN_TEMPLATES: Record<TemplateKey, Record<TemplateLanguage, string>> = {
  askService: {
    en: 'Hi! 👋 How can we help you today? Please choose a service:',
    ar: 'مرحبًا! 👋 كيف يمكننا مساعدتك اليوم؟ اختر الخدمة التي تحتاجها:',
    es: '¡Hola! 👋 ¿En qué podemos ayudarte hoy? Elige un servicio:',
    pt: 'Olá! 👋 Como podemos ajudar hoje? Escolha um serviço:',
    id: 'Halo! 👋 Ada yang bisa kami bantu hari ini? Silakan pilih layanan:',
    fr: 'Bonjour ! 👋 Comment pouvons-nous vous aider aujourd’hui ? Choisissez un service :',
    tr: 'Merhaba! 👋 Bugün size nasıl yardımcı olabiliriz? Lütfen bir hizmet seçin:',
    hi: 'नमस्ते! 👋 आज हम आपकी क्या मदद कर सकते हैं? कृपया एक सेवा चुनें:',
    ms: 'Hai! 👋 Apa yang boleh kami bantu hari ini? Sila pilih perkhidmatan:',
    de: 'Hallo! 👋 Wie können wir Ihnen heute helfen? Bitte wählen Sie einen Service:',
  },
  serviceListButton: {
    en: 'Choose a service',
    ar: 'اختر الخدمة',
    es: 'Elegir servicio',
    pt: 'Escolher serviço',
    id: 'Pilih layanan',
    fr: 'Choisir un service',
    tr: 'Hizmet seçin',
    hi: 'सेवा चुनें',
    ms: 'Pilih perkhidmatan',
    de: 'Service wählen',
  },
  askLocation: {
    en: 'Which city or area are you in? You can also share your location 📍',
    ar: 'في أي مدينة أو حي أنت؟ يمكنك أيضًا مشاركة موقعك 📍',
    es: '¿En qué ciudad o zona estás? También puedes enviarnos tu ubicación 📍',
    pt: 'Em qual cidade ou bairro você está? Você também pode enviar sua localização 📍',
    id: 'Anda berada di kota atau daerah mana? Anda juga bisa kirim lokasi 📍',
    fr: 'Dans quelle ville ou quel quartier êtes-vous ? Vous pouvez aussi partager votre position 📍',
    tr: 'Hangi şehir veya semttesiniz? Konumunuzu da paylaşabilirsiniz 📍',
    hi: 'आप किस शहर या इलाके में हैं? आप अपनी लोकेशन भी भेज सकते हैं 📍',
    ms: 'Anda berada di bandar atau kawasan mana? Anda juga boleh kongsi lokasi 📍',
    de: 'In welcher Stadt oder welchem Stadtteil sind Sie? Sie können auch Ihren Standort teilen 📍',
  },
  askTiming: {
    en: 'When would suit you? (e.g. today, tomorrow morning)',
    ar: 'ما الوقت المناسب لك؟ (مثلًا: اليوم، أو غدًا صباحًا)',
    es: '¿Cuándo te vendría bien? (por ejemplo: hoy, mañana por la mañana)',
    pt: 'Quando fica bom para você? (por exemplo: hoje, amanhã de manhã)',
    id: 'Kapan waktu yang cocok untuk Anda? (misalnya: hari ini, besok pagi)',
    fr: 'Quand cela vous arrangerait-il ? (par exemple : aujourd’hui, demain matin)',
    tr: 'Sizin için ne zaman uygun? (örneğin: bugün, yarın sabah)',
    hi: 'आपके लिए कौन-सा समय ठीक रहेगा? (जैसे: आज, कल सुबह)',
    ms: 'Bila masa yang sesuai untuk anda? (contoh: hari ini, esok pagi)',
    de: 'Wann passt es Ihnen? (z. B. heute, morgen Vormittag)',
  },
  askUrgency: {
    en: 'Is it urgent?',
    ar: 'هل طلبك عاجل؟',
    es: '¿Es urgente?',
    pt: 'É urgente?',
    id: 'Apakah ini mendesak?',
    fr: 'Est-ce urgent ?',
    tr: 'Acil mi?',
    hi: 'क्या यह अर्जेंट है?',
    ms: 'Adakah ini segera?',
    de: 'Ist es dringend?',
  },
  urgentButton: {
    en: 'Urgent',
    ar: 'عاجل',
    es: 'Urgente',
    pt: 'Urgente',
    id: 'Mendesak',
    fr: 'Urgent',
    tr: 'Acil',
    hi: 'अर्जेंट',
    ms: 'Segera',
    de: 'Dringend',
  },
  notUrgentButton: {
    en: 'Not urgent',
    ar: 'غير عاجل',
    es: 'No es urgente',
    pt: 'Não é urgente',
    id: 'Tidak mendesak',
    fr: 'Pas urgent',
    tr: 'Acil değil',
    hi: 'अर्जेंट नहीं',
    ms: 'Tidak segera',
    de: 'Nicht dringend',
  },
  urgencyUrgent: {
    en: 'urgent',
    ar: 'عاجل',
    es: 'urgente',
    pt: 'urgente',
    id: 'mendesak',
    fr: 'urgent',
    tr: 'acil',
    hi: 'अर्जेंट',
    ms: 'segera',
    de: 'dringend',
  },
  urgencyNormal: {
    en: 'not urgent',
    ar: 'غير عاجل',
    es: 'sin urgencia',
    pt: 'sem urgência',
    id: 'tidak mendesak',
    fr: 'pas urgent',
    tr: 'acil değil',
    hi: 'अर्जेंट नहीं',
    ms: 'tidak segera',
    de: 'nicht dringend',
  },
  confirm: {
    en: 'Just to confirm: {service} in {location}, {timing}, {urgency}. Is that right?',
    ar: 'للتأكيد: {service} في {location}، {timing}، {urgency}. هل هذا صحيح؟',
    es: 'Para confirmar: {service} en {location}, {timing}, {urgency}. ¿Es correcto?',
    pt: 'Só para confirmar: {service} em {location}, {timing}, {urgency}. Está certo?',
    id: 'Kami konfirmasi ya: {service} di {location}, {timing}, {urgency}. Sudah benar?',
    fr: 'Pour confirmer : {service} à {location}, {timing}, {urgency}. C’est bien ça ?',
    tr: 'Kontrol edelim: {location} bölgesinde {service}, {timing}, {urgency}. Doğru mu?',
    hi: 'एक बार कन्फ़र्म कर लें: {location} में {service}, {timing}, {urgency}। क्या यह सही है?',
    ms: 'Untuk pengesahan: {service} di {location}, {timing}, {urgency}. Betul?',
    de: 'Zur Bestätigung: {service} in {location}, {timing}, {urgency}. Stimmt das?',
  },
  yesButton: {
    en: 'Yes',
    ar: 'نعم',
    es: 'Sí',
    pt: 'Sim',
    id: 'Ya',
    fr: 'Oui',
    tr: 'Evet',
    hi: 'हाँ',
    ms: 'Ya',
    de: 'Ja',
  },
  changeButton: {
    en: 'Change',
    ar: 'تعديل',
    es: 'Cambiar',
    pt: 'Alterar',
    id: 'Ubah',
    fr: 'Modifier',
    tr: 'Değiştir',
    hi: 'बदलें',
    ms: 'Tukar',
    de: 'Ändern',
  },
  askChange: {
    en: 'No problem. What would you like to change?',
    ar: 'لا مشكلة، ما الذي تود تعديله؟',
    es: 'Claro, ¿qué quieres cambiar?',
    pt: 'Sem problemas! O que você quer alterar?',
    id: 'Baik, apa yang ingin Anda ubah?',
    fr: 'Pas de souci, que souhaitez-vous modifier ?',
    tr: 'Tabii, neyi değiştirmek istersiniz?',
    hi: 'ठीक है, आप क्या बदलना चाहेंगे?',
    ms: 'Tiada masalah. Apa yang anda mahu tukar?',
    de: 'Kein Problem. Was möchten Sie ändern?',
  },
  handoff: {
    en: 'Thank you! Our team will reply to you here in this chat.',
    ar: 'شكرًا لك! سيرد عليك فريقنا هنا في هذه المحادثة.',
    es: '¡Gracias! Nuestro equipo te responderá aquí, en este chat.',
    pt: 'Obrigado! Nossa equipe vai responder você aqui mesmo, nesta conversa.',
    id: 'Terima kasih! Tim kami akan membalas Anda di chat ini.',
    fr: 'Merci ! Notre équipe vous répondra ici, dans cette conversation.',
    tr: 'Teşekkürler! Ekibimiz size bu sohbet üzerinden yanıt verecek.',
    hi: 'धन्यवाद! हमारी टीम आपको इसी चैट में जवाब देगी।',
    ms: 'Terima kasih! Pasukan kami akan membalas anda di sini dalam chat ini.',
    de: 'Vielen Dank! Unser Team antwortet Ihnen hier in diesem Chat.',
  },
  inquiryHandoff: {
    en: 'Thanks for your question. I’ve passed it to a colleague who will reply here.',
    ar: 'شكرًا على سؤالك. أحلته إلى أحد زملائي وسيرد عليك هنا.',
    es: 'Gracias por tu consulta. Se la he pasado a un compañero que te responderá aquí.',
    pt: 'Obrigado pela pergunta. Passei para um colega, que vai responder aqui.',
    id: 'Terima kasih atas pertanyaannya. Sudah saya teruskan ke rekan saya, yang akan membalas di sini.',
    fr: 'Merci pour votre question. Je l’ai transmise à un collègue qui vous répondra ici.',
    tr: 'Sorunuz için teşekkürler. Bir çalışma arkadaşıma ilettim, size buradan yanıt verecek.',
    hi: 'आपके सवाल के लिए धन्यवाद। इसे हमारे एक साथी को भेज दिया गया है, वे आपको यहीं जवाब देंगे।',
    ms: 'Terima kasih atas soalan anda. Saya sudah serahkan kepada rakan sekerja yang akan membalas di sini.',
    de: 'Danke für Ihre Frage. Ich habe sie an eine Kollegin oder einen Kollegen weitergegeben, die hier antworten.',
  },
  cannotAnswerPricing: {
    en: 'I can’t quote a price here, but I’ve passed your question to a colleague who will reply in this chat.',
    ar: 'لا أستطيع تحديد السعر هنا، لكنني أحلت سؤالك إلى أحد زملائي وسيرد عليك في هذه المحادثة.',
    es: 'No puedo darte el precio por aquí, pero le he pasado tu consulta a un compañero que te responderá en este chat.',
    pt: 'Não consigo informar o preço por aqui, mas passei sua pergunta para um colega, que vai responder nesta conversa.',
    id: 'Saya belum bisa memberikan harga di sini, tapi pertanyaan Anda sudah saya teruskan ke rekan saya, yang akan membalas di chat ini.',
    fr: 'Je ne peux pas vous indiquer de tarif ici, mais j’ai transmis votre question à un collègue qui vous répondra dans cette conversation.',
    tr: 'Buradan fiyat bilgisi veremiyorum ama sorunuzu bir çalışma arkadaşıma ilettim, size bu sohbet üzerinden yanıt verecek.',
    hi: 'यहाँ कीमत बताना संभव नहीं है, लेकिन आपका सवाल हमारे एक साथी को भेज दिया गया है, वे आपको इसी चैट में जवाब देंगे।',
    ms: 'Saya tidak dapat memberi harga di sini, tetapi soalan anda sudah diserahkan kepada rakan sekerja yang akan membalas dalam chat ini.',
    de: 'Einen Preis kann ich hier nicht nennen, aber ich habe Ihre Frage weitergegeben; ein Kollege antwortet Ihnen in diesem Chat.',
  },
  voiceUnclear: {
    en: 'Sorry, I couldn’t make out your voice note. I’ve passed it to a colleague who will reply here.',
    ar: 'عذرًا، لم أتمكن من فهم رسالتك الصوتية. أحلتها إلى أحد زملائي وسيرد عليك هنا.',
    es: 'Perdona, no he podido entender tu nota de voz. Se la he pasado a un compañero que te responderá aquí.',
    pt: 'Desculpe, não consegui entender seu áudio. Passei para um colega, que vai responder aqui.',
    id: 'Maaf, pesan suara Anda kurang jelas. Sudah saya teruskan ke rekan saya, yang akan membalas di sini.',
    fr: 'Pardon, je n’ai pas pu comprendre votre message vocal. Je l’ai transmis à un collègue qui vous répondra ici.',
    tr: 'Kusura bakmayın, sesli mesajınızı anlayamadım. Bir çalışma arkadaşıma ilettim, size buradan yanıt verecek.',
    hi: 'माफ़ कीजिए, आपका वॉइस मैसेज समझ नहीं आया। इसे हमारे एक साथी को भेज दिया गया है, वे आपको यहीं जवाब देंगे।',
    ms: 'Maaf, saya tidak dapat memahami nota suara anda. Saya sudah serahkan kepada rakan sekerja yang akan membalas di sini.',
    de: 'Entschuldigung, ich konnte Ihre Sprachnachricht nicht verstehen. Ich habe sie weitergegeben; ein Kollege antwortet Ihnen hier.',
  },
  outsideServiceArea: {
    en: 'Thanks! Your location seems to be outside the area we usually cover. I’ve passed your request to a colleague who will reply here.',
    ar: 'شكرًا! يبدو أن موقعك خارج المناطق التي نخدمها عادةً. أحلت طلبك إلى أحد زملائي وسيرد عليك هنا.',
    es: '¡Gracias! Parece que tu ubicación está fuera de la zona que solemos cubrir. He pasado tu solicitud a un compañero que te responderá aquí.',
    pt: 'Obrigado! Parece que sua localização está fora da área que costumamos atender. Passei seu pedido para um colega, que vai responder aqui.',
    id: 'Terima kasih! Sepertinya lokasi Anda di luar area layanan kami. Permintaan Anda sudah saya teruskan ke rekan saya, yang akan membalas di sini.',
    fr: 'Merci ! Votre adresse semble en dehors de notre zone d’intervention habituelle. J’ai transmis votre demande à un collègue qui vous répondra ici.',
    tr: 'Teşekkürler! Konumunuz genellikle hizmet verdiğimiz bölgenin dışında görünüyor. Talebinizi bir çalışma arkadaşıma ilettim, size buradan yanıt verecek.',
    hi: 'धन्यवाद! लगता है आपकी लोकेशन हमारे सामान्य सेवा क्षेत्र से बाहर है। आपका अनुरोध हमारे एक साथी को भेज दिया गया है, वे आपको यहीं जवाब देंगे।',
    ms: 'Terima kasih! Lokasi anda nampaknya di luar kawasan biasa kami. Permintaan anda sudah diserahkan kepada rakan sekerja yang akan membalas di sini.',
    de: 'Danke! Ihr Standort scheint außerhalb unseres Einsatzgebiets zu liegen. Ich habe Ihre Anfrage weitergegeben; ein Kollege antwortet Ihnen hier.',
  },
};

function builtIn(key: TemplateKey, language: string): string | undefined {
  const texts: Record<string, string> = BUILT_IN_TEMPLATES[key];
  return texts[language];
}

/**
 * The text of template `key` for `language`, with `{var}` placeholders filled from `vars` (a missing
 * var renders empty). Lookup order: the tenant's override in `language`, the built-in text in
 * `language`, then the same two for `defaultLanguage` (the tenant's first language), then for `en`.
 */
export function renderTemplate(
  key: TemplateKey,
  language: string,
  vars: Record<string, string> = {},
  overrides?: IntakeConfig['templates'],
  defaultLanguage?: string,
): string {
  const own = overrides?.[key];
  const chain = [language, defaultLanguage, 'en'].filter((tag): tag is string => tag !== undefined);
  let text = '';
  for (const tag of chain) {
    const found = own?.[tag] ?? builtIn(key, tag);
    if (found !== undefined) {
      text = found;
      break;
    }
  }
  return text.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}
