// <metric-chart>: draws one ECharts option. Sets data-rendered="true" once ECharts has finished drawing;
// emits `chart-click` with ECharts' click parameters, from a click on a bar or point or from the keyboard:
// a chart whose elements open something (their data carries `keys`) has one Tab stop, a list of those
// elements in words, hidden until it has the focus; the arrow keys (Home, End) move along it, showing each
// element on the chart, and Enter or Space opens it.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { EChartsOption } from 'echarts';
import { chartKeys, type ChartKey } from '../../../../presentation/charts/chart-keys.ts';
import { t } from '../../../../presentation/i18n/messages.ts';
import { EChartsController } from '../controllers/echarts-controller.ts';

@customElement('metric-chart')
export class MetricChart extends LitElement {
  static styles = css`
    :host { display: block; position: relative; }
    .chart { width: 100%; height: var(--chart-height, 320px); }
    .keys { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; margin: 0; padding: 0; }
    .keys:focus-within { left: 0; right: 0; bottom: 0; width: auto; height: auto; max-height: 45%; overflow: auto; clip-path: none; white-space: normal;
      background: white; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; padding: 4px; display: flex; flex-wrap: wrap; gap: 4px; }
    .keys button { font: inherit; font-size: 13px; padding: 2px 8px; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; background: white; color: #1d2939; cursor: pointer; }
    .keys button:focus { outline: 2px solid #2f6fde; outline-offset: 1px; }
  `;

  @property({ attribute: false }) option?: EChartsOption;
  /** Whether the chart's elements open something: false for a chart drawn only to be read. */
  @property({ type: Boolean }) drill = true;
  /** The element the list's Tab stop is on. */
  @state() private active = 0;

  private keys: ChartKey[] = [];

  private readonly charts = new EChartsController(
    this,
    () => this.renderRoot.querySelector<HTMLElement>('.chart'),
    () => this.setAttribute('data-rendered', 'true'),
    // A click on a bar or point: its raw keys (see the option builders), for the ticket drill-down.
    (params) => this.dispatchEvent(new CustomEvent('chart-click', { detail: params, bubbles: true, composed: true })),
  );

  willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('option') || changed.has('drill')) {
      this.keys = this.drill ? chartKeys(this.option) : [];
      if (this.active >= this.keys.length) this.active = 0;
    }
  }

  render() {
    const lang = document.documentElement.lang.startsWith('zh') ? 'zh' : 'en';
    return html`<div class="chart"></div>
      ${
        this.keys.length
          ? html`<div class="keys" role="group" aria-label=${t(lang, 'chartKeys')} @keydown=${this.onKey} @focusout=${this.onFocusOut}>
            ${this.keys.map(
              (k, i) =>
                html`<button tabindex=${i === this.active ? 0 : -1} data-key=${i} @focus=${() => this.show(i)} @click=${() => this.open(k)}>${k.label}</button>`,
            )}
          </div>`
          : nothing
      }`;
  }

  updated(): void {
    if (this.option) this.charts.setOption(this.option);
  }

  private show(i: number) {
    this.active = i;
    const k = this.keys[i];
    if (k) this.charts.point({ seriesIndex: k.seriesIndex, dataIndex: k.dataIndex });
  }

  private open(k: ChartKey) {
    const detail = { componentType: 'series', seriesIndex: k.seriesIndex, seriesName: k.seriesName, dataIndex: k.dataIndex, data: k.data };
    this.dispatchEvent(new CustomEvent('chart-click', { detail, bubbles: true, composed: true }));
  }

  private readonly onKey = (e: KeyboardEvent) => {
    const last = this.keys.length - 1;
    const to = {
      ArrowRight: this.active + 1,
      ArrowDown: this.active + 1,
      ArrowLeft: this.active - 1,
      ArrowUp: this.active - 1,
      Home: 0,
      End: last,
    }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const i = Math.max(0, Math.min(last, to));
    this.renderRoot.querySelector<HTMLButtonElement>(`button[data-key="${i}"]`)?.focus();
  };

  private readonly onFocusOut = (e: FocusEvent) => {
    if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) this.charts.point(undefined);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'metric-chart': MetricChart;
  }
}
