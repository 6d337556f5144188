import '@fontsource-variable/inter';
import './styles/base.css';
import './styles/layout.css';
import './styles/login.css';
import './styles/buttons.css';
import './styles/forms.css';
import './styles/surfaces.css';
import './styles/tables.css';
import './styles/overlays.css';
import './styles/pages.css';
import './styles/notifications.css';
import './styles/phone-preview.css';
import './styles/dayparting.css';
import './styles/create-flow.css';
import './styles/spark-posts.css';
import './styles/admin.css';
import './styles/feed.css';
import './styles/reports.css';
import './styles/media-kit.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { isApiError } from './api/client';
import { App } from './app';
import { ToastProvider } from './components/toast';
import { SessionProvider } from './session/session';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Other people change this data too (a creator revokes, a reviewer decides): keep it short.
      staleTime: 5_000,
      // Client errors (4xx) will not fix themselves; server and network errors may.
      retry: (count, error) => count < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
    },
    mutations: { retry: false },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <SessionProvider>
          <ToastProvider>
            <App />
          </ToastProvider>
        </SessionProvider>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
