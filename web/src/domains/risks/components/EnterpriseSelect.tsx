/**
 * Enterprise picker over GET /api/v1/enterprises (the caller's scope): the first 200 by name, then a
 * server-side search (`q`: name or credit code) as the user types. An enterprise account sees only itself.
 */
import type { SelectProps } from 'antd';
import { RecordSelect } from '../../../components/OrgSelect.tsx';

export function EnterpriseSelect(props: SelectProps<string | null>) {
  return <RecordSelect endpoint="/api/v1/enterprises" popupMatchSelectWidth={false} {...props} />;
}
