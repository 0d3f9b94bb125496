import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, Tag, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth, useProductName } from '../../../app/auth.tsx';
import { FullPageSpin } from '../../../app/guards.tsx';
import { LanguageSwitch } from '../../../app/LanguageSwitch.tsx';
import { errorMessage } from '../../../lib/api.ts';
import { common, defineMessages, useI18n } from '../../../lib/i18n.tsx';

const m = defineMessages({
  title: ['用户登录', 'Sign in'],
  username: ['用户名', 'Username'],
  password: ['密码', 'Password'],
  submit: ['登录', 'Sign in'],
  demoHint: ['演示账号：admin / yingji-demo', 'Demo account: admin / yingji-demo'],
  demoMore: ['其他角色：duty、commander、staff、reg-transport、town-shanshan、ent-tianshan、inspector、informant 等，密码相同。', 'Other roles: duty, commander, staff, reg-transport, town-shanshan, ent-tianshan, inspector, informant …, same password.'],
  subtitle: ['县级应急管理局 · 值班值守 · 指挥调度 · 风险防控', 'County emergency management bureau · duty · command · risk control'],
});

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const { t } = useI18n();
  const { status, user, login, meta } = useAuth();
  const productName = useProductName();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'));
  useEffect(() => {
    document.title = productName;
  }, [productName]);

  if (status === 'loading') return <FullPageSpin />;
  if (user) return <Navigate to={next} replace />;

  const onFinish = async (v: { username: string; password: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div style={{ minHeight: '100%', display: 'flex', flexDirection: 'column', background: 'linear-gradient(160deg, #0b2a5b 0%, #1d4ed8 55%, #e0e7ff 100%)' }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
        <Card style={{ width: 400, maxWidth: '100%', boxShadow: '0 10px 30px rgba(0,0,0,.25)' }}>
          <div style={{ textAlign: 'center', marginBottom: 20 }}>
            <div style={{ width: 48, height: 48, margin: '0 auto 8px', borderRadius: 10, background: '#c8102e', color: '#fff', fontSize: 26, fontWeight: 700, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>应</div>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="login-product-name">{productName}</Typography.Title>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(m.subtitle)}</Typography.Text>
            {meta?.demo && <div style={{ marginTop: 6 }}><Tag color="orange">{t(common.demoData)}</Tag></div>}
          </div>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void onFinish(v)} data-testid="login-form" requiredMark={false}>
            <Form.Item name="username" label={t(m.username)} rules={[{ required: true, whitespace: true, message: t(common.required, { field: t(m.username) }) }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" size="large" />
            </Form.Item>
            <Form.Item name="password" label={t(m.password)} rules={[{ required: true, message: t(common.required, { field: t(m.password) }) }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submitting} data-testid="login-submit">
              {t(m.submit)}
            </Button>
          </Form>
          {meta?.demo && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 16 }}
              data-testid="login-demo-hint"
              title={t(m.demoHint)}
              description={<span style={{ fontSize: 12 }}>{t(m.demoMore)}</span>}
            />
          )}
        </Card>
      </div>
    </div>
  );
}
