#!/usr/bin/env node
/**
 * npm run mail:dev — a local mail catcher for reminders: maildev on loopback, SMTP on 1025, inbox on 1080.
 * Mail is kept under .data/maildev. Point the app at it with SMTP_URL=smtp://127.0.0.1:1025.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const smtpPort = process.env.MAILDEV_SMTP_PORT ?? '1025';
const webPort = process.env.MAILDEV_WEB_PORT ?? '1080';
const mailDirectory = resolve(root, '.data/maildev');
mkdirSync(mailDirectory, { recursive: true });

const bin = resolve(root, 'node_modules/maildev/dist/bin/maildev.js');
const child = spawn(
  process.execPath,
  [bin, '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--smtp', smtpPort, '--web', webPort, '--mail-directory', mailDirectory],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);

console.log(`maildev: inbox at http://127.0.0.1:${webPort}/ (mail kept in ${mailDirectory})`);
console.log('Start Pactwatch with:');
console.log(`SMTP_URL=smtp://127.0.0.1:${smtpPort}`);

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
