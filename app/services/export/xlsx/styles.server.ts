// Cell styles of the workbook: shared objects, so exceljs computes each style id once (it caches by
// identity). CNY amounts in yuan with the ¥ format, the reporting currency in its own.
import type ExcelJS from "exceljs";
import type { DataLevel } from "../../../domain/data-level";

const CNY_FORMAT = '[$¥-804]#,##0.00';
const DATE_FORMAT = "yyyy-mm-dd";
const COUNT_FORMAT = "#,##0";
const RATIO_FORMAT = "0.00%";

function solid(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb } };
}

const HEADER_FILL = solid("FF1F2937");
const TOTAL_FILL = solid("FFF3F4F6");
const LEVEL_FILLS: Record<DataLevel, ExcelJS.Fill> = { individual: solid("FFD1FAE5"), transactional: solid("FFDBEAFE"), aggregated: solid("FFE5E7EB") };
const THIN_BOTTOM: Partial<ExcelJS.Borders> = { bottom: { style: "thin", color: { argb: "FF9CA3AF" } } };

/** Currency symbol and decimals per reporting currency (any other is written by its code). */
const REPORTING_SYMBOLS: Record<string, [prefix: string, decimals: number]> = {
  CNY: ["[$¥-804]", 2],
  EUR: ['"€"', 2],
  USD: ['"$"', 2],
  GBP: ['"£"', 2],
  CHF: ['"CHF "', 2],
  JPY: ['"JP¥"', 0],
  KRW: ['"₩"', 0],
  SGD: ['"S$"', 2],
  HKD: ['"HK$"', 2],
  AUD: ['"A$"', 2],
};

function reportingFormat(currency: string): string {
  const [prefix, decimals] = REPORTING_SYMBOLS[currency] ?? [`"${currency} "`, 2];
  return `${prefix}#,##0${decimals > 0 ? `.${"0".repeat(decimals)}` : ""}`;
}

type Style = Partial<ExcelJS.Style>;

export type Styles = ReturnType<typeof makeStyles>;

export function makeStyles(reportingCurrency: string) {
  return {
    key: { font: { color: { argb: "FF9CA3AF" }, size: 8 } } as Style,
    header: { font: { bold: true, color: { argb: "FFFFFFFF" } }, fill: HEADER_FILL, alignment: { vertical: "middle", wrapText: true } } as Style,
    title: { font: { bold: true, size: 14 } } as Style,
    section: { font: { bold: true, size: 12 }, border: THIN_BOTTOM } as Style,
    cny: { numFmt: CNY_FORMAT } as Style,
    cnyTotal: { numFmt: CNY_FORMAT, font: { bold: true }, fill: TOTAL_FILL } as Style,
    reporting: { numFmt: reportingFormat(reportingCurrency) } as Style,
    date: { numFmt: DATE_FORMAT, alignment: { horizontal: "left" } } as Style,
    count: { numFmt: COUNT_FORMAT } as Style,
    integer: { numFmt: "0" } as Style,
    ratio: { numFmt: RATIO_FORMAT } as Style,
    percent: { numFmt: "0.0%" } as Style,
    multiple: { numFmt: '0.00"×"' } as Style,
    decimal: { numFmt: "0.00" } as Style,
    fx: { numFmt: "0.0000##" } as Style,
    wrap: { alignment: { wrapText: true, vertical: "top" } } as Style,
    id: { font: { color: { argb: "FF6B7280" }, size: 9 } } as Style,
    totalLabel: { font: { bold: true }, fill: TOTAL_FILL } as Style,
    level: Object.fromEntries(Object.entries(LEVEL_FILLS).map(([level, fill]) => [level, { fill }])) as Record<DataLevel, Style>,
  };
}
