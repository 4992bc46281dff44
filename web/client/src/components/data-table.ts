// <data-table>: a long table that pages, sorts by any column, searches and says which rows of how many are on
// screen ("16–30 of 120"), keyboard operable: headers are buttons, a row that opens something opens on Enter or
// Space. Headers come from the caller's labels; the table scrolls in its own box on a narrow screen, and no
// column is narrower than a word. The page gives the rows and, when the answer was cut, the total in all.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ref } from 'lit/directives/ref.js';
import { pageStyles } from '../page-styles.ts';
import { formatRangeOf, formatValue, type Lang } from '../../../../presentation/format/format-value.ts';
import { t } from '../../../../presentation/i18n/messages.ts';

/** One column: its header, the value it sorts and searches by, and (optionally) how its cell is drawn. */
export interface TableColumn<T> {
  key: string;
  label: string;
  /** Sorted by (numbers as numbers) and searched in (as text). */
  value: (row: T) => string | number | null | undefined;
  /** The cell; the value (numbers formatted) when absent. */
  cell?: (row: T) => unknown;
  /** Left-aligned text that may wrap (never narrower than a word); codes and numbers never wrap. */
  text?: boolean;
  /** A header's explanation (a tooltip). */
  title?: string;
}

type Row = unknown;

@customElement('data-table')
export class DataTable extends LitElement {
  static styles = [
    pageStyles,
    css`
      .tools { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; justify-content: space-between; margin-bottom: 6px; }
      .scroll { overflow-x: auto; max-width: 100%; }
      th, td { white-space: nowrap; }
      td.text { white-space: normal; min-width: 12em; }
      th button { font: inherit; color: inherit; font-weight: 600; border: 0; padding: 0; background: none; cursor: pointer; white-space: nowrap; }
      th button:focus-visible { outline: 2px solid var(--accent, #2f6fde); outline-offset: 2px; }
      .pager { display: flex; gap: 8px; align-items: center; justify-content: flex-end; margin-top: 6px; font-size: 13px; }
      .status { color: var(--muted, #667085); font-size: 13px; }
      input[type='search'] { min-width: 12em; }
      .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    `,
  ];

  @property({ attribute: false }) rows: readonly Row[] = [];
  @property({ attribute: false }) columns: readonly TableColumn<never>[] = [];
  /** Rows in all when the answer held fewer (the list was cut); rows.length otherwise. */
  @property({ type: Number }) total?: number;
  @property({ type: Number, attribute: 'page-size' }) pageSize = 15;
  @property() lang: Lang = 'zh';
  /** The table's name for assistive technology (its caption) and the search box. */
  @property() label = '';
  /** The attribute each row carries its key in (e.g. data-serial), for links and tests. */
  @property({ attribute: 'row-attr' }) rowAttr = 'data-key';
  @property({ attribute: false }) rowKey?: (row: never) => string;
  @property({ attribute: false }) rowClass?: (row: never) => string;
  /** A row's action (opening the tickets behind it, a unit's history…); rows without it are plain. */
  @property({ attribute: false }) open?: (row: never) => void;
  /** The starting sort (none: the order given). */
  @property({ attribute: 'sort-key' }) sortKey = '';
  @property({ attribute: 'sort-dir' }) sortDir: 'asc' | 'desc' = 'desc';

  @state() private query = '';
  @state() private page = 0;

  willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('rows')) this.page = 0;
  }

  private get cols(): readonly TableColumn<Row>[] {
    return this.columns as readonly TableColumn<Row>[];
  }

  /** The rows matching the search, in the chosen order. */
  private visibleRows(): Row[] {
    const q = this.query.trim().toLowerCase();
    let rows = [...this.rows];
    if (q)
      rows = rows.filter((r) =>
        this.cols.some((c) =>
          String(c.value(r) ?? '')
            .toLowerCase()
            .includes(q),
        ),
      );
    const col = this.cols.find((c) => c.key === this.sortKey);
    if (col) {
      const dir = this.sortDir === 'asc' ? 1 : -1;
      // Empty values last either way; a stable sort keeps the given order among equals.
      rows.sort((a, b) => {
        const x = col.value(a);
        const y = col.value(b);
        const xe = x === null || x === undefined || x === '';
        const ye = y === null || y === undefined || y === '';
        if (xe || ye) return xe === ye ? 0 : xe ? 1 : -1;
        if (typeof x === 'number' && typeof y === 'number') return (x - y) * dir;
        return String(x).localeCompare(String(y), this.lang === 'zh' ? 'zh-CN' : 'en', { numeric: true }) * dir;
      });
    }
    return rows;
  }

  private sortBy(key: string) {
    if (this.sortKey === key) this.sortDir = this.sortDir === 'asc' ? 'desc' : 'asc';
    else {
      this.sortKey = key;
      this.sortDir = 'asc';
    }
    this.page = 0;
  }

  private cellOf(c: TableColumn<Row>, r: Row): unknown {
    if (c.cell) return c.cell(r);
    const v = c.value(r);
    if (v === null || v === undefined || v === '') return '—';
    return typeof v === 'number' ? formatValue(v, 'count', this.lang) : v;
  }

  render() {
    const lang = this.lang;
    const all = this.visibleRows();
    const pages = Math.max(1, Math.ceil(all.length / this.pageSize));
    const page = Math.min(this.page, pages - 1);
    const shown = all.slice(page * this.pageSize, (page + 1) * this.pageSize);
    const first = all.length ? page * this.pageSize + 1 : 0;
    const last = page * this.pageSize + shown.length;
    const cut = this.total !== undefined && this.total > this.rows.length;
    const open = this.open as ((r: Row) => void) | undefined;
    const key = this.rowKey as ((r: Row) => string) | undefined;
    const rowClass = this.rowClass as ((r: Row) => string) | undefined;
    return html`
      <div class="tools">
        <input type="search" aria-label=${`${t(lang, 'searchIn')}: ${this.label}`} placeholder=${t(lang, 'search')} .value=${this.query}
          @input=${(e: Event) => {
            this.query = (e.target as HTMLInputElement).value;
            this.page = 0;
          }} />
        <span class="status" role="status">${formatRangeOf(first - 1, last - first + 1, all.length, lang)}${cut ? html` · ${t(lang, 'loadedOnly')} (${formatRangeOf(0, this.rows.length, this.total!, lang)})` : nothing}</span>
      </div>
      <div class="scroll">
        <table>
          <caption class="visually-hidden">${this.label}</caption>
          <thead>
            <tr>
              ${this.cols.map(
                (
                  c,
                ) => html`<th class=${c.text ? 'text' : ''} title=${c.title ?? nothing} aria-sort=${this.sortKey === c.key ? (this.sortDir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button data-sort=${c.key} @click=${() => this.sortBy(c.key)}>${c.label}${this.sortKey === c.key ? (this.sortDir === 'asc' ? ' ▲' : ' ▼') : ''}</button>
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${shown.map(
              (r) => html`<tr
                class=${`${open ? 'link' : ''} ${rowClass?.(r) ?? ''}`}
                tabindex=${open ? '0' : nothing}
                ${ref((el) => {
                  if (el && key) el.setAttribute(this.rowAttr, key(r));
                })}
                @click=${open ? () => open(r) : nothing}
                @keydown=${
                  open
                    ? (e: KeyboardEvent) => {
                        if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
                          e.preventDefault();
                          open(r);
                        }
                      }
                    : nothing
                }
              >
                ${this.cols.map((c) => html`<td class=${c.text ? 'text' : ''}>${this.cellOf(c, r)}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
        ${all.length === 0 && this.rows.length ? html`<p class="note">${t(lang, 'noMatches')}</p>` : nothing}
      </div>
      ${
        pages > 1
          ? html`<div class="pager">
            <button class="previous" aria-label=${t(lang, 'previousPage')} ?disabled=${page === 0} @click=${() => (this.page = page - 1)}>‹</button>
            <span>${formatValue(page + 1, 'count', lang)} / ${formatValue(pages, 'count', lang)}</span>
            <button class="next" aria-label=${t(lang, 'nextPage')} ?disabled=${page >= pages - 1} @click=${() => (this.page = page + 1)}>›</button>
          </div>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'data-table': DataTable;
  }
}
