// Multisig weight, as the network counts it: the weights of the account's signers who signed,
// against its high threshold. Pure: the approval gate, the pending-approval list and tests use it.
// A threshold of 0 still needs one signature (Stellar asks for a signature with weight > 0).

export type WeightedAccount = { thresholds: { high: number }; signers: { key: string; weight: number }[] };

export type Tally = {
  required: number;
  weight: number;
  missing: number;
  met: boolean;
  /** Each address that signed, with the weight it counts for now (0: not, or no longer, a signer). */
  counted: { address: string; weight: number }[];
};

export function signerWeight(account: WeightedAccount, address: string): number {
  return account.signers.find((s) => s.key === address)?.weight ?? 0;
}

export function tally(account: WeightedAccount, addresses: readonly string[]): Tally {
  const counted = [...new Set(addresses)].map((address) => ({ address, weight: signerWeight(account, address) }));
  const weight = counted.reduce((sum, c) => sum + c.weight, 0);
  const required = Math.max(1, account.thresholds.high);
  return { required, weight, missing: Math.max(0, required - weight), met: weight >= required, counted };
}
