/**
 * The faucet Durable Object: holds the faucet account (an ed25519 key derived from the network
 * seed), limits requests per address and per IP per hour, and pays each accepted request with a
 * real signed transfer submitted to the faucet's table. Nonces are assigned in the same
 * transaction that records the request, so concurrent requests never share one.
 */
import { EventSourcedDO } from '../base/EventSourcedDO.ts';
import { networkConfig } from '../base/config.ts';
import { fromHex, toHex, ZERO32 } from '../../protocol/bytes.ts';
import { parseAddress } from '../../protocol/keys/address.ts';
import { signTx } from '../../protocol/tx/signTx.ts';
import { encodeTx } from '../../protocol/tx/encodeTx.ts';
import { txHash } from '../../protocol/tx/txHash.ts';
import { ErrorCode, fail, isProtocolError } from '../../protocol/errors.ts';
import {
  accountTable,
  faucetSigner,
  FAUCET_DRIP,
  tableName,
  type NetworkConfig,
} from '../../protocol/network/config.ts';
import type { Signer } from '../../protocol/keys/signer.ts';
import type { FaucetResult } from '../../schema/rpc.ts';

export class FaucetDO extends EventSourcedDO {
  private config!: NetworkConfig;
  private signer!: Signer;

  protected onLoad(): void {
    this.config = networkConfig(this.env);
    this.signer = faucetSigner(this.config);
  }

  private limit(): number {
    return Number(this.env.FAUCET_PER_HOUR ?? '5');
  }

  /**
   * Sends FAUCET_DRIP uTOP to `address`; RATE_LIMITED past the hourly limit of the address or the
   * IP. Errors are returned, not thrown: a thrown error loses its code crossing the RPC boundary.
   */
  async request(address: string, ip: string): Promise<FaucetResult> {
    try {
      return await this.pay(address, ip);
    } catch (e) {
      if (isProtocolError(e)) return { error: e.toJSON() };
      throw e;
    }
  }

  private async pay(address: string, ip: string): Promise<FaucetResult> {
    const to = parseAddress(address, 'address').text;
    if (to === this.signer.address)
      fail(ErrorCode.SELF_TRANSFER, 'the faucet does not pay itself', 'address');
    const now = Date.now();
    const hourAgo = now - 3_600_000;
    const raw = this.atomically(() => {
      const byAddr = this.sql
        .exec<{ n: number }>(
          'SELECT count(*) AS n FROM faucet_requests WHERE address = ? AND time > ?',
          to,
          hourAgo,
        )
        .one().n;
      if (byAddr >= this.limit())
        fail(
          ErrorCode.RATE_LIMITED,
          `address ${to} had ${byAddr} faucet payments in the last hour`,
          'address',
        );
      const byIp = this.sql
        .exec<{ n: number }>(
          'SELECT count(*) AS n FROM faucet_requests WHERE ip = ? AND time > ?',
          ip,
          hourAgo,
        )
        .one().n;
      if (byIp >= this.limit() * 4)
        fail(ErrorCode.RATE_LIMITED, `this IP had ${byIp} faucet payments in the last hour`, 'ip');
      const nonce = BigInt(this.metaGet('nonce') ?? '0');
      const prevHash = fromHex(this.metaGet('prevHash') ?? toHex(ZERO32));
      const secs = Math.floor(now / 1000);
      const tx = signTx(
        {
          chainId: this.config.chainId,
          type: 0,
          sender: this.signer.address,
          receiver: to,
          nonce,
          prevHash,
          amount: FAUCET_DRIP,
          timestamp: secs,
          expiry: secs + 600,
          memo: 'faucet',
        },
        this.signer,
      );
      const hash = '0x' + toHex(txHash(tx));
      this.append(
        'FaucetPaid',
        { address: to, ip, hash, nonce: nonce.toString(), amount: FAUCET_DRIP.toString() },
        now,
      );
      this.sql.exec(
        'INSERT INTO faucet_requests (address, ip, time, hash) VALUES (?, ?, ?, ?)',
        to,
        ip,
        now,
        hash,
      );
      this.metaSet('nonce', (nonce + 1n).toString());
      this.metaSet('prevHash', hash.slice(2));
      return '0x' + toHex(encodeTx(tx));
    });
    const table = this.env.TABLE.getByName(
      tableName(this.config, accountTable(this.config, this.signer.address)),
    );
    const [res] = await table.submit([raw]);
    if (res!.status === 'rejected') {
      // The faucet's view of its nonce drifted (a reset, a rejected payment): resync from its table.
      const a = await table.getAccount(this.signer.address);
      if (a.pending === 0)
        this.atomically(() => {
          this.metaSet('nonce', a.nonce);
          this.metaSet('prevHash', a.lastTxHash.slice(2));
        });
      fail(
        ErrorCode.UNAVAILABLE,
        `faucet payment was refused (${res!.error.code}: ${res!.error.message}); try again`,
        'faucet',
      );
    }
    return { hash: res!.hash, amount: FAUCET_DRIP.toString(), status: res!.status };
  }

  protected async deliverEffect(): Promise<void> {}
}
