// A Lit reactive controller owning one ECharts instance: created when the host connects, resized with it,
// disposed when it leaves. Tree-shaken echarts/core with the SVG renderer.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import * as echarts from 'echarts/core';
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([
  LineChart,
  BarChart,
  HeatmapChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export class EChartsController implements ReactiveController {
  private chart?: echarts.ECharts;
  private observer?: ResizeObserver;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly container: () => HTMLElement | null | undefined,
    private readonly onRendered: () => void,
    private readonly onClick?: (params: unknown) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  setOption(option: EChartsOption): void {
    const el = this.container();
    if (!el) return;
    if (!this.chart) {
      this.chart = echarts.init(el, undefined, { renderer: 'svg' });
      this.chart.on('finished', this.onRendered);
      if (this.onClick) this.chart.on('click', this.onClick);
      this.observer = new ResizeObserver(() => this.chart?.resize());
      this.observer.observe(el);
    }
    this.chart.setOption(option as never, true);
  }

  /** Shows one element as the mouse would (highlighted, its tooltip), for the keyboard; none when undefined. */
  point(at?: { seriesIndex: number; dataIndex: number }): void {
    if (!this.chart) return;
    this.chart.dispatchAction({ type: 'downplay' });
    if (!at) {
      this.chart.dispatchAction({ type: 'hideTip' });
      return;
    }
    this.chart.dispatchAction({ type: 'highlight', ...at });
    this.chart.dispatchAction({ type: 'showTip', ...at });
  }
}
