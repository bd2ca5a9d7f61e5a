import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { createAppRouter } from './app/router';
import { setupI18n } from './i18n';
import './design/tokens.css';
import './design/base.css';
import './design/components.css';
import './design/layout.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The router first: it starts downloading the chunk of the page asked for (a deep link) while the
// catalogs of one language (a few kilobytes) arrive, before the first render: no flash of keys.
const router = createAppRouter();
await setupI18n();
// The first render as a transition: React renders it in slices of a few milliseconds, so a slow
// phone's main thread is never held for the whole tree at once (Total Blocking Time; the boot
// bar of index.html stays on screen meanwhile).
const reactRoot = createRoot(root);
startTransition(() => {
  reactRoot.render(
    <StrictMode>
      <RouterProvider router={router} />
    </StrictMode>,
  );
});
