import type { Solar } from 'lunar-typescript';
import { Lunar } from 'lunar-typescript';
import type { HolidayPeriod, HolidayYear } from '@aidflow/workflows/calendar';

/** The library the lunar dates and the Qingming solar term come from, named in every provisional year's source. */
export const LUNAR_LIBRARY = 'lunar-typescript 1.8.6';

/** The years the lunar library computes reliably (it covers 1900-2100; the calendar table takes 1970-2100). */
export const PROVISIONAL_YEARS = { min: 1970, max: 2100 } as const;

/**
 * The statutory rule a provisional year follows: 《全国年节及纪念日放假办法》 as amended by State Council Decree
 * No. 795 (2024), in force from 2025. Article 2: 元旦 1 day (1 January), 春节 4 days (New Year's Eve to the 3rd
 * day of the first lunar month), 清明节 1 day (the Qingming solar term), 劳动节 2 days (1-2 May), 端午节 1 day
 * (5th of the 5th lunar month), 中秋节 1 day (15th of the 8th lunar month), 国庆节 3 days (1-3 October). Article 6: a
 * holiday of all citizens that falls on a Saturday or Sunday is made up on a working day (补假).
 *
 * What it cannot know: the swaps (调休) each year's State Council notice makes, moving weekend days to bridge
 * holidays. A provisional year has none; the official notice, once loaded, replaces it.
 */
export const STATUTORY_RULE =
  '全国年节及纪念日放假办法 (国务院令第795号, 2024) Art. 2 and 6: 元旦 1, 春节 4 (除夕-初三), 清明 1, 劳动节 2, ' +
  '端午 1, 中秋 1, 国庆 3 days; a holiday on a weekend is made up on the next working day (补假); no 调休 swaps';

interface StatutoryHoliday {
  name: string;
  /** The legal holiday days, 'YYYY-MM-DD', in order. */
  days: string[];
}

const DAY_MS = 86_400_000;

const dayNumber = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const isWeekend = (day: number): boolean => {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
};
const solarIso = (s: Solar): string => s.toYmd();
const run = (from: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => isoOf(dayNumber(from) + i));

/** Whether every day strictly between `a` and `b` is a weekend day that no holiday takes. */
function onlyWeekendsBetween(a: number, b: number, off: ReadonlyMap<number, string>): boolean {
  for (let day = a + 1; day < b; day += 1) if (!isWeekend(day) || off.has(day)) return false;
  return true;
}

/** The legal holidays of `year` by Article 2, with their lunar dates from the library. */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const newYear = Lunar.fromYmd(year, 1, 1).getSolar();
  const springStart = solarIso(newYear.next(-1)); // 除夕: the last day of the old lunar year (the 29th or the 30th)
  const qingming = Lunar.fromYmd(year, 3, 1).getJieQiTable()['清明'];
  if (!qingming) throw new RangeError(`The lunar library has no Qingming solar term for ${year}`);
  return [
    { name: '元旦 New Year’s Day', days: [`${year}-01-01`] },
    { name: '春节 Spring Festival', days: run(springStart, 4) },
    { name: '清明节 Qingming Festival', days: [solarIso(qingming)] },
    { name: '劳动节 Labour Day', days: [`${year}-05-01`, `${year}-05-02`] },
    { name: '端午节 Dragon Boat Festival', days: [solarIso(Lunar.fromYmd(year, 5, 5).getSolar())] },
    { name: '中秋节 Mid-Autumn Festival', days: [solarIso(Lunar.fromYmd(year, 8, 15).getSolar())] },
    { name: '国庆节 National Day', days: run(`${year}-10-01`, 3) },
  ];
}

/**
 * A provisional schedule for a year with no State Council notice, by the statutory rule (`STATUTORY_RULE`): the
 * legal holidays, and for each legal day that falls on a weekend or on another holiday's day (中秋 inside 国庆), one
 * substitute day off: the first weekday after it that is not off already. Substitute days join their holiday's
 * period (with the weekend between, if any). No make-up working days. Deterministic: the same year always gives the same schedule.
 */
export function provisionalHolidayYear(year: number): HolidayYear {
  if (!Number.isInteger(year) || year < PROVISIONAL_YEARS.min || year > PROVISIONAL_YEARS.max) {
    throw new RangeError(
      `A provisional calendar is computed for ${PROVISIONAL_YEARS.min}-${PROVISIONAL_YEARS.max} only, not ${year}`,
    );
  }
  const off = new Map<number, string>(); // day -> holiday name
  const pending: Array<{ name: string; after: number }> = [];
  for (const holiday of statutoryHolidays(year)) {
    for (const iso of holiday.days) {
      const day = dayNumber(iso);
      if (off.has(day)) pending.push({ name: holiday.name, after: day });
      else {
        off.set(day, holiday.name);
        if (isWeekend(day)) pending.push({ name: holiday.name, after: day });
      }
    }
  }
  // Made up in the order the legal days come, each on the first free weekday after it.
  for (const { name, after } of pending) {
    let day = after + 1;
    while (isWeekend(day) || off.has(day)) day += 1;
    off.set(day, name);
  }
  const holidays: HolidayPeriod[] = [];
  for (const day of [...off.keys()].sort((a, b) => a - b)) {
    const name = off.get(day)!;
    const last = holidays[holidays.length - 1];
    if (last && last.name === name && onlyWeekendsBetween(dayNumber(last.to), day, off)) last.to = isoOf(day);
    else holidays.push({ name, from: isoOf(day), to: isoOf(day) });
  }
  return {
    year,
    kind: 'provisional',
    holidays,
    makeUpWorkdays: [],
    source: `Provisional, computed by aidflow: ${STATUTORY_RULE}; lunar dates from ${LUNAR_LIBRARY}. Replace it with the State Council notice for ${year} as soon as it is published.`,
  };
}
