/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Small pieces every page uses: hash and address links, times, transaction status. */
import { isoTime, short, showTime } from '../format.ts';

export function HashLink(props: { href: string; hash: string; keep?: number }) {
  return (
    <a href={props.href} class="mono" title={props.hash}>
      {short(props.hash, props.keep)}
    </a>
  );
}

export function Time(props: { seconds: number }) {
  return <time datetime={isoTime(props.seconds)}>{showTime(props.seconds)}</time>;
}

export function Status(props: { status: string }) {
  return <span class={`status status-${props.status}`}>{props.status}</span>;
}
