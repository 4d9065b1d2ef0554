/**
 * Slots every genre can use: numbers, percentages, dates, money, people, places and companies, drawn from the
 * block's Rng and the seeded faker (never from the clock: faker's date helpers read `now`, so dates are built here).
 */
import type { Ctx, SlotTable } from './template.js';

const NUMBER_WORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve', 'fifteen', 'twenty'];
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'final'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CURRENCIES = ['$', '$', '$', '€', '€', '£'];

/** 12345 -> "12,345". */
export function grouped(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A money amount with a currency symbol, e.g. "$1,204.50" or "€89.99". */
export function money(c: Ctx, min: number, max: number, symbol = c.rng.pick(CURRENCIES)): string {
  // Log-uniform so small and large amounts both occur.
  const v = Math.exp(c.rng.uniform(Math.log(min), Math.log(max)));
  const cents = v < 1000 || c.rng.chance(0.6) ? (Math.round(v * 100) / 100).toFixed(2) : Math.round(v).toString();
  const [int, dec] = cents.split('.');
  return `${symbol}${grouped(Number(int))}${dec ? '.' + dec : ''}`;
}

/** A calendar date in one of the usual written forms. */
export function dateText(c: Ctx, minYear = 2015, maxYear = 2026): string {
  const y = c.rng.int(minYear, maxYear);
  const m = c.rng.int(0, 11);
  const d = c.rng.int(1, 28);
  switch (c.rng.int(0, 4)) {
    case 0:
      return `${MONTHS[m]} ${d}, ${y}`;
    case 1:
      return `${d} ${MONTHS[m]} ${y}`;
    case 2:
      return `${d} ${MONTHS_SHORT[m]} ${y}`;
    case 3:
      return `${String(d).padStart(2, '0')}/${String(m + 1).padStart(2, '0')}/${y}`;
    default:
      return `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
}

function pct(c: Ctx, lo: number, hi: number): string {
  const v = c.rng.uniform(lo, hi);
  return `${v.toFixed(c.rng.chance(0.6) ? 1 : 0)}%`;
}

/** The common slot table (genre tables are merged over it). */
export const COMMON_SLOTS: SlotTable = {
  n: (c) => String(c.rng.int(2, 60)),
  n2: (c) => String(c.rng.int(2, 12)),
  n3: (c) => String(c.rng.int(12, 480)),
  big: (c) => grouped(Math.exp(c.rng.uniform(Math.log(1200), Math.log(250_000)))),
  days: (c) => String(c.rng.pick([5, 7, 10, 14, 15, 21, 28, 30, 45, 60, 90])),
  numword: (c) => c.rng.pick(NUMBER_WORDS),
  ordinal: (c) => c.rng.pick(ORDINALS),
  pct: (c) => pct(c, 1, 60),
  smallpct: (c) => pct(c, 0.2, 9.9),
  dec: (c) => c.rng.uniform(0.05, 0.98).toFixed(2),
  pval: (c) => c.rng.pick(['0.001', '0.01', '0.05', '0.03', '0.002']),
  year: (c) => String(c.rng.int(1998, 2026)),
  oldyear: (c) => String(c.rng.int(1880, 1990)),
  month: (c) => c.rng.pick(MONTHS),
  weekday: (c) => c.rng.pick(WEEKDAYS),
  date: (c) => dateText(c),
  quarter: (c) => `${c.rng.pick(['first', 'second', 'third', 'fourth'])} quarter`,
  q: (c) => `Q${c.rng.int(1, 4)}`,
  time: (c) => `${c.rng.int(1, 12)}:${c.rng.pick(['00', '15', '30', '45'])} ${c.rng.pick(['a.m.', 'p.m.'])}`,
  clock: (c) => `${String(c.rng.int(7, 21)).padStart(2, '0')}:${String(c.rng.int(0, 59)).padStart(2, '0')}`,
  amount: (c) => money(c, 20, 25_000),
  small_amount: (c) => money(c, 1, 90),
  big_amount: (c) => `${c.rng.pick(CURRENCIES)}${c.rng.uniform(1.1, 98).toFixed(1)} ${c.rng.pick(['million', 'million', 'billion'])}`,
  person: (c) => `${c.f.person.firstName()} ${c.f.person.lastName()}`,
  surname: (c) => c.f.person.lastName(),
  first: (c) => c.f.person.firstName(),
  job: (c) => c.f.person.jobTitle(),
  jobarea: (c) => c.f.person.jobArea(),
  company: (c) => companyName(c),
  city: (c) => c.f.location.city(),
  country: (c) => c.f.location.country(),
  state: (c) => c.f.location.state(),
  street: (c) => c.f.location.streetAddress(),
  product: (c) => c.f.commerce.productName(),
  material: (c) => c.f.commerce.productMaterial().toLowerCase(),
  dept: (c) => c.f.commerce.department(),
  element: (c) => c.f.science.chemicalElement().name.toLowerCase(),
  colour: ['red', 'green', 'amber', 'blue', 'white', 'orange', 'yellow'],
  ref: (c) => `[${c.rng.int(1, 48)}]`,
  refs: (c) => {
    const a = c.rng.int(1, 40);
    return c.rng.chance(0.5) ? `[${a}, ${a + c.rng.int(1, 9)}]` : `[${a}]`;
  },
  fig: (c) => `Figure ${c.rng.int(1, 9)}`,
  tab: (c) => `Table ${c.rng.int(1, 7)}`,
  sec: (c) => `Section ${c.rng.int(2, 7)}`,
  code: (c) => `${c.f.string.alpha({ length: 2, casing: 'upper' })}-${c.rng.int(100, 9999)}`,
  phone: (c) => `(${c.rng.int(200, 989)}) ${c.rng.int(200, 989)}-${String(c.rng.int(0, 9999)).padStart(4, '0')}`,
};

const COMPANY_SUFFIX = ['Inc.', 'Ltd', 'LLC', 'Group', 'Partners', 'Holdings', 'Systems', 'Industries', 'GmbH', 'Logistics', 'Labs'];

/** A company name: faker's surname-style names, sometimes with a legal suffix. */
export function companyName(c: Ctx): string {
  const r = c.rng.int(0, 3);
  if (r === 0) return `${c.f.person.lastName()} ${c.rng.pick(COMPANY_SUFFIX)}`;
  if (r === 1) return `${c.f.person.lastName()} & ${c.f.person.lastName()}`;
  if (r === 2) return `${c.f.location.city()} ${c.rng.pick(COMPANY_SUFFIX)}`;
  return c.f.company.name().replace(' - ', '-');
}
