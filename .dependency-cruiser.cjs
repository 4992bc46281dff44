// Which way imports may go (README "Layout"). `npm run depcheck` (and `npm test`, before the tests) fails on an
// arrow going the wrong way. A type-only import (`import type`) leaves nothing at run time and is allowed where
// a runtime import is not: the dashboard may name a query's row type, never run the query.
const typeOnly = ['type-only', 'type-import'];
const serverSide = '^(warehouse|ingest|reports|notify|web/server|bin)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other (also through type-only imports): split out what both need.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contract-imports-only-contract',
      severity: 'error',
      comment:
        'contract/ (record kinds, metric catalog, quarters, role groups) is the bottom layer: it runs in the browser, the server and the PDF alike.',
      from: { path: '^contract/' },
      to: { path: '^(presentation|warehouse|ingest|reports|notify|web|bin)/', dependencyTypesNot: typeOnly },
    },
    {
      name: 'presentation-imports-presentation-and-contract',
      severity: 'error',
      comment:
        'presentation/ (formats, words, chart options, page paths) is shared by dashboard, server, PDF and messages: it may run only presentation/ and contract/ code (types from elsewhere are fine).',
      from: { path: '^presentation/' },
      to: { path: '^(warehouse|ingest|reports|notify|web|bin)/', dependencyTypesNot: typeOnly },
    },
    {
      name: 'shared-layers-without-node',
      severity: 'error',
      comment: 'contract/ and presentation/ are bundled into the browser: no Node built-in modules.',
      from: { path: '^(contract|presentation)/' },
      to: { dependencyTypes: ['core'], dependencyTypesNot: typeOnly },
    },
    {
      name: 'client-runs-no-server-code',
      severity: 'error',
      comment: 'The dashboard bundle (web/client/) may import presentation/ and contract/; from the server side only types.',
      from: { path: '^web/client/src/' },
      to: { path: serverSide, dependencyTypesNot: typeOnly },
    },
    {
      name: 'client-without-node',
      severity: 'error',
      comment: 'The dashboard runs in the browser: no Node built-in modules.',
      from: { path: '^web/client/src/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'warehouse-stays-below',
      severity: 'error',
      comment: 'The warehouse computes figures; it knows nothing of files being loaded, reports, deliveries, the web or words on screen.',
      from: { path: '^warehouse/' },
      to: { path: '^(ingest|reports|notify|web|presentation|bin)/' },
    },
    {
      name: 'ingest-stays-below',
      severity: 'error',
      comment: 'Loading files uses the warehouse and the record kinds (contract/sources), nothing above.',
      from: { path: '^ingest/' },
      to: { path: '^(reports|notify|web|bin)/' },
    },
    {
      name: 'reports-not-web',
      severity: 'error',
      comment: 'The PDF shares formats, words and chart options through presentation/, not through web/.',
      from: { path: '^reports/' },
      to: { path: '^(web|notify|bin)/' },
    },
    {
      name: 'notify-not-client',
      severity: 'error',
      from: { path: '^notify/' },
      to: { path: '^(web/client|bin)/' },
    },
    {
      name: 'nothing-imports-web-client',
      severity: 'error',
      comment: 'The dashboard is a bundle of its own; what others need from it belongs in presentation/.',
      from: { path: '^(contract|presentation|warehouse|ingest|reports|notify|web/server)/' },
      to: { path: '^web/client/src/' },
    },
    {
      name: 'source-not-test',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|^web/client/dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
