import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { AppShell } from './app/AppShell';
import NotFoundPage from './app/NotFoundPage';
import { I18nProvider } from './i18n/I18nProvider';
import './styles.css';

// One chunk per view, so the wall never downloads the editor and vice versa.
const HomePage = lazy(() => import('./views/home/HomePage'));
const WallPage = lazy(() => import('./views/wall/WallPage'));
const EditPage = lazy(() => import('./views/edit/EditPage'));
const AnalyzePage = lazy(() => import('./views/analyze/AnalyzePage'));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <BrowserRouter>
        <Routes>
          {/* The wall is a full screen of its own: no header, no navigation. */}
          <Route path="wall" element={<Suspense fallback={null}><WallPage /></Suspense>} />
          <Route element={<AppShell />}>
            <Route index element={<HomePage />} />
            <Route path="edit" element={<EditPage />} />
            <Route path="analyze" element={<AnalyzePage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </I18nProvider>
  </StrictMode>,
);
