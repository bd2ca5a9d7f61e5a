/**
 * `npm run dev`: the API with reload on change (tsx watch) on port 3000, and Vite's dev server
 * for the PWA (hot reload) on port 5173, proxying API calls to the API.
 */
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'packages/server/src/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'development', SERVE_WEB: 'false' },
  }),
  spawn('npm', ['run', 'dev', '-w', '@vssid/web'], { stdio: 'inherit' }),
];
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const c of children) c.once('exit', stop);
