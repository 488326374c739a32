/** @jsxRuntime automatic @jsxImportSource hono/jsx */
/** What a failed search or a bad link shows: what was asked, what was tried, how to search again. */
import { Layout } from './Layout.tsx';

export function NotFound(props: { title: string; message: string; query?: string; tried?: string[] }) {
  return (
    <Layout title={props.title} query={props.query}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.tried?.length ? (
        <>
          <h2 id="tried">Looked for</h2>
          <ul aria-labelledby="tried">
            {props.tried.map((t) => (
              <li>{t}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        Search accepts a transaction hash, a block hash (0x + 64 hex digits), a T-address or 0x address, a
        table number, or <code>table:height</code> such as <code>0:1</code>.
      </p>
      <p>
        <a href="/">Back to the home page</a>
      </p>
    </Layout>
  );
}
