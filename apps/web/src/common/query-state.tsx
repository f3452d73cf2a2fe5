import type { ReactNode } from 'react';
import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { useT } from '../i18n';
import { Loading } from './loading';

/** Loading, an error with a retry, or the content: every screen that reads the API shows one of the three. */
export function QueryState(props: { loading: boolean; error: unknown; retry: () => void; children: () => ReactNode }) {
  const { t } = useT();
  if (props.loading) return <Loading />;
  if (props.error) {
    const message =
      props.error instanceof ApiError
        ? props.error.message || props.error.code
        : props.error instanceof Error
          ? props.error.message
          : t('common.error');
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.error')}
        description={message}
        action={
          <Button size="small" onClick={props.retry}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return <>{props.children()}</>;
}
