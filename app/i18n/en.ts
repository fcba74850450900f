// English resources. zh.ts must provide the same keys (checked by the compiler).
const en = {
  app: {
    name: "Qiao",
    nameNative: "桥",
    tagline: "Plan China's retail media with the data each line gives back",
    skipToContent: "Skip to content",
    footer: "Qiao plans campaigns across Alimama, Douyin, WeChat, Baidu, JD, Xiaohongshu, Weibo, Kuaishou and Bilibili.",
  },
  language: {
    label: "Language",
    switchTo: "Switch language to {{language}}",
  },
  home: {
    title: "Media plans that know what each ecosystem gives back",
    intro:
      "Qiao is where brand managers and agency teams plan retail-media campaigns for China. Every line of a plan says what data the brand gets back — individual, transactional or aggregated — so the measurement plan matches what each ecosystem can deliver.",
    levelsTitle: "Three levels of openness",
    demoTitle: "Demo workspace",
    demoReady: "The demo agency “{{name}}” is ready.",
    demoMissing: "No demo workspace in this database.",
    openDemo: "Open the demo",
    example: "Example figures in your language: budget {{money}}, flight start {{date}}, {{impressions}} impressions.",
  },
  level: {
    individual: "Individual",
    transactional: "Transactional",
    aggregated: "Aggregated",
    individualHelp: "Consented, person-level behaviour on the brand's own touchpoint (e.g. a WeChat mini program).",
    transactionalHelp: "Phone number and what that person bought, via a CRM-integrated store (e.g. Tmall, JD) — nothing on media or behaviour.",
    aggregatedHelp: "Only aggregated reports from the platform (e.g. Douyin, Baidu, Weibo, Xiaohongshu) — no person-level data.",
  },
  toast: {
    close: "Dismiss",
    languageChanged: "Language changed.",
  },
  errors: {
    notFoundTitle: "Page not found",
    notFoundBody: "We could not find that page. It may have moved, or you may not have access to it.",
    forbiddenTitle: "Not allowed",
    forbiddenBody: "Your role does not allow this action.",
    unavailableTitle: "Temporarily unavailable",
    unavailableBody: "Qiao cannot reach its database right now. Please try again in a few seconds.",
    genericTitle: "Something went wrong",
    genericBody: "An unexpected error happened. Nothing you typed was saved twice; please try again.",
    badRequestTitle: "Please check your input",
    goHome: "Back to the start page",
    reference: "Reference: {{id}}",
  },
};

export default en;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Resources = Widen<typeof en>;
