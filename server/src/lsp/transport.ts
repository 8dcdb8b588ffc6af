// The server's connection. Over stdio, each message goes out in one write: vscode-jsonrpc's stream writer
// writes the header and then, once that write has completed, the body, so every message (the diagnostics
// of each keystroke among them) cost two pipe writes and two wake-ups of the client. Measured through the
// benchmark's client on this machine, the header's write alone was ~0.5 ms of a 100-instruction keystroke.
// Other transports (--node-ipc, --socket, --pipe) keep the library's own.
import { format } from 'util';
import { AbstractMessageWriter, Connection, createConnection, Message, MessageWriter, ProposedFeatures } from 'vscode-languageserver/node';

/** Writes each message as one `Content-Length` frame with one write, in the order written. */
export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly out: NodeJS.WritableStream) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let frame: string;
    try {
      const json = JSON.stringify(msg);
      frame = `Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`;
    } catch (e) {
      return this.failed(e as Error, msg);
    }
    return new Promise((resolve, reject) => {
      this.out.write(frame, 'utf8', err => {
        if (!err) {
          this.errors = 0;
          resolve();
          return;
        }
        this.fireError(err, msg, ++this.errors);
        reject(err);
      });
    });
  }

  end(): void {
    this.out.end();
  }

  private failed(e: Error, msg: Message): Promise<void> {
    this.fireError(e, msg, ++this.errors);
    return Promise.reject(e);
  }
}

export function serverConnection(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  // stdin is passed as the stream it is, so the library still exits when the client closes it; the writer
  // is a MessageWriter, which the library uses as it is (its types only declare a stream or a writer pair)
  const connection = createConnection(ProposedFeatures.all, process.stdin, new FrameWriter(process.stdout) as unknown as NodeJS.WritableStream);
  // stdout carries the protocol: console output goes to the client's log instead (the library does this
  // itself only when it picks stdio from the command line)
  const to = (log: (m: string) => void) => (...args: unknown[]) => log(format(...args));
  console.log = console.info = console.debug = console.dir = to(m => connection.console.log(m));
  console.warn = to(m => connection.console.warn(m));
  console.error = console.trace = to(m => connection.console.error(m));
  return connection;
}
