import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { createQueryClient } from './api/queries';
import { AppShell } from './app/AppShell';
import NotFoundPage from './app/NotFoundPage';
import { WallRoute } from './app/WallRoute';
import { LoginGate } from './auth/LoginGate';
import { SessionProvider } from './auth/SessionProvider';
import { I18nProvider } from './i18n/I18nProvider';
import './styles.css';

// One chunk per view, so the wall never downloads the editor and vice versa; a gated view's chunk
// is fetched only once someone allowed to see it has logged in.
const HomePage = lazy(() => import('./views/home/HomePage'));
const EditPage = lazy(() => import('./views/edit/EditPage'));
const AnalyzePage = lazy(() => import('./views/analyze/AnalyzePage'));
const ReportPage = lazy(() => import('./views/report/ReportPage'));
const ReportStatusPage = lazy(() => import('./views/report/ReportStatusPage'));
const WorkerPage = lazy(() => import('./views/worker/WorkerPage'));
const DispatchPage = lazy(() => import('./views/dispatch/DispatchPage'));
const AdminPage = lazy(() => import('./views/admin/AdminPage'));

// One cache of server state for the whole page: views share what they both read.
const queryClient = createQueryClient();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionProvider>
          <BrowserRouter>
            <Routes>
              {/* The wall is a full screen of its own: no header, no navigation. */}
              <Route path="wall" element={<WallRoute />} />
              {/* Phone-first views for residents and grid workers: a slim header of their own. */}
              <Route path="report" element={<ReportPage />} />
              <Route path="report/:code" element={<ReportStatusPage />} />
              <Route
                path="worker"
                element={
                  <LoginGate view="worker">
                    <WorkerPage />
                  </LoginGate>
                }
              />
              <Route element={<AppShell />}>
                <Route index element={<HomePage />} />
                <Route
                  path="edit"
                  element={
                    <LoginGate view="edit">
                      <EditPage />
                    </LoginGate>
                  }
                />
                <Route
                  path="analyze"
                  element={
                    <LoginGate view="analyze">
                      <AnalyzePage />
                    </LoginGate>
                  }
                />
                <Route
                  path="dispatch"
                  element={
                    <LoginGate view="dispatch">
                      <DispatchPage />
                    </LoginGate>
                  }
                />
                <Route
                  path="admin"
                  element={
                    <LoginGate view="admin">
                      <AdminPage />
                    </LoginGate>
                  }
                />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
