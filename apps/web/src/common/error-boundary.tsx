import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { Button, Result } from 'antd';
import { i18n } from '../i18n';

/** A screen that throws while rendering shows what happened and a way back, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Result
        status="error"
        title={i18n.t('common.error')}
        subTitle={this.state.error.message}
        extra={
          <Button type="primary" onClick={() => window.location.assign('/app')}>
            {i18n.t('common.toHome')}
          </Button>
        }
      />
    );
  }
}
