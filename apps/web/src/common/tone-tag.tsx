import type { ReactNode } from 'react';
import { Tag } from 'antd';

/**
 * Ant Design's coloured tags put mid-tone text on a pale ground (about 3:1); these keep the hue with text dark enough
 * for WCAG AA (4.5:1, checked by axe-core in the browser tests).
 */
const TONES: Record<string, { color: string; background: string; borderColor: string }> = {
  success: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  error: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  processing: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  warning: { color: '#7c4a00', background: '#fffbe6', borderColor: '#ffe58f' },
  cyan: { color: '#00474f', background: '#e6fffb', borderColor: '#87e8de' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  gold: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  default: { color: '#262626', background: '#fafafa', borderColor: '#d9d9d9' },
};

export function ToneTag(props: { tone?: string; children: ReactNode; 'data-testid'?: string }) {
  return (
    <Tag style={TONES[props.tone ?? 'default'] ?? TONES.default} data-testid={props['data-testid']}>
      {props.children}
    </Tag>
  );
}
