// The look every dashboard page shares (panels, grids, tables, notes); a page adds only what is its own.
import { css } from 'lit';

export const pageStyles = css`
  :host { display: block; }
  nav { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-top: 8px; }
  select, input { font: inherit; padding: 4px 8px; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; }
  button { font: inherit; padding: 4px 10px; border: 1px solid var(--line, #e4e7ec); border-radius: 6px; background: white; cursor: pointer; }
  h2 { font-size: 16px; margin: 0 0 8px; }
  h3 { font-size: 14px; margin: 12px 0 4px; }
  .panel { background: white; border: 1px solid var(--line, #e4e7ec); border-radius: 10px; padding: 16px; margin-top: 16px; overflow-x: auto; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(460px, 100%), 1fr)); gap: 16px; margin-top: 16px; }
  .grid > .panel { margin-top: 0; }
  .note { color: var(--muted, #667085); font-size: 13px; }
  .error { color: #b42318; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { padding: 5px 8px; border-bottom: 1px solid var(--line, #e4e7ec); text-align: right; vertical-align: top; }
  th:first-child, td:first-child, th.text, td.text { text-align: left; }
  th { color: var(--muted, #667085); font-weight: 600; white-space: nowrap; }
  /* No column narrower than a word: a narrow screen scrolls the table inside its panel instead. */
  td.text { min-width: 8em; }
  tbody tr.link { cursor: pointer; }
  tbody tr.link:hover, tbody tr.link:focus-visible { background: #f4f7fb; }
  tbody tr.link:focus-visible { outline: 2px solid var(--accent, #2f6fde); outline-offset: -2px; }
`;
