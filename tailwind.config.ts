import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        // Data-level colours: always paired with text, never colour alone.
        level: {
          individual: "#0f766e",
          transactional: "#1d4ed8",
          aggregated: "#6b7280",
        },
      },
      fontFamily: {
        sans: ["system-ui", "-apple-system", "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "sans-serif"],
      },
    },
  },
  plugins: [],
} satisfies Config;
