import { Flex, Spin } from 'antd';
import { useT } from '../i18n';

export function Loading() {
  const { t } = useT();
  return (
    <Flex justify="center" style={{ padding: 48 }}>
      <Spin tip={t('common.loading')}>
        <div style={{ width: 48, height: 48 }} />
      </Spin>
    </Flex>
  );
}
