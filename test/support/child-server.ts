// A real Kindling server in its own process, for tests that kill it. Prints "READY <port>".
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';

const server = await startServer(
  loadConfig({
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      KINDLING_LOG_LEVEL: 'error',
      KINDLING_LOG_PRETTY: '0',
    },
    requirePlatformToken: true,
  }),
);
const address = server.app.server.address();
process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`);
