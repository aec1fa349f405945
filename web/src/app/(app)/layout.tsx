import type { ReactNode } from 'react';
import { AppShell } from '@/features/shell/app-shell';

export default function PrivateLayout({ children }: { children: ReactNode }): ReactNode {
  return <AppShell>{children}</AppShell>;
}
