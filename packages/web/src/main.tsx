import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRouter } from './app/router';
import { setupI18n } from './app/i18n';
import './design/base.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

await setupI18n();
createRoot(root).render(
  <StrictMode>
    <AppRouter />
  </StrictMode>,
);
