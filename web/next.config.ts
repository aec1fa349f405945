import path from 'node:path';
import type { NextConfig } from 'next';

// The repo root holds the one lockfile and node_modules of every workspace.
const repoRoot = path.resolve(__dirname, '..');

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  outputFileTracingRoot: repoRoot,
  turbopack: { root: repoRoot },
};

export default nextConfig;
