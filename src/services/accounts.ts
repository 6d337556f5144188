import { notFound } from '../domain/errors.js';
import type { AdAccount } from '../domain/model.js';
import type { Executor } from '../store/database.js';
import { getAdAccount } from '../store/repos/ad-accounts.js';

export async function requireAccount(db: Executor, adAccountId: string): Promise<AdAccount> {
  const account = await getAdAccount(db, adAccountId);
  if (!account) throw notFound('Ad account', adAccountId);
  return account;
}
