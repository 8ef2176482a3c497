/**
 * dependency-cruiser rules for src/ (run by `npm run lint` after tsc and eslint).
 *
 * The layering, top to bottom (docs/architecture.md explains each floor): a module may import its own floor and
 * the floors below it, never a floor above. A new folder under src/ must be given a floor here before it can be
 * imported (rule `src-module-without-floor`).
 */

/** Floors from top to bottom. `path` is a regular expression over the path from the repository root. */
const FLOORS = [
  { name: 'composition', path: '^src/(app|index|server|config)\\.ts$' },
  { name: 'routing', path: '^src/bot/' },
  { name: 'features', path: '^src/(cases|escalation|notifications|rollout|triage|dashboard)/' },
  { name: 'diagnosis', path: '^src/health/' },
  { name: 'kernel-and-shared', path: '^src/(teams|cards|directory|problem|i18n)/' },
  { name: 'infrastructure', path: '^src/((cloud|storage|http|text)/|(jsonObject|logger)\\.ts$)' },
];

/** The local stand-in for Microsoft's clouds: dev and tests only, outside the floors (rules below). */
const SANDBOX = '^src/sandbox/';

/**
 * Feature string tables that src/i18n/index.ts loads into its one i18next instance. They are JSON data without
 * imports, so they cannot carry a dependency further up or close a cycle; loading every namespace when the module
 * is first imported keeps `t()` synchronous everywhere. The strings stay beside the feature that owns them (one
 * folder to edit per feature) instead of each feature registering its namespace at start-up.
 */
const FEATURE_STRINGS = '^src/(cases|escalation|notifications)/strings\\.[a-z]{2}\\.json$';

/** The Bot Framework SDK packages (botbuilder-js): archived upstream, so they stay behind the kernel's interfaces. */
const BOT_FRAMEWORK = 'node_modules/(botbuilder|botbuilder-[^/]+|botframework-[^/]+)/';

const upwardImportRules = FLOORS.slice(1).map((floor, index) => {
  const above = FLOORS.slice(0, index + 1);
  return {
    name: `no-upward-import-from-${floor.name}`,
    comment:
      `${floor.name} may import its own floor and the floors below it, not ${above.map((f) => f.name).join(', ')}: ` +
      'a lower floor that knows an upper one cannot be tested, reused or replaced without it, and the picture ' +
      'of what depends on what stops being a stack.',
    severity: 'error',
    from: { path: floor.path },
    to: {
      path: above.map((f) => f.path),
      ...(floor.name === 'kernel-and-shared' ? { pathNot: FEATURE_STRINGS } : {}),
    },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'No import cycles, type-only imports included: a cycle makes load order matter (undefined values at ' +
        'start-up under CommonJS) and welds its modules into one unit that cannot be understood or moved apart.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...upwardImportRules,
    {
      name: 'i18n-imports-only-feature-strings',
      comment:
        'src/i18n/index.ts may read the feature string tables (JSON resources, see FEATURE_STRINGS) and nothing ' +
        'else of the features: the exception to the layering is for data, never for code.',
      severity: 'error',
      from: { path: '^src/i18n/' },
      to: { path: FLOORS[2].path, pathNot: FEATURE_STRINGS },
    },
    {
      name: 'bot-framework-only-in-the-kernel',
      comment:
        'botbuilder, botbuilder-dialogs, botbuilder-azure-blobs and botframework-* only inside src/teams/ (the ' +
        'turn kernel): botbuilder-js is archived and out of support, so leaving it must be a change to one ' +
        'folder. Features name the kernel\'s types (src/teams/turn.ts) instead. src/storage/ has its own rule.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/teams/', '^src/storage/'] },
      to: { path: BOT_FRAMEWORK },
    },
    {
      name: 'storage-wraps-only-bot-framework-storage',
      comment:
        'src/storage/ may import botbuilder and botbuilder-azure-blobs only to wrap their storage implementations ' +
        '(BlobsStorage, MemoryStorage) behind our own storage interface; dialogs and the connector stay in the kernel.',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: BOT_FRAMEWORK, pathNot: 'node_modules/(botbuilder|botbuilder-azure-blobs)/' },
    },
    {
      name: 'src-never-imports-tests-or-tools',
      comment:
        'The product never imports test/, bench/ or scripts/: they are not in the build (tsconfig.build.json) ' +
        'and not in the image, so such an import breaks production while every test passes.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'src-never-imports-dev-dependencies',
      comment:
        'The image runs `npm prune --omit=dev`: a devDependency imported at runtime from src/ is missing in ' +
        'production. Type-only imports are erased by the compiler and allowed.',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'sandbox-imported-only-by-composition',
      comment:
        'The sandbox stands in for Microsoft\'s clouds in dev and tests; only the composition root decides to ' +
        'start it (SANDBOX=true). Product code that knew it could behave differently against the real clouds.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(app|index|server)\\.ts$', SANDBOX] },
      to: { path: SANDBOX },
    },
    {
      name: 'sandbox-imports-only-wire-vocabulary-and-infrastructure',
      comment:
        'The sandbox speaks the published wire formats of Graph, Entra, Partner Center and Azure Resource ' +
        'Manager. It may share the pure wire vocabulary of the escalation transports (model.ts, wireParse.ts: ' +
        'enumerations, api-version, case-insensitive property reads) and the infrastructure floor, never the ' +
        'bot\'s behaviour (kernel, routing, features\' I/O, health): the stand-in answers like Microsoft, not like us.',
      severity: 'error',
      from: { path: SANDBOX },
      to: {
        path: '^src/',
        pathNot: [SANDBOX, FLOORS[5].path, '^src/escalation/(partnerCenter|azureSupport)/(model|wireParse)\\.ts$'],
      },
    },
    {
      name: 'src-module-without-floor',
      comment:
        'Every module under src/ belongs to a floor (FLOORS) or to the sandbox, so a new folder gets its place ' +
        'in the layering before anything imports it.',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: [...FLOORS.map((f) => f.path), SANDBOX] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '^(test|bench|scripts)/'] },
    // Type-only imports count: a type import upward is as much a dependency on the upper floor as a value import.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
