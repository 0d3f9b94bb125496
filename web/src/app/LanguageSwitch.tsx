import { Segmented } from 'antd';
import { api } from '../lib/api.ts';
import { useI18n, type Locale } from '../lib/i18n.tsx';
import { useAuth } from './auth.tsx';

/** 中文 / English. Persists in localStorage and, when signed in, on the server (PUT /api/v1/me/locale). */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { locale, setLocale } = useI18n();
  const { user } = useAuth();
  const change = (l: Locale) => {
    if (l === locale) return;
    setLocale(l);
    if (user) api.put('/api/v1/me/locale', { locale: l }).catch((err: unknown) => console.warn('saving the locale failed', err));
  };
  return (
    <Segmented<Locale>
      data-testid="lang-switch"
      size={size}
      value={locale}
      onChange={change}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh">中文</span> },
        { value: 'en-US', label: <span data-testid="lang-en">English</span> },
      ]}
    />
  );
}
