import { Button, Card, Typography } from 'antd';
import { useSession } from '../auth/session';
import { useT } from '../i18n';

/** Auditors and administrators: their consoles come next (issue 12, screens 4 and 5). */
export default function StaffHome() {
  const user = useSession()?.user;
  const { t } = useT();
  return (
    <Card>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {t('home.hello', { name: user?.displayName })}
      </Typography.Title>
      <Typography.Paragraph>
        {t(user?.role === 'auditor' ? 'home.auditorIntro' : 'home.adminIntro')}
      </Typography.Paragraph>
      <Button href="/docs" type="primary">
        {t('home.docs')}
      </Button>
    </Card>
  );
}
