/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** Small pieces every page uses: hash and address links, times, transaction status. */
import { blockUrl, isoTime, short, showTime } from '../format.ts';

export function HashLink(props: { href: string; hash: string; keep?: number }) {
  return (
    <a href={props.href} class="mono" title={props.hash}>
      {short(props.hash, props.keep)}
    </a>
  );
}

/** A table block as `table:height`, linked to its page. */
export function BlockRef(props: { table: number; height: number }) {
  return (
    <a href={blockUrl(props.table, props.height)}>
      {props.table}:{props.height}
    </a>
  );
}

export function Time(props: { seconds: number }) {
  return <time datetime={isoTime(props.seconds)}>{showTime(props.seconds)}</time>;
}

export function Status(props: { status: string }) {
  return <span class={`status status-${props.status}`}>{props.status}</span>;
}

/** A committee's members in order, the leader marked (the committees page and each committee's page). */
export function MembersTable(props: { name: string; members: string[]; primary: number }) {
  return (
    <div class="scroll">
      <table>
        <caption>Members of {props.name}</caption>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Consensus key</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {props.members.map((k, i) => (
            <tr>
              <th scope="row">#{i}</th>
              <td class="mono wrap">{k}</td>
              <td>{i === props.primary ? 'leader' : 'replica'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
