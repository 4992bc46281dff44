// The dashboard's pages by path, with the message key of each one's name: the client routes them, the server
// answers each with the page.
export const pagePaths = {
  '/': 'overview',
  '/quality': 'quality',
  '/scorecards': 'scorecards',
  '/registers': 'registers',
  '/reports': 'reports',
  '/subscriptions': 'subscriptions',
  '/ingest': 'loadData',
  '/definitions': 'definitions',
  '/admin': 'admin',
} as const;

export type PagePath = keyof typeof pagePaths;
