/**
 * A local fake of a business's identity provider: fresh RS256 and ES256 key pairs for the run,
 * the public halves served as a JWKS (`GET /jwks.json`), the private halves handed to tests
 * (globalSetup `provide`) so they sign tokens exactly as an IdP would. The Worker fetches the
 * JWKS through its real `JWT_JWKS_URL` path (jose's remote key set); nothing of ours is mocked.
 *
 * Runs under Node 22 as-is (type stripping): only erasable TS syntax in this file.
 */
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface FakeIdp {
  /** e.g. `http://127.0.0.1:PORT/jwks.json` */
  jwksUrl: string;
  /** Private JWKs with `kid` and `alg`, one per algorithm. */
  signingKeys: JWK[];
  close(): Promise<void>;
}

export async function startFakeIdp(options: { port?: number } = {}): Promise<FakeIdp> {
  const signingKeys: JWK[] = [];
  const publicKeys: JWK[] = [];
  for (const alg of ['RS256', 'ES256']) {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const kid = `fake-idp-${alg.toLowerCase()}`;
    publicKeys.push({ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' });
    signingKeys.push({ ...(await exportJWK(privateKey)), kid, alg });
  }
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/jwks.json') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'max-age=60' });
      res.end(JSON.stringify({ keys: publicKeys }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake IdP did not get a port');
  return {
    jwksUrl: `http://127.0.0.1:${address.port}/jwks.json`,
    signingKeys,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
