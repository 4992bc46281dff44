// <metric-chart>: draws one ECharts option. Sets data-rendered="true" once ECharts has finished drawing;
// emits `chart-click` with ECharts' click parameters.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { EChartsOption } from 'echarts';
import { EChartsController } from '../controllers/echarts-controller.ts';

@customElement('metric-chart')
export class MetricChart extends LitElement {
  static styles = css`
    :host { display: block; }
    .chart { width: 100%; height: var(--chart-height, 320px); }
  `;

  @property({ attribute: false }) option?: EChartsOption;

  private readonly charts = new EChartsController(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('.chart'),
    () => this.setAttribute('data-rendered', 'true'),
    // A click on a bar or point: its raw keys (see the option builders), for the ticket drill-down.
    (params) => this.dispatchEvent(new CustomEvent('chart-click', { detail: params, bubbles: true, composed: true })),
  );

  render() {
    return html`<div class="chart"></div>`;
  }

  updated(): void {
    if (this.option) this.charts.setOption(this.option);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'metric-chart': MetricChart;
  }
}
