import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Two pages: the explorer and registries at /, GraphiQL at /graphql (served as playground.html).
// The build goes straight into the server's web root, which is not committed.
export default defineConfig({
  base: '/',
  // GraphiQL's editor runs its language services in module workers.
  worker: { format: 'es' },
  build: {
    outDir: resolve(__dirname, '../Lineage.Server/wwwroot'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      // Libraries' "use client" lines mean nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        index: resolve(__dirname, 'index.html'),
        playground: resolve(__dirname, 'playground.html'),
      },
    },
  },
});
