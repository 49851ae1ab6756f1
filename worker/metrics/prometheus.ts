/**
 * The Prometheus text exposition format (version 0.0.4), written from plain
 * data: metric families of counters, gauges and histograms with their samples.
 * Label values and HELP text are escaped as the format requires; histogram
 * buckets are cumulative and end with `le="+Inf"`, followed by `_sum` and `_count`.
 */

export type Labels = Record<string, string>;

export type MetricFamily =
  | { name: string; help: string; type: 'counter' | 'gauge'; samples: { labels?: Labels; value: number }[] }
  | { name: string; help: string; type: 'histogram'; samples: HistogramSample[] };

export interface HistogramSample {
  labels?: Labels;
  /** Upper bounds in ascending order, with the count of observations at or below each (cumulative). */
  buckets: { le: number; count: number }[];
  count: number;
  sum: number;
}

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const number = (value: number) => (Number.isNaN(value) ? 'NaN' : value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : String(value));

function labelText(labels: Labels | undefined, extra?: [string, string]): string {
  const pairs = Object.entries(labels ?? {});
  if (extra) pairs.push(extra);
  return pairs.length ? `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}` : '';
}

/**
 * @example renderPrometheus([{ name: 'switchboard_up', help: 'Always 1.', type: 'gauge', samples: [{ value: 1 }] }])
 * // '# HELP switchboard_up Always 1.\n# TYPE switchboard_up gauge\nswitchboard_up 1\n'
 */
export function renderPrometheus(families: MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    if (family.type === 'histogram') {
      for (const s of family.samples) {
        for (const b of s.buckets) lines.push(`${family.name}_bucket${labelText(s.labels, ['le', number(b.le)])} ${b.count}`);
        lines.push(`${family.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
        lines.push(`${family.name}_sum${labelText(s.labels)} ${number(s.sum)}`, `${family.name}_count${labelText(s.labels)} ${s.count}`);
      }
    } else {
      for (const s of family.samples) lines.push(`${family.name}${labelText(s.labels)} ${number(s.value)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
