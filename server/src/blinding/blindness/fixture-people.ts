// The people of the blindness suite's world. Every string is distinctive (accents, hyphens,
// letters NFKD leaves whole) so that a leak is found however it is spelt; nothing here is a word
// the app says on its own. The walk does not read this list: it works out what each viewer may not
// read from the database (identities.ts), so a fixture added later is covered too.
export const people = {
  author: {
    name: 'Zoë Ångström-Okonkwo',
    email: 'zoe.angstrom-okonkwo@st-etienne-rouvray.example',
    affiliation: 'Université de Saint-Étienne-du-Rouvray',
    orcid: '0000-0002-1825-0097',
  },
  coAuthor: {
    name: 'Siobhán Nguyễn-Farquharson',
    email: 'siobhan.nguyen-farquharson@kirkwall-orcadia.example',
    affiliation: 'Kirkwall-Orcadia Børnehus Trust',
  },
  otherAuthor: {
    name: 'Dagrún Castellanos-Ibáñez',
    email: 'dagrun.castellanos-ibanez@valladolid-duero.example',
    affiliation: 'Ayuntamiento de Valladolid-Duero',
  },
  awardAuthor: {
    name: 'Màiri Oyelowo-Szczepańska',
    email: 'mairi.oyelowo-szczepanska@stornoway-leodhas.example',
    affiliation: 'Comhairle nan Eilean Siar-Leòdhas',
  },
  openAuthor: {
    name: 'Břetislav Kowalczyk-Ferreira',
    email: 'bretislav.kowalczyk-ferreira@olomouc-hana.example',
    affiliation: 'Olomoucký kraj-Haná Family Service',
  },
  singleAuthor: {
    name: 'Teodora Ivanova-Achterberg',
    email: 'teodora.ivanova-achterberg@plovdiv-trakia.example',
    affiliation: 'Община Пловдив-Тракия Social Services',
  },
  reviewer1: {
    name: 'Łukasz Øyelaran-Brown',
    email: 'lukasz.oyelaran-brown@gdansk-wrzeszcz.example',
    affiliation: 'Politechnika Gdańska-Wrzeszcz',
    employer: 'Pomorskie Centrum Pomocy-Rodzinie',
  },
  reviewer2: {
    name: 'Ingrid Þórsdóttir-Mbeki',
    email: 'ingrid.thorsdottir-mbeki@akureyri-nordurland.example',
    affiliation: 'Háskólinn á Akureyri-Norðurland',
    employer: 'Velferðarsvið Akureyrar-Eyjafjörður',
  },
  reviewer3: {
    name: 'Rémi Ĉapek-Villanueva',
    email: 'remi.capek-villanueva@brno-moravia.example',
    affiliation: 'Masarykova univerzita Brno-Morava',
    employer: 'Jihomoravský kraj-Sociální odbor',
  },
} as const;

/** The name the file had on its author's computer: "Ångström-Okonkwo_final-draft.pdf". */
export const uploadNameOf = (author: { name: string }) => `${author.name.split(' ').at(-1)}_final-draft.pdf`;
export const confidential = (reviewer: number, where: string) =>
  `Confidential-Ξ-marker ${where} from reviewer ${reviewer}: I once supervised someone on this team.`;
