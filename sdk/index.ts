/**
 * topnet's SDK, the public surface of `topnet/sdk`: keys, transaction building and signing, the
 * client (reads, submission, finality, live events), typed errors and TOP amounts. Runs in Node 20+
 * and browsers; see docs/sdk.md.
 *
 * @example
 * import { TopnetClient, keyFromMnemonic, DEV_MNEMONIC, parseTop } from 'topnet/sdk';
 */
export { TopnetClient } from './client.ts';
export type { ClientOptions, CommitteeView, Phase, PhaseEvent, WaitOptions } from './client.ts';
export type {
  AccountView,
  BlockView,
  GeneralInfos,
  HubEvent,
  PhaseView,
  SubmitResult,
  TableHead,
  Topic,
  TxView,
} from '../schema/rpc.ts';
export {
  DEV_MNEMONIC,
  generateKey,
  generateMnemonic,
  keyFromHex,
  keyFromMnemonic,
  keyFromSigner,
} from './keys.ts';
export type { AccountKind, Key } from './keys.ts';
export {
  buildTx,
  DEFAULT_WINDOW_SECONDS,
  signEthTransfer,
  signTransaction,
  toTopnetAddress,
  transactionHash,
  transactionHex,
  transactionJson,
  TxType,
  WEI_PER_UTOP,
  ZERO_HASH,
} from './build.ts';
export type {
  EthTransferParams,
  RegisterNodeParams,
  Tx,
  TxContext,
  TxIntent,
  TxJson,
  TxTypeName,
  UnsignedTx,
} from './build.ts';
export {
  errorFromRpc,
  InsufficientFundsError,
  InvalidInputError,
  MethodNotFoundError,
  NetworkError,
  NonceError,
  NotFoundError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  TopnetError,
  TransactionRejectedError,
} from './errors.ts';
export { LiveConnection } from './subscriptions.ts';
export type { ConnectionState, Subscription, WebSocketCtor, WebSocketLike } from './subscriptions.ts';
export { HttpTransport } from './transport.ts';
export type { BatchItem, Fetch, TransportOptions } from './transport.ts';
export { formatTop, parseTop, UTOP_PER_TOP } from './units.ts';
export { addressFromEthereum, ethereumAddressOf, isAddress } from '../protocol/keys/address.ts';
