// Calendar dates are ISO "YYYY-MM-DD" strings, ranges inclusive (house style, rule 4). Arithmetic
// is done on day numbers (days since 1970-01-01) with integer formulas, never on Date objects,
// so no time zone or daylight-saving change can move a date.

/** One ISO week of a date range, clipped to the range. */
export type WeekSlice = { week: string; start: string; end: string; days: number };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (years 0001–9999). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for an ISO week id such as "2026-W09" whose week exists in that year. */
export function isIsoWeek(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const match = ISO_WEEK.exec(value);
  if (!match) return false;
  const [year, week] = [Number(match[1]), Number(match[2])];
  return year >= 1 && week >= 1 && week <= isoWeeksInYear(year);
}

/** Days from start to end, both included: same day → 1; 0 when end is before start. */
export function daysBetweenInclusive(start: string, end: string): number {
  return Math.max(0, toDayNumber(end) - toDayNumber(start) + 1);
}

/** The date `days` days after (or before, when negative) the given date. */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export function isoWeekday(date: string): number {
  // Day 0 (1970-01-01) was a Thursday.
  return mod(toDayNumber(date) + 3, 7) + 1;
}

/** The Monday that starts the ISO week of a date. */
export function startOfIsoWeek(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

/** ISO-8601 week id of a date: the week belongs to the year of its Thursday (2027-01-01 → "2026-W53"). */
export function isoWeekOf(date: string): string {
  const thursday = toDayNumber(date) + 4 - isoWeekday(date);
  const year = yearOfDayNumber(thursday);
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return `${String(year).padStart(4, "0")}-W${String(week).padStart(2, "0")}`;
}

/** Monday of an ISO week id ("2026-W01" → "2025-12-29"). */
export function isoWeekStart(week: string): string {
  if (!isIsoWeek(week)) throw new RangeError(`not an ISO week: ${week}`);
  const [year, number] = [Number(week.slice(0, 4)), Number(week.slice(6))];
  // 4 January is always in week 1.
  const week1Monday = startOfIsoWeek(fromDayNumber(daysFromCivil(year, 1, 4)));
  return addDays(week1Monday, (number - 1) * 7);
}

/** Number of ISO weeks in a year: 53 when 28 December falls in week 53, else 52. */
export function isoWeeksInYear(year: number): number {
  const december28 = fromDayNumber(daysFromCivil(year, 12, 28));
  return Number(isoWeekOf(december28).slice(6));
}

/** The ISO weeks a date range touches, in order, each clipped to the range; [] when end is before start. */
export function weeksInRange(start: string, end: string): WeekSlice[] {
  const last = toDayNumber(end);
  const slices: WeekSlice[] = [];
  for (let day = toDayNumber(start); day <= last; ) {
    const date = fromDayNumber(day);
    const sliceEnd = Math.min(last, day + 7 - isoWeekday(date));
    slices.push({ week: isoWeekOf(date), start: date, end: fromDayNumber(sliceEnd), days: sliceEnd - day + 1 });
    day = sliceEnd + 1;
  }
  return slices;
}

/** True when the date lies within [start, end], both included. */
export function isDateInRange(date: string, start: string, end: string): boolean {
  const day = toDayNumber(date);
  return day >= toDayNumber(start) && day <= toDayNumber(end);
}

/** Days since 1970-01-01 of an ISO date; throws on anything that is not one (a programming error). */
export function toDayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not an ISO date: ${date}`);
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** ISO date of a day number (days since 1970-01-01). */
export function fromDayNumber(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  if (year < 1 || year > 9999) throw new RangeError(`date out of range: day ${dayNumber}`);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

function yearOfDayNumber(dayNumber: number): number {
  return civilFromDays(dayNumber).year;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian, integers only.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** An ISO week moved by whole weeks (2027-W09 + 52 → 2028-W09 or -W08, as the calendar falls). */
export function addWeeks(week: string, weeks: number): string {
  return isoWeekOf(addDays(isoWeekStart(week), weeks * 7));
}
