import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from './api/client';
import type { Role } from './auth/session';
import { useSession } from './auth/session';
import { ErrorBoundary } from './common/error-boundary';
import { Loading } from './common/loading';
import { useT } from './i18n';
import { AppLayout } from './layout/app-layout';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';

// One chunk per role's first screen, and per screen after it: a user downloads what their role uses.
const ApplicantHome = lazy(() => import('./applicant/applicant-home'));
const ApproverHome = lazy(() => import('./approver/inbox-page'));
const StaffHome = lazy(() => import('./pages/staff-home'));
const CataloguePage = lazy(() => import('./applicant/catalogue-page'));
const ApplyPage = lazy(() => import('./applicant/apply-page'));
const MyApplicationsPage = lazy(() => import('./applicant/my-applications-page'));
const CasePage = lazy(() => import('./cases/case-page'));
const TaskPage = lazy(() => import('./approver/task-page'));
const AuditSearchPage = lazy(() => import('./audit/audit-search-page'));
const AuditCasePage = lazy(() => import('./audit/audit-case-page'));
const AnnualFiguresPage = lazy(() => import('./audit/annual-figures-page'));

/** Union red; secondary text darker than Ant Design's default so that it meets WCAG AA contrast (axe-core). */
const THEME = {
  token: {
    colorPrimary: '#b50e27',
    borderRadius: 8,
    colorTextSecondary: '#595959',
    colorTextTertiary: '#595959',
    colorTextDescription: '#595959',
    colorTextPlaceholder: '#6e6e6e',
    colorLink: '#0958d9',
    // Ant Design's error red (#ff4d4f) on white is 3.3:1: a field error next to its field would fail WCAG AA.
    colorError: '#cf1322',
  },
};

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // 4xx answers are final; a 503 or a lost connection is retried by the banner's button, not in a loop.
      retry: (count, error) => !(error instanceof ApiError) && count < 1,
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

function RequireAuth({ children, roles }: { children: ReactNode; roles?: Role[] }) {
  const current = useSession();
  const location = useLocation();
  if (!current) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/app/login?next=${next}`} replace />;
  }
  if (roles && !roles.includes(current.user.role)) return <NotFoundPage />;
  return <>{children}</>;
}

function Home() {
  const role = useSession()?.user.role;
  if (role === 'applicant') return <ApplicantHome />;
  if (role === 'approver') return <ApproverHome />;
  if (role === 'auditor') return <AuditSearchPage />;
  return <StaffHome />;
}

const page = (node: ReactNode, roles?: Role[]) => (
  <RequireAuth roles={roles}>
    <AppLayout>
      <Suspense fallback={<Loading />}>{node}</Suspense>
    </AppLayout>
  </RequireAuth>
);

export function AppRoot() {
  const { language } = useT();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <ErrorBoundary>
            <BrowserRouter>
              <Routes>
                <Route path="/" element={<Navigate to="/app" replace />} />
                <Route path="/app/login" element={<LoginPage />} />
                <Route path="/app" element={page(<Home />)} />
                <Route path="/app/programs" element={page(<CataloguePage />, ['applicant'])} />
                <Route path="/app/programs/:code/apply" element={page(<ApplyPage />, ['applicant'])} />
                <Route path="/app/applications" element={page(<MyApplicationsPage />)} />
                <Route path="/app/applications/:id" element={page(<CasePage />)} />
                <Route path="/app/inbox" element={page(<ApproverHome />, ['approver', 'admin'])} />
                <Route path="/app/tasks/:id" element={page(<TaskPage />, ['approver', 'admin'])} />
                <Route path="/app/audit" element={page(<AuditSearchPage />, ['auditor', 'admin'])} />
                <Route path="/app/audit/cases/:id" element={page(<AuditCasePage />, ['auditor', 'admin'])} />
                <Route path="/app/audit/annual" element={page(<AnnualFiguresPage />, ['auditor', 'admin'])} />
                <Route path="*" element={page(<NotFoundPage />)} />
              </Routes>
            </BrowserRouter>
          </ErrorBoundary>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
