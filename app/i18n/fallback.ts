import type { Locale } from "./config";

// The only strings shown when the root loader itself failed (no resources reached the browser).
export const FALLBACK_TEXT: Record<Locale, { title: string; body: string; home: string; notFound: string }> = {
  en: {
    title: "Something went wrong",
    body: "Qiao could not load this page. Please try again in a few seconds.",
    home: "Back to the start page",
    notFound: "Page not found",
  },
  zh: {
    title: "出错了",
    body: "Qiao 无法加载此页面，请几秒后重试。",
    home: "返回首页",
    notFound: "页面不存在",
  },
};
