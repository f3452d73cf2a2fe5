import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useSession } from '../auth/session';
import { useT } from '../i18n';
import CataloguePage from './catalogue-page';

/** The applicant's first screen: a greeting, the shortcut to their cases, then the catalogue itself. */
export default function ApplicantHome() {
  const user = useSession()?.user;
  const { t } = useT();
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
          {t('home.hello', { name: user?.displayName })}
        </Typography.Title>
        <Typography.Paragraph style={{ margin: '8px 0 0' }}>
          {t('home.applicantIntro')}{' '}
          <Link to="/app/applications" style={{ textDecoration: 'underline' }}>
            {t('home.mine')}
          </Link>
        </Typography.Paragraph>
      </Card>
      <CataloguePage headingLevel={2} />
    </Flex>
  );
}
