import { readdir as readdirCallback, readFile as readFileCallback, stat as statCallback } from 'node:fs';
import { promisify } from 'node:util';

// The reads every command does before its first output, through node:fs: node:fs/promises loads ~3 ms of modules
// (readline, file watchers) that a start-up never uses. Writers keep node:fs/promises.

/** `fs.promises.stat`. */
export const stat = promisify(statCallback);
/** `fs.promises.readFile`. */
export const readFile = promisify(readFileCallback);
/** `fs.promises.readdir`. */
export const readdir = promisify(readdirCallback);
