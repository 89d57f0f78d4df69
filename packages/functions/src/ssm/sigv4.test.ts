import { describe, expect, it } from 'vitest';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { signRequest } from './sigv4';

// The AWS SigV4 test suite's credentials and time.
const suite = {
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  region: 'us-east-1',
  service: 'service',
  now: new Date('2015-08-30T12:36:00Z'),
};
const signatureOf = (headers: Record<string, string>) => /Signature=([0-9a-f]{64})$/.exec(headers.authorization!)![1];

describe('signRequest', () => {
  it.each([
    ['get-vanilla', 'GET', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
    ['post-vanilla', 'POST', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
  ])('matches the AWS test suite: %s', (_name, method, signature) => {
    const headers = signRequest({ method, url: new URL('https://example.amazonaws.com/'), headers: {}, body: '' }, suite);

    expect(headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
    );
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
  });

  it('signs an SSM GetParameters call (body, target, session token) exactly as the AWS SDK does', async () => {
    // Prepare
    const credentials = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret/EXAMPLE+key', sessionToken: 'token=with/odd+chars' };
    const body = JSON.stringify({ Names: ['/sst/app/prod/Secret/MONGODB_URI/value'], WithDecryption: true });
    const headers = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonSSM.GetParameters' };
    const now = new Date('2026-11-29T03:42:07Z');
    const sdk = new SignatureV4({ credentials, region: 'eu-west-1', service: 'ssm', sha256: Sha256, applyChecksum: false });

    // Act
    const ours = signRequest({ method: 'POST', url: new URL('https://ssm.eu-west-1.amazonaws.com/'), headers, body }, { credentials, region: 'eu-west-1', service: 'ssm', now });
    const theirs = await sdk.sign(
      new HttpRequest({ method: 'POST', protocol: 'https:', hostname: 'ssm.eu-west-1.amazonaws.com', path: '/', headers: { ...headers, host: 'ssm.eu-west-1.amazonaws.com' }, body }),
      { signingDate: now },
    );

    // Assess
    expect(ours.authorization).toBe(theirs.headers.authorization);
    expect(ours['x-amz-security-token']).toBe('token=with/odd+chars');
    expect(signatureOf(ours)).toMatch(/^[0-9a-f]{64}$/);
  });
});
