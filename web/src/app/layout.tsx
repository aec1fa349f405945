import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppProviders } from '@/apollo/app-providers';
import { loadWebConfig } from '@/server/web-config';
import '@/styles/base.css';
import '@/styles/components.css';
import '@/styles/layout.css';

export const metadata: Metadata = {
  title: { default: 'HoloVitals', template: '%s · HoloVitals' },
  description: 'Your personal health record: labs, vitals, conditions and medications in one place.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b6e6e' };

export default async function RootLayout({ children }: { children: ReactNode }): Promise<ReactNode> {
  // Rendered per request so the gateway URL comes from this process's environment, not the build's.
  await connection();
  const config = loadWebConfig();
  return (
    <html lang="en">
      <body>
        <AppProviders gatewayUrl={config.publicGatewayUrl}>{children}</AppProviders>
      </body>
    </html>
  );
}
