import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createApiClient } from './api/client';
import { ApiProvider } from './api/context';
import { setUpI18n } from './i18n';
import './styles.css';

async function boot(): Promise<void> {
  await setUpI18n();
  const root = document.getElementById('root');
  if (!root) throw new Error('#root is missing from index.html');
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={createApiClient()}>
        <App />
      </ApiProvider>
    </StrictMode>,
  );
}

void boot();
