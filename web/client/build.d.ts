/** Bundles the dashboard into web/client/dist/app.js. */
export function buildClient(): Promise<void>;
