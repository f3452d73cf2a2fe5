import { Button, Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useSession } from '../auth/session';
import { useT } from '../i18n';

/** Administrators: their console comes next (issue 12, screen 5); meanwhile the API docs and the auditor console. */
export default function StaffHome() {
  const user = useSession()?.user;
  const { t } = useT();
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('home.hello', { name: user?.displayName })}
      </Typography.Title>
      <Typography.Paragraph>{t('home.adminIntro')}</Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button href="/docs" type="primary">
          {t('home.docs')}
        </Button>
        <Link to="/app/audit">
          <Button>{t('home.auditConsole')}</Button>
        </Link>
      </Flex>
    </Card>
  );
}
