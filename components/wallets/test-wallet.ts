// The development-only Test wallet (TEST_WALLET): a Stellar keypair made in this browser and
// kept in its localStorage, answering as a kit module does. It signs the SEP-53 challenge with
// the Stellar SDK, exactly as a wallet must, so sign-in runs the same checks as for any wallet.
// A key in localStorage is not safe for real funds: start-up refuses TEST_WALLET on any public URL.
import { Keypair, Networks, TransactionBuilder } from "@stellar/stellar-sdk";
import type { WalletModule } from "./wallet-modules";

const STORAGE_KEY = "keyport.test-wallet.secret";

function keypair(): Keypair {
  let secret = localStorage.getItem(STORAGE_KEY);
  if (!secret) {
    secret = Keypair.random().secret();
    localStorage.setItem(STORAGE_KEY, secret);
  }
  return Keypair.fromSecret(secret);
}

export class TestWalletModule implements WalletModule {
  productId = "test-wallet";

  async isAvailable() {
    return true;
  }

  async getAddress() {
    return { address: keypair().publicKey() };
  }

  async getNetwork() {
    return { network: "TESTNET", networkPassphrase: Networks.TESTNET };
  }

  async signMessage(message: string) {
    const signer = keypair();
    const signature = signer.signMessage(message); // 64 bytes, sent base64 as Freighter does
    return { signedMessage: btoa(String.fromCharCode(...signature)), signerAddress: signer.publicKey() };
  }

  async signTransaction(xdr: string, opts?: { networkPassphrase?: string }) {
    const signer = keypair();
    const tx = TransactionBuilder.fromXDR(xdr, opts?.networkPassphrase ?? Networks.TESTNET);
    tx.sign(signer);
    return { signedTxXdr: tx.toXDR(), signerAddress: signer.publicKey() };
  }
}
