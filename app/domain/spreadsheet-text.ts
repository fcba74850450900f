// The words on the workbook's sheets around the plan's own values: Summary, Flighting and Legend
// headings, yes/no, what each data level gives back, and the drop-downs' error message.
import type { DataLevel } from "./data-level";
import type { SheetText } from "./spreadsheet-lists";

export const SUMMARY_TEXT = {
  title: { en: "Media plan", zh: "媒体计划" },
  facts: { en: "Campaign", zh: "活动信息" },
  totals: { en: "Totals", zh: "合计" },
  allocated: { en: "Allocated to lines", zh: "已分配至投放行" },
  difference: { en: "Allocated − campaign budget", zh: "已分配 − 活动预算" },
  lineCount: { en: "Lines", zh: "投放行数" },
  coverage: { en: "Measurement coverage (budget whose KPI is measurable as planned)", zh: "监测覆盖率（KPI 可按计划衡量的预算占比）" },
  withoutKpi: { en: "Budget on lines without a KPI", zh: "未设 KPI 的投放行预算" },
  byEcosystem: { en: "Budget by ecosystem", zh: "按生态的预算" },
  byLevel: { en: "Budget by data level", zh: "按数据级别的预算" },
  share: { en: "Share", zh: "占比" },
  lines: { en: "Lines", zh: "行数" },
  catalogVersion: { en: "Catalog version", zh: "目录版本" },
  indicative: {
    en: "Estimates use indicative benchmarks: editable defaults from weak public figures, never facts.",
    zh: "预估基于参考基准：来自有限公开数据、可编辑的默认值，并非事实。",
  },
  total: { en: "Total", zh: "合计" },
  check: { en: "Flighting − budget", zh: "排期 − 预算" },
} satisfies Record<string, SheetText>;

export const FLIGHTING_TEXT = {
  lineName: { en: "Line name", zh: "投放行名称" },
  placement: { en: "Placement", zh: "广告位" },
  mode: { en: "Flighting", zh: "排期方式" },
  budget: { en: "Budget (CNY)", zh: "预算（元）" },
  total: { en: "Weeks total (CNY)", zh: "各周合计（元）" },
  check: { en: "Weeks − budget", zh: "各周 − 预算" },
  problem: { en: "Cannot split", zh: "无法拆分" },
} satisfies Record<string, SheetText>;

export const YES_NO: Record<"yes" | "no", SheetText> = { yes: { en: "Yes", zh: "是" }, no: { en: "No", zh: "否" } };

/** The error a drop-down shows when something else is typed. */
export const LIST_ERROR: SheetText = { en: "Pick a value from the list.", zh: "请从列表中选择。" };

// Legend: the three levels of openness (brief rules 1–3; seed 001) and what each gives back.

export const LEVEL_LEGEND: Record<DataLevel, SheetText> = {
  individual: {
    en: "Consented, person-level behaviour on the brand's own touchpoint (e.g. a WeChat mini program): journeys, CRM binding, lifetime value.",
    zh: "品牌自有触点上经用户同意的个人行为数据（例如微信小程序）：可做旅程分析、CRM 绑定与客户终身价值。",
  },
  transactional: {
    en: "Phone number and what that person bought, via a CRM-integrated store (e.g. Tmall, JD) — nothing on media or behaviour: orders, GMV, ROAS, new-to-brand buyers.",
    zh: "通过接入 CRM 的店铺（如天猫、京东）获得手机号及其购买内容——没有媒体曝光或行为数据：可衡量订单、GMV、ROAS、品牌新客。",
  },
  aggregated: {
    en: "Only aggregated reports from the platform (e.g. Douyin, Baidu, Weibo, Xiaohongshu) — no person-level data: impressions, clicks, views, brand lift.",
    zh: "只有平台的聚合报告（如抖音、百度、微博、小红书）——没有个人级数据：可衡量曝光、点击、播放、品牌提升。",
  },
};

export const LEGEND_TEXT = {
  level: { en: "Data level", zh: "数据级别" },
  gives: { en: "What the brand gets back", zh: "品牌能拿回的数据" },
  destinations: { en: "Landing destinations that capture it", zh: "可获取该级别数据的落地目的地" },
  rule: {
    en: "A line's level is the more open of what the platform reports and what the destination captures after the click.",
    zh: "投放行的数据级别取平台报告与点击后落地目的地获取数据两者中更开放的一方。",
  },
} satisfies Record<string, SheetText>;
