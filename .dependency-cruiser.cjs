/**
 * The directions the parts of sweeptop may depend on one another (ARCHITECTURE.md draws them).
 * `npm test` runs this check; a forbidden import fails it with the rule's name and comment.
 */
module.exports = {
  forbidden: [
    {
      name: 'engine-knows-no-react',
      comment: 'src/engine is pure Node: headless mode and every test drive it without a screen. Emit an event instead.',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: ['^src/(ui|cli)/', '^node_modules/(react|ink|ink-[^/]+|@types/react)/'] },
    },
    {
      name: 'plugin-api-is-the-floor',
      comment: 'src/plugin-api is what plugins build on; it imports nothing else of sweeptop.',
      severity: 'error',
      from: { path: '^src/plugin-api/' },
      to: { path: ['^src/(engine|ui|cli)/', '^plugins/'] },
    },
    {
      name: 'plugins-use-only-the-plugin-api',
      comment: 'A built-in plugin is written like a user plugin: against src/plugin-api (published as sweeptop/plugin) alone.',
      severity: 'error',
      from: { path: '^plugins/' },
      to: { path: '^src/(?!plugin-api/)' },
    },
    {
      name: 'plugins-only-through-the-registry',
      comment: 'The engine, the CLI and the UI reach plugins only through plugins/registry.ts, where user plugins take their place too.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^plugins/(?!registry\\.ts$)' },
    },
    {
      name: 'ui-is-a-client',
      comment: 'src/ui is a client of the engine\'s events and commands; the CLI wires the two, never the other way round.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: ['^src/cli/', '^plugins/'] },
    },
    {
      name: 'attach-stays-light',
      comment: 'attach must draw its first frame fast: what it loads to find a sweep (the controller lock, the registry) never reaches lowdb, which only sweep-store.ts (a controller writing sweep.json) loads.',
      severity: 'error',
      from: { path: '^src/(cli/commands/attach|engine/state/controller-lock)\\.ts$' },
      to: { path: '^src/engine/state/sweep-store\\.ts$', reachable: true },
    },
    {
      name: 'no-cycles',
      comment: 'Modules that import each other cannot be understood (or tested) one at a time. Type-only imports do not count.',
      severity: 'error',
      from: { path: '^(src|plugins)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing fails at run time.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
