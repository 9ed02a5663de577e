import { join } from 'node:path';

/** The folder this tool keeps its caches in: `$XDG_CACHE_HOME/endpoint-planner`, else the platform's cache folder. */
export function userCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  const base =
    env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== ''
      ? env.XDG_CACHE_HOME
      : platform === 'darwin'
        ? join(home, 'Library', 'Caches')
        : platform === 'win32'
          ? (env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'))
          : join(home, '.cache');
  return join(base, 'endpoint-planner');
}
