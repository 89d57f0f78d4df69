/** Password hashing at the configured cost: sizes the memory of the functions that hash (register, login, password change). */
import { hashPassword, verifyPassword } from '@nocturnal/core/auth/passwords';
import { loadConfig } from '@nocturnal/core/config';

export interface ScryptResult {
  logN: number;
  /** 128 · N · r bytes. */
  memoryMiB: number;
  hashMs: number[];
  verifyMs: number[];
}

export async function runScrypt(reps: number): Promise<ScryptResult> {
  const logN = loadConfig().PASSWORD_SCRYPT_LOG_N;
  const hashMs: number[] = [];
  const verifyMs: number[] = [];
  let stored = '';
  for (let i = 0; i < reps; i++) {
    let t = performance.now();
    stored = await hashPassword(`correct horse battery ${i}`, logN);
    hashMs.push(performance.now() - t);
    t = performance.now();
    if (!(await verifyPassword(`correct horse battery ${i}`, stored))) throw new Error('scrypt: verify failed');
    verifyMs.push(performance.now() - t);
  }
  return { logN, memoryMiB: (128 * 2 ** logN * 8) / 2 ** 20, hashMs, verifyMs };
}
