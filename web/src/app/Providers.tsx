import type { ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { BrowserRouter } from 'react-router-dom';
import { I18nProvider, useI18n } from '../lib/i18n.tsx';
import { AuthProvider } from './auth.tsx';

/**
 * Users who ask their system for reduced motion (an accessibility setting) get no antd animations:
 * drawers, drop-downs and messages appear at once. The browser tests run with it too, so a click never
 * lands on a menu that is still sliding in.
 */
const reducedMotion = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

/** antd's ConfigProvider (and dayjs, used by its date pickers) follow the UI language. */
function AntdLocale({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  dayjs.locale(locale === 'en-US' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider
      locale={locale === 'en-US' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1d4ed8', borderRadius: 4, motion: !reducedMotion } }}
    >
      <AntApp style={{ height: '100%' }}>{children}</AntApp>
    </ConfigProvider>
  );
}

export function Providers({ children }: { children: ReactNode }) {
  return (
    <I18nProvider>
      <AntdLocale>
        <BrowserRouter>
          <AuthProvider>{children}</AuthProvider>
        </BrowserRouter>
      </AntdLocale>
    </I18nProvider>
  );
}
