import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Layout, Menu, Select, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { session, useSession } from '../auth/session';
import { availability, useApiDown } from '../common/availability';
import { setLanguage, useT } from '../i18n';
import type { Language } from '../i18n';

export function LanguageSwitch() {
  const { t, language } = useT();
  return (
    <Select<Language>
      size="small"
      value={language}
      onChange={setLanguage}
      aria-label={t('common.language')}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      style={{ width: 96 }}
    />
  );
}

/** A 503 (or no answer) from the API: a banner with a retry, above whatever the screen still shows. */
export function UnavailableBanner() {
  const down = useApiDown();
  const queryClient = useQueryClient();
  const { t } = useT();
  if (!down) return null;
  return (
    <Alert
      banner
      type="warning"
      role="alert"
      title={t('common.unavailable')}
      action={
        <Button
          size="small"
          onClick={() => {
            availability.up();
            void queryClient.refetchQueries({ type: 'active' });
          }}
        >
          {t('common.retry')}
        </Button>
      }
    />
  );
}

export function AppLayout({ children }: { children: ReactNode }) {
  const user = useSession()?.user;
  const { t } = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const items =
    user?.role === 'applicant'
      ? [
          { key: '/app', label: <Link to="/app">{t('nav.home')}</Link> },
          { key: '/app/programs', label: <Link to="/app/programs">{t('nav.programs')}</Link> },
          { key: '/app/applications', label: <Link to="/app/applications">{t('nav.mine')}</Link> },
        ]
      : user?.role === 'approver'
        ? [{ key: '/app', label: <Link to="/app">{t('nav.inbox')}</Link> }]
        : user?.role === 'auditor'
          ? [
              { key: '/app', label: <Link to="/app">{t('nav.audit')}</Link> },
              { key: '/app/audit/annual', label: <Link to="/app/audit/annual">{t('nav.annual')}</Link> },
            ]
          : user?.role === 'admin'
            ? [
                { key: '/app', label: <Link to="/app">{t('nav.home')}</Link> },
                { key: '/app/audit', label: <Link to="/app/audit">{t('nav.audit')}</Link> },
                { key: '/app/audit/annual', label: <Link to="/app/audit/annual">{t('nav.annual')}</Link> },
              ]
            : [{ key: '/app', label: <Link to="/app">{t('nav.home')}</Link> }];
  // The approver's inbox and the auditor's case search are their home: their inner pages select it.
  const inbox =
    (user?.role === 'approver' && /^\/app\/(inbox|tasks)(\/|$)/.test(location.pathname)) ||
    (user?.role === 'auditor' && /^\/app\/audit(\/cases(\/|$)|$)/.test(location.pathname));
  const matching = items
    .map((i) => i.key)
    .filter(
      (k) => location.pathname === k || (k !== '/app' && location.pathname.startsWith(k)) || (inbox && k === '/app'),
    );
  // The most specific item only (/app/audit/annual, not /app/audit too).
  const selected = matching.filter((k) => !matching.some((other) => other !== k && other.startsWith(k)));
  const logout = async () => {
    await api.POST('/auth/logout').catch(() => undefined);
    session.end();
    void navigate('/app/login');
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ background: '#b50e27', paddingInline: 12, height: 'auto', lineHeight: 1.5, paddingBlock: 8 }}
      >
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Link to="/app" style={{ color: '#fff', fontWeight: 600, fontSize: 16 }}>
            {t('app.name')}
          </Link>
          <Flex align="center" gap={8}>
            <Typography.Text style={{ color: '#fff' }}>
              {user?.displayName} · {user ? t(`role.${user.role}`) : ''}
            </Typography.Text>
            <LanguageSwitch />
            <Button size="small" onClick={() => void logout()}>
              {t('common.logout')}
            </Button>
          </Flex>
        </Flex>
      </Layout.Header>
      <nav aria-label={t('app.name')}>
        <Menu mode="horizontal" selectedKeys={selected} items={items} />
      </nav>
      <UnavailableBanner />
      <Layout.Content
        style={{
          padding: 12,
          // The auditor's case page sets three columns side by side: it takes a wider screen's room.
          maxWidth: location.pathname.startsWith('/app/audit/cases/') ? 1440 : 1080,
          width: '100%',
          margin: '0 auto',
        }}
      >
        <main>{children}</main>
      </Layout.Content>
    </Layout>
  );
}
