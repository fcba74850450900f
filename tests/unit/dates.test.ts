import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  daysBetweenInclusive,
  fromDayNumber,
  isDateInRange,
  isIsoDate,
  isIsoWeek,
  isoWeekday,
  isoWeekOf,
  isoWeeksInYear,
  isoWeekStart,
  startOfIsoWeek,
  toDayNumber,
  weeksInRange,
} from "~/domain/dates";

// Day numbers from 1900-01-01 to 2199-12-31.
const dayNumber = fc.integer({ min: -25567, max: 83_950 });
const isoDate = dayNumber.map(fromDayNumber);

describe("isIsoDate", () => {
  it("accepts real calendar dates only", () => {
    expect(isIsoDate("2026-03-04")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true); // leap year
    expect(isIsoDate("2000-02-29")).toBe(true); // divisible by 400
    expect(isIsoDate("1900-02-29")).toBe(false); // divisible by 100
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-04-31")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-00-10")).toBe(false);
    expect(isIsoDate("2026-3-4")).toBe(false);
    expect(isIsoDate("2026-03-04T00:00:00Z")).toBe(false);
    expect(isIsoDate("0000-01-01")).toBe(false);
    expect(isIsoDate(20260304)).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });

  it("agrees with the UTC calendar of Date for every day", () => {
    fc.assert(
      fc.property(dayNumber, (day) => {
        const expected = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(day)).toBe(expected);
        expect(toDayNumber(expected)).toBe(day);
        expect(isIsoDate(expected)).toBe(true);
      }),
    );
  });
});

describe("day arithmetic", () => {
  it("counts both ends of a range", () => {
    expect(daysBetweenInclusive("2026-03-04", "2026-03-04")).toBe(1);
    expect(daysBetweenInclusive("2026-03-01", "2026-03-31")).toBe(31);
    expect(daysBetweenInclusive("2024-02-28", "2024-03-01")).toBe(3);
    expect(daysBetweenInclusive("2026-12-31", "2027-01-01")).toBe(2);
    expect(daysBetweenInclusive("2026-03-05", "2026-03-04")).toBe(0); // inverted: no days
  });

  it("adds days across months, leap days and years", () => {
    expect(addDays("2026-03-04", 0)).toBe("2026-03-04");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(() => addDays("2026-03-04", 0.5)).toThrow(RangeError);
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
  });

  it("keeps addDays and daysBetweenInclusive consistent", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 3000 }), (start, days) => {
        expect(daysBetweenInclusive(start, addDays(start, days))).toBe(days + 1);
        expect(addDays(addDays(start, days), -days)).toBe(start);
      }),
    );
  });

  it("tells whether a date is within an inclusive range", () => {
    expect(isDateInRange("2026-03-01", "2026-03-01", "2026-03-31")).toBe(true);
    expect(isDateInRange("2026-03-31", "2026-03-01", "2026-03-31")).toBe(true);
    expect(isDateInRange("2026-04-01", "2026-03-01", "2026-03-31")).toBe(false);
  });
});

describe("ISO weeks", () => {
  it("names weeks by the year of their Thursday", () => {
    const table: [string, string][] = [
      ["2026-03-04", "2026-W10"],
      ["2026-02-26", "2026-W09"],
      ["2025-12-29", "2026-W01"], // Monday before 1 January 2026 (a Thursday)
      ["2026-01-01", "2026-W01"],
      ["2026-12-28", "2026-W53"], // 2026 starts on a Thursday: 53 weeks
      ["2026-12-31", "2026-W53"],
      ["2027-01-01", "2026-W53"],
      ["2027-01-03", "2026-W53"],
      ["2027-01-04", "2027-W01"],
      ["2024-12-30", "2025-W01"],
      ["2021-01-03", "2020-W53"],
      ["2022-01-01", "2021-W52"],
      ["2018-12-31", "2019-W01"],
    ];
    for (const [date, week] of table) expect(isoWeekOf(date), date).toBe(week);
  });

  it("agrees with weekdays: Monday 1 … Sunday 7", () => {
    expect(isoWeekday("2026-03-02")).toBe(1);
    expect(isoWeekday("2026-03-08")).toBe(7);
    expect(isoWeekday("1970-01-01")).toBe(4);
    expect(startOfIsoWeek("2026-03-08")).toBe("2026-03-02");
    expect(startOfIsoWeek("2026-03-02")).toBe("2026-03-02");
  });

  it("finds the Monday of a week id and the weeks of a year", () => {
    expect(isoWeekStart("2026-W01")).toBe("2025-12-29");
    expect(isoWeekStart("2026-W53")).toBe("2026-12-28");
    expect(isoWeekStart("2027-W01")).toBe("2027-01-04");
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2027)).toBe(52);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isIsoWeek("2026-W53")).toBe(true);
    expect(isIsoWeek("2027-W53")).toBe(false);
    expect(isIsoWeek("2026-W00")).toBe(false);
    expect(isIsoWeek("2026-W1")).toBe(false);
    expect(() => isoWeekStart("2027-W53")).toThrow(RangeError);
  });

  it("puts every date in the week that starts on its Monday", () => {
    fc.assert(
      fc.property(isoDate, (date) => {
        const week = isoWeekOf(date);
        expect(isoWeekStart(week)).toBe(startOfIsoWeek(date));
        expect(isoWeekOf(addDays(startOfIsoWeek(date), 6))).toBe(week);
      }),
    );
  });
});

describe("weeksInRange", () => {
  it("clips the first and last weeks to the range across a year boundary", () => {
    expect(weeksInRange("2026-12-24", "2027-01-06")).toEqual([
      { week: "2026-W52", start: "2026-12-24", end: "2026-12-27", days: 4 },
      { week: "2026-W53", start: "2026-12-28", end: "2027-01-03", days: 7 },
      { week: "2027-W01", start: "2027-01-04", end: "2027-01-06", days: 3 },
    ]);
  });

  it("gives one slice for one day and none for an inverted range", () => {
    expect(weeksInRange("2026-03-04", "2026-03-04")).toEqual([{ week: "2026-W10", start: "2026-03-04", end: "2026-03-04", days: 1 }]);
    expect(weeksInRange("2026-03-05", "2026-03-04")).toEqual([]);
  });

  it("tiles the range: contiguous slices whose days add up", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 0, max: 800 }), (start, length) => {
        const end = addDays(start, length);
        const slices = weeksInRange(start, end);
        expect(slices.reduce((sum, s) => sum + s.days, 0)).toBe(length + 1);
        expect(slices[0]?.start).toBe(start);
        expect(slices.at(-1)?.end).toBe(end);
        slices.forEach((slice, i) => {
          expect(daysBetweenInclusive(slice.start, slice.end)).toBe(slice.days);
          expect(isoWeekOf(slice.start)).toBe(slice.week);
          expect(isoWeekOf(slice.end)).toBe(slice.week);
          const next = slices[i + 1];
          if (next) expect(next.start).toBe(addDays(slice.end, 1));
        });
      }),
    );
  });
});
