/** Data flows one way: api → services → domain/store/delivery/events; domain imports nothing of ours. */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds pure rules: it imports no other folder of ours',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { path: '^src/(?!domain)' },
    },
    {
      name: 'store-only-uses-domain',
      severity: 'error',
      from: { path: '^src/store' },
      to: { path: '^src/(api|services|delivery|events|reports|cli|sim|seed)' },
    },
    {
      name: 'nothing-imports-api',
      severity: 'error',
      from: { path: '^src/(?!api)', pathNot: '^src/(server|cli)' },
      to: { path: '^src/api' },
    },
    {
      name: 'nothing-imports-cli',
      severity: 'error',
      from: { path: '^src/(?!cli)' },
      to: { path: '^src/cli' },
    },
    {
      name: 'services-do-not-import-api',
      severity: 'error',
      from: { path: '^src/services' },
      to: { path: '^src/api' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
