import type { Resources } from "./en";

// 简体中文资源。键必须与 en.ts 完全一致（由编译器检查）。
const zh: Resources = {
  app: {
    name: "Qiao",
    nameNative: "桥",
    tagline: "规划中国零售媒体，每一行都清楚能拿回哪些数据",
    skipToContent: "跳到正文",
    footer: "Qiao 支持在阿里妈妈、抖音、微信、百度、京东、小红书、微博、快手和哔哩哔哩上规划投放。",
  },
  language: {
    label: "语言",
    switchTo: "切换语言为{{language}}",
  },
  home: {
    title: "懂得每个生态能回传什么数据的媒介计划",
    intro:
      "品牌经理和代理商团队在 Qiao 中为中国市场规划零售媒体投放。计划中的每一行都说明品牌能拿回什么数据——个人级、交易级或聚合级——让衡量方案与各生态真正能提供的数据相匹配。",
    levelsTitle: "三种开放程度",
    demoTitle: "演示工作区",
    demoReady: "演示代理商「{{name}}」已准备就绪。",
    demoMissing: "此数据库中没有演示工作区。",
    openDemo: "打开演示",
    example: "以您的语言显示的示例数字：预算 {{money}}，投放开始 {{date}}，{{impressions}} 次曝光。",
  },
  level: {
    individual: "个人级",
    transactional: "交易级",
    aggregated: "聚合级",
    individualHelp: "品牌自有触点上经用户同意的个人行为数据（例如微信小程序）。",
    transactionalHelp: "通过接入 CRM 的店铺（如天猫、京东）获得手机号及其购买内容——没有媒体曝光或行为数据。",
    aggregatedHelp: "只有平台的聚合报告（如抖音、百度、微博、小红书）——没有个人级数据。",
  },
  toast: {
    close: "关闭",
    languageChanged: "语言已切换。",
  },
  errors: {
    notFoundTitle: "页面不存在",
    notFoundBody: "找不到该页面。它可能已被移动，或者您没有访问权限。",
    forbiddenTitle: "无权操作",
    forbiddenBody: "您的角色不允许执行此操作。",
    unavailableTitle: "暂时无法使用",
    unavailableBody: "Qiao 暂时无法连接数据库，请几秒后重试。",
    genericTitle: "出错了",
    genericBody: "发生了意外错误。您输入的内容不会被重复保存，请重试。",
    badRequestTitle: "请检查您的输入",
    goHome: "返回首页",
    reference: "参考编号：{{id}}",
  },
};

export default zh;
