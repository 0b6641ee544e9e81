// Checks of the volunteer passport with the verifiers a relying party
// would use: `jose` verifies a credential (or any JWT the register signs)
// against the register's published JWK set, and Digital Bazaar's
// Bitstring Status List library decodes a status list credential.
//
//   node credentials.mjs verify <jwks-url> <jwt>
//     prints the verified JOSE header and payload as one JSON line, or
//     `FAILED <code>` when jose refuses it.
//   node credentials.mjs status <jwks-url> <status-list-url> <index>
//     fetches the status list credential, verifies it with jose, decodes
//     its list and prints {"revoked": bool, "length": n}.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';

const [mode, jwksUrl, ...rest] = process.argv.slice(2);
const jwks = createRemoteJWKSet(new URL(jwksUrl));

async function verify(jwt) {
  const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { algorithms: ['EdDSA'] });
  return { header: protectedHeader, payload };
}

try {
  if (mode === 'verify') {
    const { header, payload } = await verify(rest[0]);
    console.log(JSON.stringify({ header, payload }));
  } else if (mode === 'status') {
    const [url, index] = rest;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`status list: HTTP ${response.status}`);
    const { payload } = await verify(await response.text());
    const list = await decodeList({ encodedList: payload.credentialSubject.encodedList });
    console.log(JSON.stringify({
      revoked: list.getStatus(Number(index)),
      length: list.length,
      purpose: payload.credentialSubject.statusPurpose,
      type: payload.type,
    }));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} catch (error) {
  console.log(`FAILED ${error.code || error.message}`);
  process.exitCode = 1;
}
