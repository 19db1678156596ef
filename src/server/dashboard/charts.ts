/**
 * A live time-series chart on uPlot: one line per name (an account's equity, a market's price
 * change), a rolling window of the last `MAX_POINTS` snapshots, names added as they appear.
 * The container's `data-points` and `data-series` attributes say what is drawn (the end-to-end
 * test reads them, as a reader of the page could).
 */
import uPlot from 'uplot';
import { clock } from './format.js';

const MAX_POINTS = 1200;
const COLOURS = ['#58a6ff', '#d2a8ff', '#3fb950', '#f0883e', '#ff7b72', '#79c0ff', '#e3b341'];
const AXIS = { stroke: '#8b949e', grid: { stroke: '#262c36', width: 1 }, ticks: { stroke: '#30363d', width: 1 } };

export class LiveChart {
  private readonly plot: uPlot;
  private readonly names: string[] = [];
  /** data[0] is time (s), data[i + 1] the values of names[i]. */
  private readonly data: (number | null)[][] = [[]];

  constructor(
    private readonly container: HTMLElement,
    format: (v: number) => string,
  ) {
    const opts: uPlot.Options = {
      width: Math.max(200, container.clientWidth),
      height: 220,
      series: [{}],
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        // A label only where the second changes (sub-second ticks would repeat it).
        { ...AXIS, space: 90, values: (_u, ticks) => ticks.map((t, i) => (i > 0 && clock(t * 1000) === clock((ticks[i - 1] as number) * 1000) ? '' : clock(t * 1000))) },
        { ...AXIS, size: 72, values: (_u, ticks) => ticks.map(format) },
      ],
    };
    this.plot = new uPlot(opts, this.data as uPlot.AlignedData, container);
    new ResizeObserver(() => this.plot.setSize({ width: Math.max(200, container.clientWidth), height: 220 })).observe(container);
  }

  /** Adds one point per name at `time` (ms); a name not given gets a gap. */
  push(time: number, values: ReadonlyMap<string, number | null>): void {
    for (const name of values.keys()) if (!this.names.includes(name)) this.addSeries(name);
    (this.data[0] as (number | null)[]).push(time / 1000);
    this.names.forEach((name, i) => (this.data[i + 1] as (number | null)[]).push(values.get(name) ?? null));
    if ((this.data[0] as unknown[]).length > MAX_POINTS) for (const column of this.data) column.shift();
    this.plot.setData(this.data as uPlot.AlignedData);
    this.container.dataset.points = String((this.data[0] as unknown[]).length);
    this.container.dataset.series = String(this.names.length);
  }

  private addSeries(name: string): void {
    const colour = COLOURS[this.names.length % COLOURS.length] as string;
    this.names.push(name);
    this.data.push((this.data[0] as unknown[]).map(() => null));
    this.plot.addSeries({ label: name, stroke: colour, width: 1.5, spanGaps: false, points: { show: false } }, this.names.length);
  }
}
