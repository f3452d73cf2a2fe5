import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, call } from '../api/client';
import type { SessionUser } from '../auth/session';
import { session, useSession } from '../auth/session';
import { useT } from '../i18n';
import { LanguageSwitch, UnavailableBanner } from '../layout/app-layout';

interface LoginAnswer {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
}

/** Only paths of this app: `next` comes from the address bar. */
const safeNext = (next: string | null) => (next && /^\/app(\/|$|\?)/.test(next) ? next : '/app');

export function LoginPage() {
  const { t } = useT();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const current = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));
  if (current) return <Navigate to={next} replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      // The login answer is not typed in the OpenAPI document yet (auth controller): its shape is libs/auth's LoginResult.
      const answer = (await call(api.POST('/auth/login', { body: values }))) as unknown as LoginAnswer;
      session.start(answer.accessToken, answer.expiresIn, answer.user);
      void navigate(next, { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) setError(t('login.locked'));
      else if (err instanceof ApiError && err.status === 401) setError(t('login.failed'));
      else if (!(err instanceof ApiError && err.status === 503))
        setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <UnavailableBanner />
      <Flex justify="flex-end" style={{ padding: 12 }}>
        <LanguageSwitch />
      </Flex>
      <main style={{ width: '100%', maxWidth: 400, margin: '0 auto', padding: 16 }}>
        <Card>
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('app.federation')} · {t('login.subtitle')}
          </Typography.Paragraph>
          {session.wasExpired() && !error && (
            <Alert type="info" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />
          )}
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form
            layout="vertical"
            onFinish={(v: { username: string; password: string }) => void submit(v)}
            requiredMark={false}
          >
            <Form.Item
              label={t('login.username')}
              name="username"
              rules={[
                { required: true, whitespace: true, message: t('login.required', { field: t('login.username') }) },
              ]}
            >
              <Input autoComplete="username" autoCapitalize="none" size="large" />
            </Form.Item>
            <Form.Item
              label={t('login.password')}
              name="password"
              rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}
            >
              <Input.Password autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={busy}>
              {t('login.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
            {t('login.demo')}
          </Typography.Paragraph>
        </Card>
      </main>
    </Flex>
  );
}
