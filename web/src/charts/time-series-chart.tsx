'use client';

import { type ReactNode, useId } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { dateText, quantityText } from '@/format/clinical-text';
import type { TimeSeriesChartData } from '@/features/record/vital-series';

const LINE_COLORS = ['#0b6e6e', '#b54708', '#6941c6'];

function tickDate(time: number): string {
  return new Intl.DateTimeFormat('en', { month: 'short', year: '2-digit' }).format(new Date(time));
}

/** A line chart with its numbers also available as a table, so the data is not locked inside a picture. */
export function TimeSeriesChart({ chart }: { chart: TimeSeriesChartData }): ReactNode {
  const captionId = useId();
  return (
    <figure className="chart" aria-labelledby={captionId} data-chart={chart.id}>
      <figcaption id={captionId} className="chart__caption">
        {chart.title}
        {chart.unit ? <span className="muted"> ({chart.unit})</span> : null}
      </figcaption>
      <div className="chart__plot" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={chart.points} margin={{ top: 8, right: 12, bottom: 4, left: -8 }}>
            <CartesianGrid stroke="#e4e7ec" strokeDasharray="3 3" />
            <XAxis
              dataKey="time"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={tickDate}
              fontSize={12}
            />
            <YAxis fontSize={12} domain={['auto', 'auto']} width={48} />
            <Tooltip
              labelFormatter={(time) => dateText(new Date(Number(time)).toISOString())}
              formatter={(value) => quantityText(Number(value), chart.unit)}
            />
            {chart.lines.length > 1 ? <Legend /> : null}
            {chart.lines.map((line, index) => (
              <Line
                key={line.key}
                type="monotone"
                dataKey={line.key}
                name={line.label}
                stroke={LINE_COLORS[index % LINE_COLORS.length]}
                strokeWidth={2}
                dot={{ r: 3 }}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className="chart__data">
        <summary>Show {chart.points.length} values as a table</summary>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                {chart.lines.map((line) => (
                  <th scope="col" key={line.key}>
                    {line.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chart.points.map((point) => (
                <tr key={point.time}>
                  <td>{dateText(new Date(point.time).toISOString())}</td>
                  {chart.lines.map((line) => (
                    <td key={line.key}>{quantityText(point[line.key], null)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
