// The Legend sheet (what each data level gives back and which destinations capture it) and the
// hidden Lists sheet whose columns, as defined names, feed every drop-down.
import { DESTINATIONS } from "../../../domain/catalog";
import { DATA_LEVELS } from "../../../domain/data-level";
import { columnLetters } from "../../../domain/spreadsheet-cells";
import { SHEET_MARKERS } from "../../../domain/spreadsheet-columns";
import { LEVEL_LABELS, LIST_IDS, listOptions } from "../../../domain/spreadsheet-lists";
import { LEGEND_TEXT, LEVEL_LEGEND, SUMMARY_TEXT } from "../../../domain/spreadsheet-text";
import { HEADER_ROW, type Context } from "./context.server";
import { addSheet, listName, quoteSheet, writeHeaderRow, writeKeyRow, writeRow, type Workbook } from "./rows.server";

export function writeLegend(workbook: Workbook, context: Context): void {
  const { locale, styles, names, t } = context;
  const sheet = addSheet(workbook, names.legend, { views: [{ state: "frozen", ySplit: HEADER_ROW, showGridLines: false }] });
  sheet.columns = [{ width: 18 }, { width: 90 }, { width: 60 }];
  writeKeyRow(sheet, [SHEET_MARKERS.legend, "legend.gives", "legend.destinations"], styles.key);
  writeHeaderRow(sheet, [t(LEGEND_TEXT.level), t(LEGEND_TEXT.gives), t(LEGEND_TEXT.destinations)], styles.header, 24);
  // Most open first: individual, transactional, aggregated.
  for (const level of [...DATA_LEVELS].reverse()) {
    const destinations = DESTINATIONS.filter((d) => d.isClickOut && d.captureLevel === level).map((d) => (locale === "en" ? d.nameEn : d.nameZh));
    const cells = [
      { value: t(LEVEL_LABELS[level]), style: { ...styles.level[level], font: { bold: true } } },
      { value: t(LEVEL_LEGEND[level]), style: styles.wrap },
      { value: destinations.join(locale === "en" ? ", " : "、"), style: styles.wrap },
    ];
    writeRow(sheet, cells, { height: 48 });
  }
  writeRow(sheet, []);
  writeRow(sheet, [null, { value: t(LEGEND_TEXT.rule), style: styles.wrap }], { height: 32 });
  writeRow(sheet, [null, { value: t(SUMMARY_TEXT.indicative), style: styles.wrap }], { height: 32 });
  sheet.commit();
}

export function writeLists(workbook: Workbook, context: Context): void {
  const { catalog, locale, names } = context;
  const sheet = addSheet(workbook, names.lists, { state: "hidden" });
  const lists = LIST_IDS.map((list) => ({ list, labels: listOptions(list, catalog).map((o) => o[locale]) }));
  sheet.columns = lists.map(() => ({ width: 30 }));
  writeRow(sheet, lists.map(({ list }) => ({ value: `${SHEET_MARKERS.lists}${list}` })));
  const height = Math.max(...lists.map((l) => l.labels.length));
  for (let i = 0; i < height; i++) writeRow(sheet, lists.map(({ labels }) => (labels[i] === undefined ? null : { value: labels[i]! })));
  lists.forEach(({ list, labels }, i) => {
    const letter = columnLetters(i + 1);
    workbook.definedNames.add(`${quoteSheet(names.lists)}!$${letter}$2:$${letter}$${Math.max(2, labels.length + 1)}`, listName(list));
  });
  sheet.commit();
}
