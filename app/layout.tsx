import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'PartnerLedger', template: '%s · PartnerLedger' },
  description: 'Partner programs with exact money and explainable attribution.',
};

// Every page renders per request: the Content-Security-Policy's nonce (middleware.ts) is new for
// each one, and Next can stamp it on its scripts only while rendering. A page prerendered at build
// time would carry scripts without it, which the policy blocks (no hydration, dead forms).
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
