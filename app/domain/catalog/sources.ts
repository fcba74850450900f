// The documents the catalog cites, so the UI can show where a level or a figure comes from.
import type { SourceId } from "./types";

export type Source = { id: SourceId; titleEn: string; titleZh: string; document: string };

export const SOURCES: Record<SourceId, Source> = {
  "seed-001": {
    id: "seed-001",
    titleEn: "Artefact: three types of ecosystems and three levels of openness",
    titleZh: "Artefact：三类生态与三种开放程度",
    document: "seeds/001 (English)",
  },
  "seed-003": {
    id: "seed-003",
    titleEn: "Artefact / Campaign Asia: the untapped wealth of WeChat data",
    titleZh: "未开发的微信数据财富：品牌为何急需采取行动？",
    document: "seeds/003 (Chinese)",
  },
  "seed-004": {
    id: "seed-004",
    titleEn: "MarketingTribune: Alimama, the mother of all retail media",
    titleZh: "MarketingTribune：阿里妈妈，零售媒体之母",
    document: "seeds/004 (Dutch)",
  },
  "brief-rule-1": { id: "brief-rule-1", titleEn: "Product brief, rule 1: reporting level", titleZh: "产品简介规则 1：报告级别", document: "product-brief.md" },
  "brief-rule-2": { id: "brief-rule-2", titleEn: "Product brief, rule 2: landing destination", titleZh: "产品简介规则 2：落地目的地", document: "product-brief.md" },
  "brief-rule-3": { id: "brief-rule-3", titleEn: "Product brief, rule 3: effective data level", titleZh: "产品简介规则 3：有效数据级别", document: "product-brief.md" },
  "brief-rule-4": { id: "brief-rule-4", titleEn: "Product brief, rule 4: KPI measurability", titleZh: "产品简介规则 4：KPI 可衡量性", document: "product-brief.md" },
  "brief-rule-5": { id: "brief-rule-5", titleEn: "Product brief, rule 5: cross-ecosystem identity", titleZh: "产品简介规则 5：跨生态身份", document: "product-brief.md" },
  "brief-channel-catalog": {
    id: "brief-channel-catalog",
    titleEn: "Product brief, channel catalog (platform documentation and trade press, 2019–2025)",
    titleZh: "产品简介：渠道目录（平台文档与行业媒体，2019–2025）",
    document: "product-brief.md",
  },
  "issue-4": { id: "issue-4", titleEn: "Issue 4: channel catalog and openness model", titleZh: "议题 4：渠道目录与开放度模型", document: "issue 4" },
  "issue-6": { id: "issue-6", titleEn: "Issue 6: measurement plan", titleZh: "议题 6：衡量方案", document: "issue 6" },
};
