// Language-neutral forms of the words services are named with: each concept (tyre, battery, cleaning,
// move…) lists the words that say it in every intake language, Arabizi included. A service alias written
// in one language is then recognised in another ("paneles" for "painéis", "akü" for "battery",
// "tasli7" for "تصليح"): the owner writes names in the languages they know, customers write in theirs.
// Latin words are compared only within the customer's language family and English, so a word of another
// language that looks alike ("rot", "oficina", "air") never stands for a concept; Arabic and Devanagari
// script words are unambiguous and compare everywhere.
import { type Concept, DOMAIN_CONCEPTS } from './service-concepts-domains.ts';
import {
  arabicRoot,
  arabicStems,
  arabicVerbRoots,
  arabiziToLatin,
  consonantSkeleton,
  isArabizi,
  tokens,
} from './text-normalize.ts';

// One word per form, as written; folded when compiled. `ar` holds Arabic script and Arabizi.
const BASE_CONCEPTS: Record<string, Concept> = {
  move: {
    forms: {
      en: ['move', 'moving', 'moved', 'movers', 'mover', 'relocation', 'relocate', 'relocating', 'shifting'],
      ms: ['pindah', 'berpindah', 'pindahan', 'angkut'],
      id: ['pindah', 'pindahan', 'boyongan', 'angkut'],
      hi: ['शिफ्ट', 'शिफ्टिंग', 'shift', 'shifting', 'शिफ़्ट'],
      tr: ['taşınma', 'taşınmak', 'taşınıyorum', 'nakliyat', 'nakliye', 'taşıma'],
      de: ['umzug', 'umziehen', 'umzugsfirma'],
      pt: ['mudança', 'mudanças', 'mudar'],
      es: ['mudanza', 'mudanzas', 'mudar', 'trasteo'],
      fr: ['déménagement', 'déménager', 'déménageurs'],
      ar: ['نقل', 'ترحيل', 'انتقال', 'عزال', 'تعزيل', 'naql', 'na2l', 'tarhil'],
    },
  },
  house: {
    weak: true,
    forms: {
      en: ['house', 'home', 'apartment', 'flat', 'condo'],
      ms: ['rumah', 'kondo', 'apartmen'],
      id: ['rumah', 'apartemen'],
      hi: ['घर', 'ghar', 'मकान', 'makaan'],
      tr: ['ev', 'daire'],
      de: ['haus', 'wohnung'],
      pt: ['casa', 'apartamento'],
      es: ['casa', 'piso', 'apartamento'],
      fr: ['maison', 'appartement'],
      ar: ['بيت', 'منزل', 'دار', 'شقه', 'bait', 'bayt', 'dar', 'sha2a'],
    },
  },
  office: {
    forms: {
      en: ['office', 'offices'],
      ms: ['pejabat', 'ofis'],
      id: ['kantor'],
      hi: ['ऑफिस', 'दफ्तर', 'office', 'daftar'],
      tr: ['ofis', 'büro', 'işyeri'],
      de: ['büro'],
      pt: ['escritório'],
      es: ['oficina'],
      fr: ['bureau', 'bureaux'],
      ar: ['مكتب', 'maktab'],
    },
  },
  storage: {
    forms: {
      en: ['storage', 'store', 'storing', 'warehouse'],
      ms: ['simpan', 'penyimpanan', 'stor', 'gudang'],
      id: ['simpan', 'penyimpanan', 'gudang', 'titip'],
      hi: ['स्टोरेज', 'godown', 'गोदाम', 'storage'],
      tr: ['depolama', 'depo', 'saklama', 'saklamak'],
      de: ['lagerung', 'einlagerung', 'einlagern', 'lager'],
      pt: ['armazenamento', 'armazenar', 'guardar', 'armazém'],
      es: ['almacenamiento', 'almacenar', 'guardar', 'guardamuebles', 'trastero'],
      fr: ['stockage', 'stocker', 'entreposage', 'garde'],
      ar: ['تخزين', 'مخزن', 'مستودع', 'takhzin', 'ta5zin'],
    },
  },
  packing: {
    forms: {
      en: ['packing', 'pack', 'packers', 'boxes'],
      ms: ['bungkus', 'kemas', 'packing'],
      id: ['bungkus', 'kemas', 'packing'],
      hi: ['पैकिंग', 'packing'],
      tr: ['paketleme', 'ambalaj', 'paketlemek'],
      de: ['verpacken', 'verpackung', 'einpacken'],
      pt: ['embalar', 'embalagem', 'empacotar', 'embalamento'],
      es: ['embalaje', 'embalar', 'empaquetar', 'empacar'],
      fr: ['emballage', 'emballer', 'cartons'],
      ar: ['تغليف', 'تعبئه', 'تغليف', 'taghlif'],
    },
  },
  furniture: {
    forms: {
      en: ['furniture', 'wardrobe', 'cupboard', 'ikea'],
      ms: ['perabot', 'almari'],
      id: ['furnitur', 'perabot', 'mebel', 'lemari'],
      hi: ['फर्नीचर', 'furniture', 'almari', 'अलमारी'],
      tr: ['mobilya', 'dolap', 'gardırop'],
      de: ['möbel', 'schrank', 'kleiderschrank'],
      pt: ['móveis', 'móvel', 'armário', 'mobília'],
      es: ['muebles', 'mueble', 'armario'],
      fr: ['meubles', 'meuble', 'armoire'],
      ar: ['اثاث', 'عفش', 'خزانه', 'دولاب', 'athath', 'afsh', '3afsh'],
    },
  },
  assemble: {
    forms: {
      en: ['assembly', 'assemble', 'assembling', 'dismantle', 'dismantling'],
      ms: ['pasang', 'memasang', 'buka'],
      id: ['rakit', 'merakit', 'bongkar'],
      hi: ['असेंबली', 'assemble', 'assembly', 'jodna'],
      tr: ['montaj', 'kurulum', 'söküm', 'kurmak'],
      de: ['montage', 'montieren', 'aufbauen', 'abbauen', 'aufbau'],
      pt: ['montagem', 'montar', 'desmontar', 'desmontagem'],
      es: ['montaje', 'montar', 'desmontar', 'desmontaje'],
      fr: ['montage', 'monter', 'démontage', 'démonter'],
      ar: ['تركيب', 'فك', 'tarkib', 'tarkeeb'],
    },
  },
  install: {
    weak: true,
    forms: {
      en: ['install', 'installation', 'installing', 'fit', 'fitting'],
      ms: ['pasang', 'pemasangan'],
      id: ['pasang', 'pemasangan', 'instalasi'],
      hi: ['install', 'लगवाना', 'lagwana', 'lagana'],
      tr: ['kurulum', 'montaj', 'takma', 'taktırmak'],
      de: ['installation', 'installieren', 'einbau', 'einbauen'],
      pt: ['instalação', 'instalar', 'montagem'],
      es: ['instalación', 'instalar', 'montaje'],
      fr: ['installation', 'installer', 'pose', 'poser'],
      ar: ['تركيب', 'tarkib', 'tarkeeb'],
    },
  },
  deliver: {
    weak: true,
    forms: {
      en: ['delivery', 'deliver', 'shipping', 'ship', 'transport', 'send'],
      ms: ['hantar', 'penghantaran', 'kirim'],
      id: ['kirim', 'pengiriman', 'antar'],
      hi: ['भेजना', 'delivery', 'bhejna'],
      tr: ['teslimat', 'gönderim', 'nakliye'],
      de: ['lieferung', 'liefern', 'transport'],
      pt: ['entrega', 'entregar', 'transporte', 'envio'],
      es: ['entrega', 'entregar', 'transporte', 'envío'],
      fr: ['livraison', 'livrer', 'transport'],
      ar: ['توصيل', 'شحن', 'tawsil'],
    },
  },
  lorry: {
    forms: {
      en: ['lorry', 'truck', 'van'],
      ms: ['lori'],
      id: ['truk', 'pickup'],
      hi: ['ट्रक', 'tempo', 'truck'],
      tr: ['kamyon', 'kamyonet'],
      de: ['lkw', 'transporter'],
      pt: ['caminhão', 'camião', 'carrinha'],
      es: ['camión', 'furgoneta'],
      fr: ['camion', 'camionnette'],
      ar: ['شاحنه', 'كميون', 'kamion'],
    },
  },
  hire: {
    weak: true,
    forms: {
      en: ['hire', 'rent', 'rental'],
      ms: ['sewa'],
      id: ['sewa'],
      hi: ['kiraya', 'किराया'],
      tr: ['kiralama', 'kiralık'],
      de: ['mieten', 'miete'],
      pt: ['alugar', 'aluguel', 'aluguer'],
      es: ['alquilar', 'alquiler'],
      fr: ['location', 'louer'],
      ar: ['تاجير', 'كراء', 'ايجار'],
    },
  },
  tyre: {
    forms: {
      en: ['tyre', 'tyres', 'tire', 'tires'],
      ms: ['tayar'],
      id: ['ban'],
      hi: ['टायर', 'tyre', 'tire'],
      tr: ['lastik'],
      de: ['reifen'],
      pt: ['pneu', 'pneus'],
      es: ['neumático', 'neumáticos', 'llanta', 'llantas', 'cubierta'],
      fr: ['pneu', 'pneus', 'pneumatique'],
      ar: [
        'اطار',
        'اطارات',
        'كفر',
        'كفرات',
        'كاوتش',
        'kawitch',
        'kawetch',
        'kfarat',
        'kafarat',
        'ettarat',
        'pneu',
        'pneus',
      ],
    },
  },
  wheel: {
    weak: true,
    forms: {
      en: ['wheel', 'wheels', 'rim', 'rims'],
      tr: ['jant', 'tekerlek', 'teker'],
      de: ['rad', 'räder', 'felge', 'felgen'],
      pt: ['roda', 'rodas', 'jante'],
      es: ['rueda', 'ruedas'],
      fr: ['roue', 'roues', 'jante'],
      ar: ['عجله', 'جنط', 'عجلات', 'rwida', 'roue'],
    },
  },
  change: {
    weak: true,
    forms: {
      en: ['change', 'changing', 'replace', 'replacement', 'replacing', 'swap', 'new'],
      ms: ['tukar', 'ganti', 'baru'],
      id: ['ganti', 'tukar', 'baru'],
      hi: ['बदलना', 'badalna', 'badal', 'change', 'badalwana'],
      tr: ['değişim', 'değiştirme', 'değiştirmek', 'değişimi', 'yeni'],
      de: ['wechsel', 'wechseln', 'tauschen', 'austauschen', 'ersetzen', 'neue', 'neuen'],
      pt: ['troca', 'trocar', 'substituir', 'substituição', 'novos', 'novas'],
      es: ['cambio', 'cambiar', 'sustituir', 'nuevos', 'nuevas'],
      fr: ['changement', 'changer', 'remplacer', 'remplacement', 'nouveaux', 'nouvelles'],
      ar: [
        ...[
          'تغيير',
          'تبديل',
          'غير',
          'بدل',
          'نبدل',
          'نغير',
          'taghyir',
          'tghyir',
          'tabdil',
          'badal',
          'bddel',
          'nbdel',
        ],
        ...['beddel', 'nbeddel', 'nbedel', 'nbeddlo', 'ghayyer', 'nghayyer', 'nghayar', 'aghayyer', 'a8ayar'],
      ],
    },
  },
  brake: {
    forms: {
      en: ['brake', 'brakes', 'pads'],
      ms: ['brek'],
      id: ['rem', 'kampas'],
      hi: ['ब्रेक', 'brake', 'break'],
      tr: ['fren', 'balata'],
      de: ['bremse', 'bremsen', 'brems', 'beläge', 'bremsbelag', 'bremsbeläge'],
      pt: ['travão', 'travões', 'freio', 'freios', 'pastilhas'],
      es: ['freno', 'frenos', 'pastillas'],
      fr: ['frein', 'freins', 'plaquettes'],
      ar: ['فرامل', 'فرام', 'فحمات', 'فرين', 'فران', 'fren', 'frein', 'faramel', 'fra2el'],
    },
  },
  repair: {
    weak: true,
    forms: {
      en: ['repair', 'repairs', 'fix', 'fixing', 'overhaul'],
      ms: ['baiki', 'membaiki', 'repair'],
      id: ['perbaiki', 'reparasi', 'servis'],
      hi: ['ठीक', 'repair', 'theek', 'thik'],
      tr: ['tamir', 'tamiri', 'onarım', 'tamirat'],
      de: ['reparatur', 'reparieren'],
      pt: ['reparação', 'reparar', 'conserto', 'consertar', 'arranjar'],
      es: ['reparación', 'reparar', 'arreglar', 'arreglo'],
      fr: ['réparation', 'réparer', 'dépannage'],
      ar: ['تصليح', 'اصلاح', 'صلح', 'tasli7', 'sal7', 'sle7', 'islah'],
    },
  },
  oil: {
    forms: {
      en: ['oil'],
      ms: ['minyak'],
      id: ['oli'],
      hi: ['तेल', 'oil', 'tel'],
      tr: ['yağ', 'yağı'],
      de: ['öl'],
      pt: ['óleo'],
      es: ['aceite'],
      fr: ['huile', 'vidange'],
      ar: ['زيت', 'زيوت', 'zit', 'zeit', 'zayt'],
    },
  },
  maintenance: {
    weak: true,
    forms: {
      en: ['service', 'servicing', 'maintenance', 'checkup', 'inspection'],
      ms: ['servis', 'selenggara', 'penyelenggaraan'],
      id: ['servis', 'perawatan'],
      hi: ['सर्विस', 'service', 'servicing'],
      tr: ['bakım', 'bakımı', 'servis'],
      de: ['wartung', 'inspektion', 'service'],
      pt: ['manutenção', 'revisão'],
      es: ['mantenimiento', 'revisión'],
      fr: ['entretien', 'révision', 'maintenance'],
      ar: ['صيانه', 'صيانة', 'سيرفس', 'siyana', 'syana', 'sayana'],
    },
  },
  battery: {
    forms: {
      en: ['battery', 'batteries'],
      ms: ['bateri'],
      id: ['aki', 'baterai'],
      hi: ['बैटरी', 'battery'],
      tr: ['akü', 'aküsü', 'batarya'],
      de: ['batterie', 'akku'],
      pt: ['bateria', 'baterias'],
      es: ['batería', 'baterías'],
      fr: ['batterie', 'batteries'],
      ar: ['بطاريه', 'بطاريات', 'batterie', 'batteria', 'battariya', 'batarya', 'batariya', 'batri'],
    },
  },
  alignment: {
    forms: {
      en: ['alignment', 'balancing', 'tracking'],
      ms: ['penjajaran', 'alignment'],
      id: ['spooring', 'balancing'],
      tr: ['rot', 'balans'],
      de: ['achsvermessung', 'spureinstellung', 'spur', 'vermessung'],
      pt: ['alinhamento', 'balanceamento'],
      es: ['alineación', 'equilibrado', 'alineado'],
      fr: ['parallélisme', 'géométrie', 'équilibrage'],
      ar: ['ترصيص', 'ميزانيه', 'اذرعه', 'tarsis', 'parallelisme'],
    },
  },
  flat: {
    forms: {
      en: ['flat', 'puncture', 'punctured', 'roadside', 'breakdown'],
      ms: ['pancit', 'bocor'],
      id: ['bocor', 'kempes', 'gembos'],
      hi: ['पंक्चर', 'puncture', 'panchar'],
      tr: ['patlak', 'patladı', 'inik', 'lastikçi'],
      de: ['panne', 'platt', 'platten', 'pannenhilfe'],
      pt: ['furo', 'furado', 'furou'],
      es: ['pinchazo', 'pinchado', 'ponchado', 'pinchada'],
      fr: ['crevaison', 'crevé', 'crevée'],
      ar: ['بنشر', 'بنشرجي', 'مبنشر', 'bancher', 'banchar', 'mbancher'],
    },
  },
  mobile: {
    weak: true,
    forms: {
      en: ['mobile', 'onsite', 'roadside'],
      tr: ['mobil', 'yerinde'],
      de: ['mobil', 'mobiler', 'mobilen'],
      pt: ['domicílio', 'móvel'],
      es: ['domicilio', 'móvil'],
      fr: ['domicile', 'mobile'],
      ar: ['متنقل', 'متنقله'],
    },
  },
  solar: {
    forms: {
      en: ['solar', 'photovoltaic', 'pv'],
      ms: ['solar', 'suria'],
      id: ['surya', 'solar'],
      tr: ['güneş', 'solar'],
      de: ['solar', 'photovoltaik', 'pv', 'solaranlage'],
      pt: ['solar', 'solares', 'fotovoltaico', 'fotovoltaicos', 'fotovoltaica', 'fotovoltaicas'],
      es: ['solar', 'solares', 'fotovoltaico', 'fotovoltaicos', 'fotovoltaica', 'fotovoltaicas'],
      fr: ['solaire', 'solaires', 'photovoltaïque', 'photovoltaïques'],
      ar: ['شمسي', 'شمسيه', 'الشمسيه', 'شمس', 'chamsi', 'shamsi', 'chamsiya', 'solaire'],
    },
  },
  panel: {
    forms: {
      en: ['panel', 'panels', 'modules'],
      ms: ['panel'],
      id: ['panel'],
      tr: ['panel', 'paneller'],
      de: ['paneele', 'module', 'modul', 'platten'],
      pt: ['painel', 'painéis', 'placa', 'placas', 'módulos'],
      es: ['panel', 'paneles', 'placa', 'placas', 'módulos'],
      fr: ['panneau', 'panneaux', 'plaques', 'modules'],
      ar: ['لوح', 'الواح', 'لوحات', 'بانو', 'panneau', 'panneaux', 'alwa7', 'lwa7'],
    },
  },
  heater: {
    forms: {
      en: ['heater', 'boiler', 'geyser'],
      ms: ['pemanas', 'heater'],
      id: ['pemanas', 'heater'],
      hi: ['गीजर', 'geyser', 'heater'],
      tr: ['şofben', 'kombi', 'termosifon'],
      de: ['boiler', 'durchlauferhitzer', 'therme', 'warmwasserbereiter'],
      pt: ['aquecedor', 'esquentador', 'termoacumulador', 'cilindro', 'termossifão'],
      es: ['calentador', 'termo', 'caldera', 'termosifón', 'calentadores'],
      fr: ['chauffe', 'cumulus', 'ballon'],
      ar: ['سخان', 'شوفو', 'شوفاج', 'sakhan', 'sa5an', 'chauffe', 'chofo', 'shofo'],
    },
  },
  water: {
    weak: true,
    forms: {
      en: ['water'],
      ms: ['air'],
      id: ['air'],
      hi: ['पानी', 'pani', 'paani'],
      tr: ['su', 'suyu'],
      de: ['wasser', 'warmwasser'],
      pt: ['água'],
      es: ['agua'],
      fr: ['eau'],
      ar: ['ماء', 'مياه', 'ما', 'lma', 'l2ma', 'mayy'],
    },
  },
  gas: {
    forms: {
      en: ['gas', 'lpg', 'propane', 'butane'],
      ms: ['gas'],
      id: ['gas', 'elpiji'],
      tr: ['gaz', 'tüp', 'doğalgaz', 'doğalgazlı'],
      de: ['gas', 'gastherme'],
      pt: ['gás', 'botija', 'butano'],
      es: ['gas', 'butano', 'bombona'],
      fr: ['gaz', 'butane'],
      ar: ['غاز', 'بوطه', 'بوطاغاز', 'gaz', 'bouta', 'ghaz'],
    },
  },
  pump: {
    forms: {
      en: ['pump'],
      tr: ['pompa', 'pompası'],
      de: ['pumpe', 'wärmepumpe'],
      pt: ['bomba'],
      es: ['bomba', 'aerotermia'],
      fr: ['pompe', 'pac'],
      ar: ['مضخه', 'pompe'],
    },
  },
  heat: {
    weak: true,
    forms: {
      en: ['heat', 'heating'],
      tr: ['ısı', 'isitma'],
      de: ['wärme', 'heizung'],
      pt: ['calor', 'aquecimento'],
      es: ['calor', 'calefacción'],
      fr: ['chaleur', 'chauffage'],
      ar: ['حراره', 'حراريه', 'تدفئه', 'chauffage'],
    },
  },
  cleaning: {
    forms: {
      en: ['clean', 'cleaning', 'wash', 'washing', 'dust'],
      ms: ['cuci', 'bersih', 'pembersihan', 'bersihkan'],
      id: ['cuci', 'bersih', 'pembersihan', 'bersihkan'],
      hi: ['सफाई', 'safai', 'saaf', 'safaai'],
      tr: ['temizlik', 'temizleme', 'temizlemek', 'yıkama'],
      de: ['reinigung', 'reinigen', 'putzen', 'sauber', 'waschen', 'wäsche', 'waschanlage'],
      pt: ['limpeza', 'limpar', 'lavagem', 'lavar'],
      es: ['limpieza', 'limpiar', 'lavado', 'lavar'],
      fr: ['nettoyage', 'nettoyer', 'lavage', 'laver'],
      ar: ['تنظيف', 'غسيل', 'نظف', 'tanzif', 'tandif', 'nettoyage', 'ghasil'],
    },
  },
  inverter: {
    forms: {
      en: ['inverter'],
      ms: ['inverter'],
      id: ['inverter'],
      tr: ['invertör', 'inverter'],
      de: ['wechselrichter', 'inverter'],
      pt: ['inversor'],
      es: ['inversor'],
      fr: ['onduleur'],
      ar: ['اوندولور', 'انفرتر', 'محول', 'onduleur', 'inverter'],
    },
  },
  car: {
    weak: true,
    forms: {
      en: ['car', 'cars', 'vehicle', 'vehicles', 'auto'],
      ms: ['kereta'],
      id: ['mobil'],
      hi: ['गाड़ी', 'gaadi', 'gadi', 'car'],
      tr: ['araba', 'araç', 'oto'],
      de: ['auto', 'autos', 'wagen', 'fahrzeug', 'gebrauchtwagen'],
      pt: ['carro', 'viatura'],
      es: ['coche', 'carro', 'auto'],
      fr: ['voiture', 'auto'],
      ar: [
        'سياره',
        'عربيه',
        'طوموبيل',
        'طونوبيل',
        'tomobil',
        'tonobil',
        'siyara',
        'sayara',
        'sayyara',
        'sayyarah',
      ],
    },
  },
  // sending something away: what a courier or forwarder does, and what a not-offered "shipping cars" asks
  send: {
    weak: true,
    forms: {
      en: ['send', 'sending', 'ship', 'shipping', 'courier'],
      ms: ['hantar', 'kirim', 'pos'],
      id: ['kirim', 'mengirim', 'ngirim', 'pengiriman'],
      hi: ['भेजना', 'भेजने', 'bhejna', 'bhejne', 'bhejni'],
      tr: ['göndermek', 'gönderim', 'göndermem', 'yollamak', 'kargolamak'],
      de: ['schicken', 'verschicken', 'versenden', 'versand'],
      pt: ['enviar', 'envio', 'mandar'],
      es: ['enviar', 'envío', 'mandar'],
      fr: ['envoyer', 'envoi', 'expédier', 'expédition'],
      ar: ['ارسال', 'ارسل', 'ابعت', 'ابعث', 'شحن', 'اشحن', 'ab3at', 'ab3as', 'ersal', 'sha7n'],
    },
  },
  // one who sells online: a shop on a marketplace or a social network
  seller: {
    forms: {
      en: ['seller', 'sellers', 'ebay', 'etsy', 'shopify', 'shopee', 'e-commerce', 'ecommerce'],
      ms: ['peniaga', 'penjual', 'shopee', 'lazada', 'olshop'],
      id: ['penjual', 'seller', 'olshop', 'shopee', 'tokopedia', 'lazada'],
      hi: ['seller', 'विक्रेता', 'meesho', 'flipkart'],
      tr: ['satıcı', 'satıcılar', 'e-ticaret', 'eticaret', 'trendyol', 'hepsiburada'],
      de: ['händler', 'onlinehändler', 'ebay', 'etsy', 'onlineshop'],
      pt: ['vendedor', 'vendedores', 'ebay', 'etsy'],
      es: ['vendedor', 'vendedores', 'ebay', 'etsy'],
      fr: ['vendeur', 'vendeurs', 'ebay', 'etsy'],
      ar: ['متجر', 'متجري', 'متاجر', 'للمتاجر', 'المتاجر', 'بائع', 'انستقرام', 'انستغرام'],
    },
  },
  // what businesses often list as not offered
  motorcycle: {
    forms: {
      en: ['motorcycle', 'motorbike', 'scooter'],
      ms: ['motosikal', 'motor'],
      id: ['motor', 'sepeda'],
      hi: ['बाइक', 'bike', 'scooty'],
      tr: ['motosiklet'],
      de: ['motorrad', 'roller'],
      pt: ['moto', 'mota', 'motocicleta'],
      es: ['moto', 'motocicleta'],
      fr: ['moto', 'scooter'],
      ar: ['موتور', 'دراجه', 'motor', 'موتو', 'موطور', 'موطو', 'موتوات', 'موطورات', 'moto', 'mouto'],
    },
  },
  pet: {
    forms: {
      en: ['pet', 'pets', 'cat', 'dog', 'animal', 'animals'],
      ms: ['kucing', 'anjing', 'haiwan'],
      id: ['kucing', 'anjing', 'hewan'],
      hi: ['कुत्ता', 'बिल्ली', 'kutta', 'billi'],
      tr: ['kedi', 'köpek', 'evcil'],
      de: ['haustier', 'katze', 'hund'],
      pt: ['gato', 'cão', 'cachorro', 'animal'],
      es: ['mascota', 'gato', 'perro'],
      fr: ['chat', 'chien', 'animal'],
      ar: [
        'قطه',
        'كلب',
        'حيوان',
        'قط',
        'قطط',
        'قطوه',
        'قطوتين',
        'بسه',
        'بساس',
        'كلاب',
        'حيوانات',
        'otta',
        'outta',
        '2otta',
        'qetta',
        'kalb',
        '7ayawan',
      ],
    },
  },
  piano: {
    forms: {
      en: ['piano'],
      ms: ['piano'],
      id: ['piano'],
      hi: ['पियानो', 'piano'],
      tr: ['piyano'],
      de: ['klavier', 'flügel'],
      pt: ['piano'],
      es: ['piano'],
      fr: ['piano'],
      ar: ['بيانو', 'piano'],
    },
  },
  abroad: {
    forms: {
      en: ['overseas', 'abroad', 'international'],
      ms: ['luar'],
      id: ['luar'],
      hi: ['विदेश', 'videsh', 'bahar'],
      tr: ['yurtdışı', 'yurtdışına'],
      de: ['ausland', 'international'],
      pt: ['exterior', 'estrangeiro'],
      es: ['extranjero', 'exterior'],
      fr: ['étranger', 'international'],
      ar: ['الخارج', 'خارج'],
    },
  },
  aircon: {
    forms: {
      en: ['aircon', 'ac', 'air', 'conditioning', 'conditioner'],
      ms: ['aircond', 'penghawa'],
      id: ['ac'],
      tr: ['klima'],
      de: ['klimaanlage', 'klima'],
      pt: ['condicionado', 'ar'],
      es: ['acondicionado', 'climatización'],
      fr: ['climatisation', 'climatiseur', 'clim'],
      ar: ['مكيف', 'تكييف', 'clim', 'climatiseur'],
    },
  },
  charger: {
    forms: {
      en: ['charger', 'charging', 'wallbox'],
      tr: ['şarj'],
      de: ['ladestation', 'wallbox', 'ladegerät'],
      pt: ['carregador', 'carregamento'],
      es: ['cargador', 'recarga'],
      fr: ['borne', 'recharge', 'chargeur'],
      ar: ['شاحن', 'شحن'],
    },
  },
  pool: {
    forms: {
      en: ['pool', 'swimming'],
      tr: ['havuz'],
      de: ['pool', 'schwimmbad'],
      pt: ['piscina'],
      es: ['piscina'],
      fr: ['piscine'],
      ar: ['مسبح', 'بيسين', 'piscine'],
    },
  },
  // the roof is also where panels go ("painéis no telhado"): naming it is not asking for roof work; damp
  // coming through it is
  roof: {
    forms: {
      en: ['roof', 'rooftop'],
      tr: ['çatı'],
      de: ['dach'],
      pt: ['telhado'],
      es: ['tejado'],
      fr: ['toit', 'toiture'],
      ar: ['سطح', 'سقف'],
    },
  },
  waterproofing: {
    forms: {
      en: ['waterproofing', 'leak-proofing', 'damp', 'seepage'],
      tr: ['yalıtım', 'izolasyon', 'rutubet', 'sızıntı'],
      de: ['abdichtung', 'feuchtigkeit', 'undicht'],
      pt: ['impermeabilização', 'infiltração', 'infiltrações', 'goteira', 'goteiras', 'humidade'],
      es: ['impermeabilización', 'gotera', 'goteras', 'filtración', 'filtraciones', 'humedad', 'humedades'],
      fr: ['étanchéité', 'infiltration', 'infiltrations', 'humidité'],
      ar: ['عزل', 'رطوبه', 'تسريب', 'نشع'],
    },
  },
  paint: {
    forms: {
      en: ['bodywork', 'paint', 'paintwork', 'dent', 'dents'],
      tr: ['kaporta', 'boya'],
      de: ['lackierung', 'lack', 'karosserie', 'beule', 'beulen', 'delle', 'dellen'],
      pt: ['pintura', 'chapa'],
      es: ['pintura', 'chapa'],
      fr: ['carrosserie', 'peinture'],
      ar: ['سمكره', 'دهان', 'بويا', 'طلاء'],
    },
  },
  tow: {
    forms: {
      en: ['towing', 'tow', 'towed', 'tow truck'],
      tr: ['çekici'],
      de: ['abschleppen', 'abschleppdienst', 'abgeschleppt', 'abschleppwagen'],
      pt: ['reboque', 'rebocar'],
      es: ['grúa', 'remolque'],
      fr: ['remorquage', 'dépanneuse'],
      ar: ['ونش', 'سطحه', 'جراره', 'dépanneuse'],
    },
  },
  windscreen: {
    forms: {
      en: ['windscreen', 'windshield'],
      tr: ['ön cam', 'cam'],
      de: ['windschutzscheibe', 'frontscheibe'],
      pt: ['para-brisas'],
      es: ['parabrisas'],
      fr: ['pare-brise'],
      ar: ['زجاج'],
    },
  },
  engine: {
    forms: {
      en: ['engine', 'gearbox', 'transmission'],
      tr: ['motor', 'şanzıman'],
      de: ['motor', 'getriebe'],
      pt: ['motor', 'caixa'],
      es: ['motor', 'caja'],
      fr: ['moteur', 'boîte'],
      ar: ['محرك', 'موتور', 'قير', 'جير'],
    },
  },
  electric: {
    weak: true,
    forms: {
      en: ['ev', 'electric', 'electrical', 'electricity'],
      ms: ['elektrik'],
      id: ['listrik', 'elektrik'],
      hi: ['bijli', 'बिजली'],
      tr: ['elektrik', 'elektrikli'],
      de: ['elektro', 'elektrisch', 'elektrische', 'strom'],
      pt: ['elétrico', 'elétrica', 'eléctrico', 'eléctrica'],
      es: ['eléctrico', 'eléctrica'],
      fr: ['électrique', 'électricité'],
      ar: ['كهرباء', 'كهربائي', 'كهربائيه', 'تريسيتي'],
    },
  },
  wiring: {
    forms: {
      en: ['wiring', 'rewiring', 'sockets'],
      ms: ['pendawaian', 'wiring'],
      id: ['kabel', 'instalasi'],
      tr: ['kablolama', 'tesisatı'],
      de: ['verkabelung', 'leitungen', 'steckdosen'],
      pt: ['fiação', 'cablagem', 'tomadas'],
      es: ['cableado', 'enchufes'],
      fr: ['câblage', 'prises'],
      ar: ['تمديدات', 'اسلاك'],
    },
  },
  turbine: {
    forms: {
      en: ['turbine', 'turbines', 'wind'],
      tr: ['türbin', 'rüzgar'],
      de: ['windrad', 'windkraft', 'windturbine'],
      pt: ['turbina', 'eólica', 'eólico'],
      es: ['turbina', 'eólica', 'eólico', 'aerogenerador'],
      fr: ['éolienne', 'turbine'],
      ar: ['توربين', 'رياح'],
    },
  },
  construction: {
    weak: true,
    forms: {
      en: ['construction', 'build', 'building'],
      ms: ['bina', 'pembinaan'],
      id: ['bangun', 'pembangunan'],
      tr: ['inşaat', 'yapımı', 'yapmak'],
      de: ['bau', 'bauen'],
      pt: ['construção', 'construir'],
      es: ['construcción', 'construir'],
      fr: ['construction', 'construire'],
      ar: ['بناء', 'انشاء'],
    },
  },
  plumbing: {
    forms: {
      en: ['plumbing', 'plumber', 'pipes'],
      ms: ['paip', 'tukang paip'],
      id: ['pipa', 'ledeng'],
      hi: ['plumber', 'प्लंबर'],
      tr: ['tesisatçı', 'sıhhi', 'boru'],
      de: ['sanitär', 'klempner', 'rohre'],
      pt: ['canalização', 'canalizador', 'encanador', 'encanamento'],
      es: ['fontanería', 'fontanero', 'plomero', 'tuberías'],
      fr: ['plomberie', 'plombier', 'tuyaux'],
      ar: ['سباكه', 'سباك', 'مواسير', 'بلومبي'],
    },
  },
  roadworthiness: {
    forms: {
      en: ['mot'],
      tr: ['muayene', 'muayenesi'],
      de: ['tüv', 'hauptuntersuchung'],
      pt: ['inspeção'],
      es: ['itv'],
      ar: ['فحص'],
    },
  },
  buy: {
    weak: true,
    forms: {
      en: ['buy', 'buying', 'purchase'],
      ms: ['beli'],
      id: ['beli'],
      hi: ['kharid', 'खरीद'],
      tr: ['satın', 'almak'],
      de: ['kaufen', 'ankauf'],
      pt: ['comprar', 'compra'],
      es: ['comprar', 'compra'],
      fr: ['acheter', 'achat'],
      // Darija and Gulf verbs, in Arabizi too ("bghit nchri", "ابي اشتري")
      ar: ['شراء', 'نشري', 'نشتري', 'اشتري', 'نشريو', 'nchri', 'nshri', 'nechri', 'ashtri', 'neshtri'],
    },
  },
  sell: {
    weak: true,
    forms: {
      en: ['sell', 'selling', 'sale'],
      ms: ['jual'],
      id: ['jual'],
      hi: ['bech', 'बेच'],
      // "satıyor musunuz", said "satiyo musunuz" too
      tr: ['satmak', 'satış', 'satılık', 'satıyor', 'satıyo', 'satar'],
      de: ['verkaufen', 'verkauf'],
      pt: ['vender', 'venda', 'vendem'],
      es: ['vender', 'venta', 'venden', 'vendeis'],
      fr: ['vendre', 'vente', 'vendez'],
      // "wach katbi3o zellij?", "تبيعون بلاط؟"
      ar: ['بيع', 'نبيع', 'تبيعو', 'تبيعون', 'كتبيعو', 'katbi3o', 'tbi3o', 'tbi3ou', 'katbi3ou'],
    },
  },
  tank: {
    forms: {
      en: ['tank', 'tanks'],
      ms: ['tangki'],
      id: ['tangki', 'toren'],
      hi: ['tanki', 'टंकी'],
      tr: ['depo', 'deposu', 'tank'],
      de: ['tank', 'wassertank', 'zisterne'],
      pt: ['depósito', 'tanque', 'caixa-d’água', 'reservatório'],
      es: ['depósito', 'tanque', 'aljibe'],
      fr: ['réservoir', 'citerne', 'cuve'],
      ar: ['خزان', 'خزانات', 'الخزان'],
    },
  },
  duct: {
    forms: {
      en: ['duct', 'ducts', 'ductwork'],
      tr: ['kanal', 'kanalı'],
      de: ['lüftungskanal', 'kanäle'],
      pt: ['dutos', 'condutas'],
      es: ['conductos'],
      fr: ['gaines', 'conduits'],
      ar: ['دكت', 'مجاري', 'دكتات'],
      hi: ['duct'],
      ms: ['saluran'],
      id: ['saluran'],
    },
  },
  snake: {
    forms: {
      en: ['snake', 'snakes', 'scorpion'],
      hi: ['saanp', 'सांप'],
      pt: ['cobra', 'cobras', 'serpente'],
      es: ['serpiente', 'culebra'],
      fr: ['serpent'],
      de: ['schlange'],
      tr: ['yılan'],
      ms: ['ular'],
      id: ['ular'],
      ar: ['ثعبان', 'حيه', 'عقرب'],
    },
  },
  bird: {
    forms: {
      en: ['pigeon', 'pigeons', 'bird', 'birds'],
      hi: ['kabutar', 'कबूतर'],
      pt: ['pombo', 'pombos', 'pássaros'],
      es: ['paloma', 'palomas', 'pájaros'],
      fr: ['pigeon', 'pigeons', 'oiseaux'],
      de: ['tauben', 'taube', 'vögel'],
      tr: ['güvercin', 'kuş'],
      ms: ['burung', 'merpati'],
      id: ['burung', 'merpati'],
      ar: ['حمام', 'طيور'],
    },
  },
  maid: {
    forms: {
      en: ['maid', 'maids', 'nanny', 'housekeeper', 'babysitter'],
      hi: ['naukrani', 'bai', 'kaamwali', 'नौकरानी'],
      pt: ['empregada', 'babá', 'ama'],
      es: ['niñera', 'empleada', 'asistenta'],
      fr: ['nounou', 'ménage', 'baby-sitter'],
      de: ['kindermädchen', 'putzfrau', 'haushaltshilfe'],
      tr: ['bakıcı', 'yardımcı'],
      ms: ['pembantu', 'orang gaji'],
      id: ['pembantu', 'art', 'babysitter'],
      ar: ['شغاله', 'خادمه', 'مربيه'],
    },
  },
  tv: {
    forms: {
      en: ['tv', 'television', 'phone', 'laptop', 'computer'],
      hi: ['tv', 'टीवी', 'mobile', 'laptop'],
      fr: ['télé', 'télévision', 'téléphone', 'portable', 'ordinateur'],
      ms: ['tv', 'telefon', 'laptop'],
      id: ['tv', 'hp', 'laptop'],
      tr: ['televizyon', 'telefon', 'laptop'],
      de: ['fernseher', 'handy', 'laptop'],
      pt: ['televisão', 'telemóvel', 'celular', 'portátil'],
      es: ['televisión', 'tele', 'móvil', 'portátil'],
      ar: ['تلفزيون', 'تلفاز', 'موبايل', 'لابتوب'],
    },
  },
  venue: {
    forms: {
      en: ['venue', 'hall'],
      es: ['salón', 'local', 'finca'],
      pt: ['salão', 'espaço'],
      de: ['saal', 'location', 'räumlichkeiten'],
      fr: ['salle', 'lieu'],
      tr: ['salon', 'mekan'],
      ms: ['dewan'],
      id: ['gedung', 'aula'],
      ar: ['قاعه', 'صاله'],
    },
  },
  cake: {
    forms: {
      en: ['cake', 'cakes'],
      es: ['tarta', 'pastel'],
      pt: ['bolo', 'bolos'],
      de: ['torte', 'hochzeitstorte'],
      fr: ['gâteau', 'pièce montée'],
      tr: ['pasta', 'pastası'],
      ms: ['kek'],
      id: ['kue'],
      ar: ['كيكه', 'تورته', 'جاطو'],
    },
  },
  // pests and what they live in
  cockroach: {
    forms: {
      en: ['cockroach', 'cockroaches', 'roach', 'roaches'],
      ms: ['lipas'],
      id: ['kecoa', 'kecoak', 'coro'],
      hi: ['कॉकरोच', 'तिलचट्टा', 'cockroach', 'cockroaches', 'tilchatta'],
      tr: ['hamamböceği', 'hamamböcekleri', 'karafatma'],
      de: ['kakerlake', 'kakerlaken', 'schabe', 'schaben'],
      pt: ['barata', 'baratas'],
      es: ['cucaracha', 'cucarachas'],
      fr: ['cafard', 'cafards', 'blatte', 'blattes'],
      ar: ['صرصور', 'صراصير', 'صرصار', 'صراصر', 'sarsour', 'sarasir', 'sarsoor'],
    },
  },
  ant: {
    forms: {
      en: ['ants'],
      ms: ['semut'],
      id: ['semut'],
      hi: ['चींटी', 'चींटियां', 'चींटियाँ', 'cheenti', 'chinti', 'cheentiyan'],
      tr: ['karınca', 'karıncalar'],
      de: ['ameise', 'ameisen'],
      pt: ['formiga', 'formigas'],
      es: ['hormiga', 'hormigas'],
      fr: ['fourmi', 'fourmis'],
      ar: ['نمل', 'نمله', 'naml'],
    },
  },
  insect: {
    forms: {
      en: ['insect', 'insects', 'pest', 'pests', 'vermin'],
      ms: ['serangga', 'perosak'],
      id: ['serangga', 'hama'],
      hi: ['कीड़े', 'कीड़ा', 'कीट', 'keede', 'keeday', 'kide', 'keeda'],
      tr: ['haşere', 'haşereler', 'böcek', 'böcekler', 'böceği'],
      de: ['insekten', 'ungeziefer', 'schädlinge', 'schädling'],
      pt: ['inseto', 'insetos', 'insecto', 'insectos', 'praga', 'pragas', 'bicharada'],
      es: ['insecto', 'insectos', 'plaga', 'plagas', 'bichos'],
      fr: ['insecte', 'insectes', 'nuisibles'],
      // …and what kills them ("رش مبيدات")
      ar: ['حشره', 'حشرات', 'hashara', 'hasharat', 'مبيد', 'مبيدات'],
    },
  },
  bedbug: {
    forms: {
      en: ['bedbug', 'bedbugs'],
      ms: ['pepijat', 'kepinding'],
      id: ['kutu', 'kepinding', 'tumbila'],
      hi: ['खटमल', 'khatmal'],
      tr: ['tahtakurusu', 'tahtakuruları'],
      de: ['bettwanze', 'bettwanzen', 'wanzen'],
      pt: ['percevejo', 'percevejos'],
      es: ['chinche', 'chinches'],
      fr: ['punaise', 'punaises'],
      ar: ['بق', 'بقه', 'ba2', 'ba2a', 'baq'],
    },
  },
  termite: {
    forms: {
      en: ['termite', 'termites'],
      ms: ['anai'],
      id: ['rayap'],
      hi: ['दीमक', 'deemak', 'dimak', 'deemag'],
      tr: ['termit', 'termitler'],
      de: ['termite', 'termiten'],
      pt: ['cupim', 'cupins', 'térmita', 'térmitas', 'térmite'],
      es: ['termita', 'termitas', 'comején'],
      fr: ['termite', 'termites'],
      ar: ['ارضه', 'الارضه', 'ardha', 'arda'],
    },
  },
  rodent: {
    forms: {
      en: ['rat', 'rats', 'mouse', 'mice', 'rodent', 'rodents'],
      ms: ['tikus'],
      id: ['tikus'],
      hi: ['चूहा', 'चूहे', 'chuha', 'chuhe', 'choohe'],
      tr: ['fare', 'fareler', 'sıçan', 'sıçanlar'],
      de: ['ratte', 'ratten', 'maus', 'mäuse', 'nager'],
      pt: ['rato', 'ratos', 'ratazana', 'ratazanas', 'roedor', 'roedores'],
      es: ['rata', 'ratas', 'ratón', 'ratones', 'roedor', 'roedores'],
      fr: ['rat', 'rats', 'souris', 'rongeur', 'rongeurs'],
      ar: ['فار', 'فأر', 'فئران', 'فيران', 'جرذ', 'جرذان', 'جردان', 'far', 'fiiran', 'feeran'],
    },
  },
  // upholstery
  sofa: {
    forms: {
      en: ['sofa', 'sofas', 'couch', 'settee', 'upholstery'],
      ms: ['sofa'],
      id: ['sofa'],
      hi: ['सोफा', 'सोफ़ा', 'sofa'],
      tr: ['koltuk', 'koltuklar', 'kanepe'],
      de: ['sofa', 'couch', 'polster'],
      pt: ['sofá', 'sofás', 'estofado', 'estofados'],
      es: ['sofá', 'sofás', 'tapizado'],
      fr: ['canapé', 'canapés'],
      ar: ['كنب', 'كنبه', 'كنبات', 'قنفه', 'انتريه', 'kanaba', 'kanab'],
    },
  },
  carpet: {
    forms: {
      en: ['carpet', 'carpets', 'rug', 'rugs'],
      ms: ['karpet', 'permaidani'],
      id: ['karpet', 'permadani'],
      hi: ['कालीन', 'कारपेट', 'kaleen', 'carpet'],
      tr: ['halı', 'halılar', 'halıları'],
      de: ['teppich', 'teppiche'],
      pt: ['tapete', 'tapetes', 'carpete', 'alcatifa'],
      es: ['alfombra', 'alfombras', 'moqueta'],
      fr: ['tapis', 'moquette'],
      ar: ['سجاد', 'سجاده', 'موكيت', 'zarbiya', 'sajjad'],
    },
  },
  // household appliances
  washer: {
    forms: {
      en: ['washer', 'washers'],
      hi: ['वॉशिंग', 'washing'],
      tr: ['çamaşır'],
      de: ['waschmaschine', 'waschmaschinen', 'waschtrockner'],
      pt: ['lavadora', 'lava'],
      es: ['lavadora', 'lavarropas'],
      fr: ['linge'],
      ar: ['غساله', 'غسالات', 'ghassala', 'ghasala'],
    },
  },
  fridge: {
    forms: {
      en: ['fridge', 'fridges', 'refrigerator', 'freezer', 'freezers'],
      ms: ['peti', 'ais', 'sejuk'],
      id: ['kulkas', 'lemari', 'freezer'],
      hi: ['फ्रिज', 'फ़्रिज', 'fridge', 'freez'],
      tr: ['buzdolabı', 'buzdolabım', 'dondurucu'],
      de: ['kühlschrank', 'gefrierschrank', 'gefriertruhe'],
      pt: ['geladeira', 'frigorífico', 'congelador', 'freezer'],
      es: ['nevera', 'refrigerador', 'frigorífico', 'heladera', 'congelador'],
      fr: ['frigo', 'réfrigérateur', 'congélateur'],
      ar: ['ثلاجه', 'براد', 'فريزر', 'tallaja', 'thallaja', 'frigo'],
    },
  },
  dishwasher: {
    forms: {
      en: ['dishwasher', 'dishwashers'],
      ms: ['pinggan'],
      id: ['piring'],
      hi: ['डिशवॉशर', 'dishwasher'],
      tr: ['bulaşık'],
      de: ['spülmaschine', 'geschirrspüler', 'geschirrspülmaschine'],
      pt: ['louça', 'loiça'],
      es: ['lavavajillas', 'lavaplatos'],
      fr: ['vaisselle'],
      ar: ['جلايه', 'jalaya'],
    },
  },
  oven: {
    forms: {
      en: ['oven', 'ovens', 'cooker', 'cookers', 'stove', 'hob', 'hobs', 'microwave', 'microwaves'],
      ms: ['ketuhar', 'oven', 'dapur'],
      id: ['oven', 'kompor', 'microwave'],
      hi: ['ओवन', 'माइक्रोवेव', 'चूल्हा', 'oven', 'microwave'],
      tr: ['fırın', 'fırını', 'ocak', 'ocağı', 'mikrodalga'],
      de: ['backofen', 'herd', 'ofen', 'mikrowelle'],
      pt: ['forno', 'fogão', 'microondas'],
      es: ['horno', 'cocina', 'microondas', 'estufa'],
      fr: ['four', 'cuisinière', 'plaque'],
      ar: ['فرن', 'افران', 'بوتاجاز', 'مايكرويف', 'ميكروويف', 'forn', 'furn'],
    },
  },
  // events and food
  wedding: {
    forms: {
      en: ['wedding', 'weddings', 'marriage', 'nikah', 'walima'],
      ms: ['kahwin', 'perkahwinan', 'nikah', 'walimah'],
      id: ['nikahan', 'pernikahan', 'kawinan', 'resepsi'],
      hi: ['शादी', 'विवाह', 'shaadi', 'shadi', 'vivah'],
      tr: ['düğün', 'düğünümüz', 'nikah', 'nişan'],
      de: ['hochzeit', 'hochzeiten', 'trauung'],
      pt: ['casamento', 'casamentos', 'boda'],
      es: ['boda', 'bodas', 'casamiento', 'enlace'],
      fr: ['mariage', 'mariages', 'noces'],
      ar: ['عرس', 'زواج', 'زفاف', 'فرح', 'اعراس', 'عرسي', '3ers', 'zwaj', 'l3ers', 'fara7', 'far7', 'farah'],
    },
  },
  celebration: {
    forms: {
      en: [
        'birthday',
        'party',
        'parties',
        'christening',
        'baptism',
        'anniversary',
        'celebration',
        'event',
        'events',
      ],
      ms: ['majlis', 'jamuan', 'parti', 'kenduri'],
      id: ['ultah', 'pesta', 'acara', 'syukuran', 'arisan'],
      hi: ['पार्टी', 'जन्मदिन', 'party', 'birthday', 'function'],
      tr: ['parti', 'davet', 'kutlama', 'etkinlik', 'sünnet'],
      de: ['geburtstag', 'feier', 'party', 'taufe', 'jubiläum', 'veranstaltung', 'firmenfeier'],
      pt: ['aniversário', 'festa', 'batizado', 'evento', 'eventos', 'comemoração'],
      es: [
        'cumpleaños',
        'cumple',
        'fiesta',
        'bautizo',
        'comunión',
        'evento',
        'eventos',
        'posada',
        'celebración',
      ],
      fr: ['anniversaire', 'fête', 'baptême', 'soirée', 'événement', 'évènement'],
      ar: ['حفله', 'حفلات', 'ميلاد', 'مناسبه', 'عقيقه', 'حفل', 'hafla', 'aqiqa'],
    },
  },
  dessert: {
    forms: {
      en: ['dessert', 'desserts', 'sweets', 'pastries', 'cupcakes'],
      ms: ['kuih', 'manisan'],
      id: ['dessert', 'jajanan'],
      hi: ['मिठाई', 'mithai', 'dessert'],
      tr: ['tatlı', 'tatlılar', 'tatlıları'],
      de: ['dessert', 'desserts', 'süßigkeiten', 'nachtisch'],
      pt: ['doces', 'sobremesa', 'sobremesas', 'docinhos'],
      es: ['postres', 'postre', 'dulces'],
      fr: ['desserts', 'dessert', 'douceurs', 'pâtisseries'],
      ar: ['حلويات', 'حلى', 'حلا', 'halawiyat'],
    },
  },
  grill: {
    forms: {
      en: ['bbq', 'barbecue', 'grill', 'grilled'],
      ms: ['bbq', 'panggang'],
      id: ['bbq', 'bakar', 'panggang'],
      hi: ['बारबेक्यू', 'तंदूर', 'bbq', 'tandoor'],
      tr: ['mangal', 'barbekü', 'ızgara'],
      de: ['grill', 'grillen', 'bbq'],
      pt: ['churrasco', 'churrasqueiro', 'grelhados'],
      es: ['barbacoa', 'parrillada', 'parrilla', 'asado'],
      fr: ['barbecue', 'grillade', 'grillades', 'méchoui'],
      ar: ['مشوي', 'مشاوي', 'شواء', 'مشوى', 'mechoui', 'mashawi', 'michwi'],
    },
  },
  canape: {
    forms: {
      en: ['canapés', 'canapes', 'fingerfood', 'bites', 'snacks'],
      tr: ['kanepe'],
      de: ['fingerfood', 'häppchen'],
      pt: ['salgadinhos', 'canapés', 'petiscos'],
      es: ['canapés', 'canapes', 'aperitivos', 'picoteo'],
      fr: ['canapés', 'bouchées'],
      ar: ['مقبلات', 'muqabbilat'],
    },
  },
  music: {
    forms: {
      en: ['dj', 'music', 'band'],
      es: ['música'],
      pt: ['música'],
      de: ['musik'],
      fr: ['musique'],
      tr: ['müzik'],
      ms: ['muzik'],
      id: ['musik'],
      ar: ['موسيقي'],
    },
  },
  alcohol: {
    forms: {
      en: ['alcohol', 'bar', 'wine', 'beer', 'cocktails'],
      es: ['alcohol', 'barra', 'vino', 'cerveza'],
      pt: ['álcool', 'bebidas', 'vinho', 'cerveja'],
      de: ['alkohol', 'bar', 'wein', 'bier'],
      fr: ['alcool', 'vin', 'bière'],
      tr: ['alkol', 'içki', 'şarap'],
      ar: ['كحول', 'خمر', 'بيره'],
    },
  },
  tent: {
    forms: {
      en: ['tent', 'marquee', 'equipment', 'chairs', 'tables'],
      es: ['carpa', 'equipo', 'sillas', 'mesas'],
      pt: ['tenda', 'equipamento', 'cadeiras'],
      de: ['zelt', 'ausrüstung', 'stühle', 'tische'],
      fr: ['tente', 'chapiteau', 'matériel', 'chaises'],
      tr: ['çadır', 'ekipman', 'sandalye'],
      ar: ['خيمه', 'معدات', 'كراسي'],
    },
  },
  locksmith: {
    forms: {
      en: ['locksmith', 'locked out'],
      tr: ['çilingir'],
      de: ['schlüsseldienst', 'ausgesperrt', 'aufsperren'],
      pt: ['chaveiro', 'serralheiro'],
      es: ['cerrajero'],
      fr: ['serrurier'],
      ar: ['قفال'],
    },
  },
};

/** Two tables as one: a concept both have keeps the first's strength and says every form of both. */
function mergeConcepts(
  base: Record<string, Concept>,
  more: Record<string, Concept>,
): Record<string, Concept> {
  const merged: Record<string, Concept> = { ...base };
  for (const [id, concept] of Object.entries(more)) {
    const known = merged[id];
    if (known === undefined) {
      merged[id] = concept;
      continue;
    }
    const forms: Partial<Record<string, readonly string[]>> = { ...known.forms };
    for (const [language, words] of Object.entries(concept.forms)) {
      forms[language] = [...(forms[language] ?? []), ...(words ?? [])];
    }
    merged[id] = { ...known, forms };
  }
  return merged;
}

const CONCEPTS = mergeConcepts(BASE_CONCEPTS, DOMAIN_CONCEPTS);

/** Language families whose customers mix each other's words; English is read in every family. */
const FAMILY: Record<string, readonly string[]> = {
  ms: ['ms', 'id', 'en'],
  id: ['id', 'ms', 'en'],
  // Arabizi borrows French (Maghreb) and English (Levant, Gulf) words
  ar: ['ar', 'fr', 'en'],
  hi: ['hi', 'en'],
};

function familyOf(language: string): readonly string[] {
  return FAMILY[language] ?? (language === 'en' ? ['en'] : [language, 'en']);
}

/** A folded form: Arabizi digits read as letters, so `tasli7` and `tasli7` compare after folding. */
function foldForm(form: string): string {
  return tokens(form)
    .map((word) => (isArabizi(word) ? arabiziToLatin(word) : word))
    .join('');
}

type FormTable = Map<string, Set<string>>;
let tables: Map<string, FormTable> | undefined;

/** Per language, folded form → the concepts it says. */
function formTables(): Map<string, FormTable> {
  if (tables !== undefined) return tables;
  tables = new Map();
  for (const [concept, { forms }] of Object.entries(CONCEPTS)) {
    for (const [language, words] of Object.entries(forms)) {
      const table = tables.get(language) ?? new Map<string, Set<string>>();
      for (const word of words ?? []) {
        const form = foldForm(word);
        if (form === '') continue;
        const concepts = table.get(form) ?? new Set<string>();
        concepts.add(concept);
        table.set(form, concepts);
      }
      tables.set(language, table);
    }
  }
  return tables;
}

/** The pattern of an Arabic noun of quality or action ("غسيل", washing): its three root letters. */
const ARABIC_FAIIL = /^(.)(.)ي(.)$/u;
let arabicRoots: Map<string, Set<string>> | undefined;

/**
 * The concepts of the Arabic forms, by their root: a verb of the same root says the concept ("أنقل", "ننقل",
 * "ينقلون" of نقل, moving; "تغسلو" of غسيل, washing), in whatever person a customer writes it. A root two
 * concepts' forms share says neither, nor does a root with a weak letter.
 */
function arabicConceptRoots(): Map<string, Set<string>> {
  if (arabicRoots !== undefined) return arabicRoots;
  const byRoot = new Map<string, Set<string>>();
  for (const [form, concepts] of formTables().get('ar') ?? []) {
    const plain = form.replace(/[أإآئؤء]/gu, 'ا');
    const faiil = ARABIC_FAIIL.exec(plain);
    const root =
      plain.length === 3
        ? plain
        : (arabicRoot(form) ?? (faiil === null ? undefined : faiil.slice(1).join('')));
    if (root === undefined) continue;
    const all = byRoot.get(root) ?? new Set<string>();
    for (const concept of concepts) all.add(concept);
    byRoot.set(root, all);
  }
  // a root with an alif or a ya is too often a pattern's own letter read as the root's ("ناري" is no verb)
  arabicRoots = new Map([...byRoot].filter(([root, concepts]) => concepts.size === 1 && !/[اي]/u.test(root)));
  return arabicRoots;
}

let arabiziTable: Map<string, Set<string>> | undefined;
/** Least consonants an Arabizi word shares with an Arabic form to be read as it. */
const ARABIZI_MIN_CONSONANTS = 4;

/**
 * The concepts of the Arabic-script forms by their consonants, which Arabizi keeps whatever vowels it writes
 * ("tanzeef", "tanzif" for تنظيف; "ta3qeem" for تعقيم). A skeleton two concepts' forms share says neither.
 */
function arabiziConcepts(): Map<string, Set<string>> {
  if (arabiziTable !== undefined) return arabiziTable;
  const bySkeleton = new Map<string, Set<string>>();
  for (const [form, concepts] of formTables().get('ar') ?? []) {
    if (LATIN.test(form)) continue;
    const skeleton = consonantSkeleton(form.replace(/^ال(?=...)/u, ''));
    if (skeleton === undefined || skeleton.length < ARABIZI_MIN_CONSONANTS) continue;
    const all = bySkeleton.get(skeleton) ?? new Set<string>();
    for (const concept of concepts) all.add(concept);
    bySkeleton.set(skeleton, all);
  }
  arabiziTable = new Map([...bySkeleton].filter(([, concepts]) => concepts.size === 1));
  return arabiziTable;
}

/** The concepts an Arabizi word's consonants say, with or without a joined article ("eltanzeef"). */
function arabiziByConsonants(word: string): Set<string> | undefined {
  const latin = isArabizi(word) ? arabiziToLatin(word) : word;
  const table = arabiziConcepts();
  for (const form of [latin, latin.replace(/^(?:el|al|l)(?=[a-z]{4})/u, '')]) {
    const skeleton = consonantSkeleton(form);
    if (skeleton === undefined || skeleton.length < ARABIZI_MIN_CONSONANTS) continue;
    const found = table.get(skeleton);
    if (found !== undefined) return found;
  }
  return undefined;
}

const LATIN = /^[a-z0-9]+$/;
const MAX_SUFFIX = 6;
/**
 * An owner writes a name in its plain form, so a longer ending there is another word ("Reifen|hotel"), not
 * an inflection: a name with such a word is not read by its concepts.
 */
const NAME_MAX_SUFFIX = 3;

/** Concepts a form table gives a word: the word itself, or a known form with a suffix added. */
function lookup(word: string, table: FormTable, maxSuffix = MAX_SUFFIX): Set<string> | undefined {
  const exact = table.get(word);
  if (exact !== undefined) return exact;
  const latin = LATIN.test(word);
  // suffixes: Turkish lastiklerimi, Malay pindahkan, Arabic شمسية; a form must be long enough to be one
  const minForm = latin ? 4 : 3;
  for (let cut = word.length - 1; cut >= minForm && word.length - cut <= maxSuffix; cut--) {
    const found = table.get(word.slice(0, cut));
    if (found !== undefined && (latin || word.length - cut <= 2)) return found;
  }
  return undefined;
}

/**
 * Concepts of one folded word read in the given languages, one set per part: a compound of two known
 * words (Reifen|wechsel, Bremsbelag|wechsel, with or without a linking s/n) has two parts.
 */
function conceptParts(word: string, languages: readonly string[], maxSuffix = MAX_SUFFIX): Set<string>[] {
  if (GREETINGS.has(word) || ARABIC_TIME_WORDS.has(word)) return [new Set()];
  const all = formTables();
  const latin = LATIN.test(word);
  const readIn = latin ? languages : [...all.keys()];
  const forms = latin ? [isArabizi(word) ? arabiziToLatin(word) : word] : [word, ...arabicStems(word)];
  const found = new Set<string>();
  for (const language of readIn) {
    const table = all.get(language);
    if (table === undefined) continue;
    for (const form of forms) {
      for (const concept of lookup(form, table, maxSuffix) ?? []) found.add(concept);
    }
  }
  // Arabizi written with other vowels than the forms have
  if (found.size === 0 && latin && languages.includes('ar'))
    for (const concept of arabiziByConsonants(word) ?? []) found.add(concept);
  if (found.size === 0 && !latin) {
    const byRoot = arabicConceptRoots();
    const root = arabicVerbRoots(word).find((candidate) => byRoot.has(candidate));
    for (const concept of (root === undefined ? undefined : byRoot.get(root)) ?? []) found.add(concept);
  }
  if (found.size > 0 || !latin || word.length < 8) return [found];
  for (const language of readIn) {
    const table = all.get(language);
    if (table === undefined) continue;
    for (let cut = 3; cut <= word.length - 3; cut++) {
      const head = table.get(word.slice(0, cut));
      if (head === undefined) continue;
      const tail = lookup(word.slice(cut).replace(/^[sn](?=[^aeiou])/u, ''), table, maxSuffix);
      if (tail !== undefined) return [new Set(head), new Set(tail)];
    }
  }
  // a German compound is what its last part is, whatever the first ("Winter|reifen" are tyres, "Außen|wäsche"
  // a wash): the longest known last part of five letters or more
  if (readIn.includes('de')) {
    const table = all.get('de');
    for (let cut = 3; table !== undefined && cut <= word.length - COMPOUND_TAIL_MIN; cut++) {
      const tail = table.get(word.slice(cut));
      // …unless that part is a weak one, which the unknown first part makes specific: a "Leichen|wagen" (hearse) is
      // no car to rent or repair
      if (tail !== undefined) return [new Set([...tail].some((c) => !isWeakConcept(c)) ? tail : [])];
    }
  }
  return [found];
}
/** Letters the last part of a German compound needs to say what the whole is. */
const COMPOUND_TAIL_MIN = 5;

/**
 * Arabic words of when say no concept, whatever a stem they have ("بكرا", tomorrow, is no "كرا", rent, after a
 * "ب").
 */
const ARABIC_TIME_WORDS = new Set(
  'بكرا بكره بكرة غدا غدوه غدوة اليوم امبارح البارح بعدين هلق هلا توا دابا دروك الحين'
    .split(' ')
    .map((word) => tokens(word)[0] ?? word),
);

/** Greetings say no concept, whatever a form they start with ("hallo" is no "hall"). */
const GREETINGS = new Set(
  [
    'hallo',
    'hello',
    'hola',
    'ola',
    'halo',
    'hai',
    'salut',
    'merhaba',
    'salam',
    'salaam',
    'namaste',
    'bonjour',
    'servus',
    'moin',
  ].map((word) => tokens(word)[0] ?? word),
);

function readWord(word: string, language: string, maxSuffix = MAX_SUFFIX): Set<string>[] {
  if (language !== '*') return conceptParts(word, familyOf(language), maxSuffix);
  // the owner's own wording of what is not offered: English first, then any language
  const english = conceptParts(word, ['en'], maxSuffix);
  return english.some((part) => part.size > 0)
    ? english
    : conceptParts(word, [...formTables().keys()], maxSuffix);
}

/** The concepts each word of a message says, read in `language`'s family (a compound says all of its parts). */
export function conceptsOf(
  words: readonly string[],
  language: string,
  maxSuffix = MAX_SUFFIX,
): Set<string>[] {
  return words.map((word) => new Set(readWord(word, language, maxSuffix).flatMap((part) => [...part])));
}

/**
 * The concepts a name needs, one set per part of each word, read in the name's language (`*`: a
 * language-neutral name); an empty set for a word no concept says.
 */
export function conceptsNeeded(words: readonly string[], language: string): Set<string>[] {
  return words.flatMap((word) => readWord(word, language, NAME_MAX_SUFFIX));
}

/** Whether a concept names services too broadly to name one alone (a broad concept is weak too). */
export function isWeakConcept(concept: string): boolean {
  return CONCEPTS[concept]?.weak === true || isBroadConcept(concept);
}

/** Whether a concept counts only beside a specific one (lesson, appointment, food…); see `Concept.broad`. */
export function isBroadConcept(concept: string): boolean {
  return CONCEPTS[concept]?.broad === true;
}
