import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from "recharts";

export type BarDatum = { key: string; label: string; yuan: number; barLabel: string; color: string };

// Loaded on demand after hydration: recharts stays out of the page's first JavaScript.
export default function BudgetChart({ data, height }: { data: BarDatum[]; height: number }) {
  return (
    <BarChart width={340} height={height} data={data} layout="vertical" margin={{ left: 0, right: 110, top: 0, bottom: 0 }}>
      <XAxis type="number" hide />
      <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12, fill: "#334155" }} />
      <Bar dataKey="yuan" isAnimationActive={false}>
        {data.map((d) => (
          <Cell key={d.key} fill={d.color} />
        ))}
        <LabelList dataKey="barLabel" position="right" style={{ fontSize: 11, fill: "#0f172a" }} />
      </Bar>
    </BarChart>
  );
}
