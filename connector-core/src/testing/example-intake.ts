// A realistic multi-vertical tenant intake (home services, a clinic, a restaurant) with aliases in the
// eight intake languages and service areas in Saudi Arabia, Brazil and Indonesia. Shared by the intake
// tests, the eval set and the sandbox so they all speak about the same catalog; parsed here so a
// mistake in it fails loudly instead of skewing every test that uses it.
import { type IntakeConfig, type IntakeConfigInput, intakeConfigSchema } from '../config/intake-schema.ts';

export const exampleIntakeInput: IntakeConfigInput = {
  country: 'SA',
  timezone: 'Asia/Riyadh',
  languages: ['ar', 'en', 'es', 'pt', 'id', 'fr', 'tr', 'hi'],
  services: [
    {
      id: 'deep_cleaning',
      skills: ['cleaning'],
      names: {
        en: ['deep cleaning', 'deep clean', 'house cleaning', 'cleaning', 'cleaner'],
        ar: ['تنظيف عميق', 'تنظيف شقة', 'تنظيف', 'نظافة', 'tanzeef', 'tandheef'],
        es: ['limpieza profunda', 'limpieza'],
        pt: ['limpeza pesada', 'limpeza', 'faxina', 'faxineira', 'diarista'],
        id: ['pembersihan', 'bersih-bersih', 'bersihin rumah', 'cleaning service'],
        fr: ['grand ménage', 'ménage', 'nettoyage'],
        tr: ['derin temizlik', 'ev temizliği', 'temizlik'],
        hi: ['सफ़ाई', 'डीप क्लीनिंग', 'safai', 'saaf safai'],
      },
    },
    {
      id: 'ac_repair',
      skills: ['hvac'],
      names: {
        en: ['AC repair', 'AC service', 'air conditioner', 'air conditioning', 'aircon', 'AC', 'A/C'],
        ar: ['صيانة مكيفات', 'مكيف', 'مكيفات', 'تكييف', 'المكيف', 'mkayef', 'mokayef', 'takyeef'],
        es: ['aire acondicionado', 'reparación de aire acondicionado', 'minisplit'],
        pt: ['ar condicionado', 'ar-condicionado', 'conserto de ar condicionado'],
        id: ['servis AC', 'service AC', 'pendingin ruangan'],
        fr: ['climatisation', 'climatiseur', 'clim'],
        tr: ['klima tamiri', 'klima servisi', 'klima'],
        hi: ['एसी रिपेयर', 'एसी', 'एयर कंडीशनर', 'ac repair', 'ac thik'],
      },
    },
    {
      id: 'plumbing',
      skills: ['plumbing'],
      names: {
        en: [
          'plumber',
          'plumbing',
          'leaking pipe',
          'water leak',
          'blocked drain',
          'clogged drain',
          'pipe',
          'sink',
        ],
        ar: ['سباك', 'سباكة', 'تسريب مياه', 'تسريب', 'مواسير', 'بلاعة', 'sabbak', 'hammam'],
        es: ['plomero', 'fontanero', 'fontanería', 'fuga de agua', 'tubería'],
        pt: ['encanador', 'vazamento', 'cano furado', 'desentupimento'],
        id: ['tukang ledeng', 'ledeng', 'pipa bocor', 'saluran mampet'],
        fr: ['plombier', 'plomberie', "fuite d'eau", 'canalisation'],
        tr: ['tesisatçı', 'su tesisatı', 'su kaçağı', 'tıkanıklık'],
        hi: ['प्लंबर', 'नल', 'पाइप', 'plumber', 'nal tapak raha'],
      },
    },
    {
      id: 'pest_control',
      skills: ['pest'],
      names: {
        en: ['pest control', 'pests', 'cockroaches', 'termites', 'bed bugs', 'fumigation'],
        ar: ['مكافحة حشرات', 'مكافحة الحشرات', 'رش مبيدات', 'حشرات', 'صراصير', 'النمل الابيض'],
        es: ['control de plagas', 'fumigación', 'plagas', 'cucarachas'],
        pt: ['dedetização', 'dedetizadora', 'pragas', 'baratas', 'cupim'],
        id: ['basmi hama', 'pembasmi hama', 'kecoa', 'rayap'],
        fr: ['désinsectisation', 'dératisation', 'nuisibles', 'cafards', 'punaises de lit'],
        tr: ['ilaçlama', 'böcek ilaçlama', 'hamam böceği', 'haşere'],
        hi: ['कीट नियंत्रण', 'पेस्ट कंट्रोल', 'कॉकरोच', 'दीमक', 'pest control', 'cockroach'],
      },
    },
    {
      id: 'clinic_visit',
      skills: ['reception'],
      names: {
        en: ['doctor appointment', 'see a doctor', 'doctor', 'clinic', 'checkup', 'check-up'],
        ar: ['موعد طبيب', 'دكتور', 'طبيب', 'عيادة', 'كشف'],
        es: ['cita médica', 'médico', 'consulta médica', 'clínica'],
        pt: ['consulta médica', 'médico', 'clínica'],
        id: ['dokter', 'klinik', 'periksa ke dokter'],
        fr: ['rendez-vous médical', 'médecin', 'clinique', 'consultation'],
        tr: ['doktor', 'muayene', 'klinik'],
        hi: ['डॉक्टर', 'क्लिनिक', 'doctor se milna', 'daktar'],
      },
    },
    {
      id: 'table_reservation',
      skills: ['front-of-house'],
      names: {
        en: ['book a table', 'reserve a table', 'table for', 'table reservation', 'reservation'],
        ar: ['حجز طاولة', 'احجز طاولة', 'طاولة'],
        es: ['reservar una mesa', 'reservar mesa', 'mesa para', 'reserva'],
        pt: ['reservar uma mesa', 'reservar mesa', 'mesa para', 'reserva'],
        id: ['reservasi meja', 'pesan meja', 'booking meja'],
        fr: ['réserver une table', 'une table pour', 'réservation'],
        tr: ['masa rezervasyonu', 'masa ayırtmak', 'rezervasyon'],
        hi: ['टेबल बुक', 'table book', 'table reserve'],
      },
    },
  ],
  areas: [
    {
      id: 'jeddah',
      names: {
        en: ['Jeddah', 'Jiddah', 'Jedda', 'Jidda'],
        ar: ['جدة', 'jedda'],
        es: ['Yeda', 'Yida'],
        pt: ['Jidá'],
        fr: ['Djeddah', 'Djedda'],
        tr: ['Cidde'],
        hi: ['जेद्दा', 'जेद्दाह'],
      },
      center: { latitude: 21.5433, longitude: 39.1728 },
      radiusKm: 40,
      branch: 'west',
    },
    {
      id: 'riyadh',
      names: {
        en: ['Riyadh', 'Riyad', 'Ar Riyadh'],
        ar: ['الرياض'],
        es: ['Riad'],
        pt: ['Riad', 'Riade'],
        fr: ['Riyad', 'Riad'],
        tr: ['Riyad'],
        hi: ['रियाद', 'रियाध'],
      },
      center: { latitude: 24.7136, longitude: 46.6753 },
      radiusKm: 50,
      branch: 'central',
    },
    {
      id: 'dammam',
      names: {
        en: ['Dammam', 'Khobar', 'Al Khobar', 'Dhahran'],
        ar: ['الدمام', 'دمام', 'الخبر', 'الظهران'],
        hi: ['दम्माम', 'दमाम', 'खोबर'],
      },
      center: { latitude: 26.4207, longitude: 50.0888 },
      radiusKm: 35,
      branch: 'east',
    },
    {
      id: 'sao_paulo',
      names: { pt: ['São Paulo', 'Sampa'], es: ['San Pablo'] },
      center: { latitude: -23.5505, longitude: -46.6333 },
      radiusKm: 40,
      branch: 'brasil',
    },
    {
      id: 'jakarta',
      names: { id: ['Jakarta', 'DKI Jakarta', 'Jaksel', 'Jakbar'], ar: ['جاكرتا'], hi: ['जकार्ता'] },
      center: { latitude: -6.2088, longitude: 106.8456 },
      radiusKm: 35,
      branch: 'indonesia',
    },
  ],
  knowledge: [
    {
      id: 'ac_repair_pricing',
      intent: 'pricing',
      serviceId: 'ac_repair',
      answer: {
        en: 'An AC inspection visit costs 150 SAR; repairs are quoted on site.',
        ar: 'زيارة فحص المكيف بـ 150 ريال، وسعر الإصلاح يحدد في الموقع.',
      },
    },
    {
      id: 'hours',
      intent: 'hours',
      answer: {
        en: 'We work Saturday to Thursday, 8 am to 10 pm.',
        ar: 'نعمل من السبت إلى الخميس، من 8 صباحًا حتى 10 مساءً.',
      },
    },
  ],
  templates: {
    handoff: {
      en: 'Thanks! A member of our team will contact you on WhatsApp.',
      ar: 'شكرًا! سيتواصل معك أحد أفراد فريقنا عبر واتساب.',
    },
  },
};

/** {@link exampleIntakeInput} parsed with defaults applied. */
export const exampleIntake: IntakeConfig = intakeConfigSchema.parse(exampleIntakeInput);
