import baseConfig from '../../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The library runs in the browser and on the server: no frameworks, no
    // Node built-ins, and no hidden clock (time is always passed in).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '@nestjs/*', '@angular/*', 'typeorm', 'typeorm/*'],
              message: 'shared/extractor must stay framework-free and browser-safe.',
            },
          ],
          paths: [
            'fs',
            'path',
            'os',
            'crypto',
            'util',
            'events',
            'stream',
            'child_process',
            'process',
            'buffer',
            'url',
            'http',
            'https',
            'net',
            'tls',
            'zlib',
            'worker_threads',
          ].map((name) => ({
            name,
            message: 'shared/extractor must not import Node built-ins.',
          })),
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass the current time in; never read the clock inside the library.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass the current time in; never read the clock inside the library.',
        },
        {
          selector: "MemberExpression[object.name='DateTime'][property.name=/^(now|local)$/]",
          message: 'Pass the current time in and use explicit zones; never use luxon local time.',
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'process',
          message: 'shared/extractor runs in the browser too.',
        },
      ],
    },
  },
];
