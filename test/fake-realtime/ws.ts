/**
 * A minimal RFC 6455 WebSocket server side for the fake realtime server: the
 * handshake, text frames (fragmented or not), ping/pong and close. Enough for
 * workerd's client; no extensions (permessage-deflate is not negotiated, so
 * frames are never compressed). Written here because the project has no
 * WebSocket server dependency and a fake needs only this much.
 *
 * Only erasable TypeScript (Node runs it with type stripping).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface FakeSocket {
  send(text: string): void;
  /** A clean close: a close frame with `code`, then the TCP end. */
  close(code?: number, reason?: string): void;
  /** An abrupt drop: the TCP connection is destroyed without a close frame. */
  drop(): void;
  onMessage: (text: string) => void;
  onClose: () => void;
  readonly open: boolean;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 65_536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** Completes the handshake on an `upgrade` request and returns the socket. */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer): FakeSocket {
  const key = String(req.headers['sec-websocket-key'] ?? '');
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);

  let buffer: Buffer = head.length ? Buffer.from(head) : Buffer.alloc(0);
  let fragments: Buffer[] = [];
  let open = true;
  let closedNotified = false;

  const ws: FakeSocket = {
    onMessage: () => undefined,
    onClose: () => undefined,
    get open() {
      return open;
    },
    send(text: string) {
      if (open && !socket.destroyed) socket.write(frame(0x1, Buffer.from(text, 'utf8')));
    },
    close(code = 1000, reason = '') {
      if (!open) return;
      open = false;
      const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
      payload.writeUInt16BE(code, 0);
      payload.write(reason, 2);
      if (!socket.destroyed) socket.end(frame(0x8, payload));
    },
    drop() {
      open = false;
      socket.destroy();
    },
  };

  const notifyClosed = () => {
    open = false;
    if (closedNotified) return;
    closedNotified = true;
    ws.onClose();
  };

  const parse = () => {
    for (;;) {
      if (buffer.length < 2) return;
      const b0 = buffer[0]!;
      const b1 = buffer[1]!;
      let length = b1 & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = (b1 & 0x80) !== 0;
      const maskOffset = offset;
      if (masked) offset += 4;
      if (buffer.length < offset + length) return;
      const payload = Buffer.from(buffer.subarray(offset, offset + length));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ buffer[maskOffset + (i % 4)]!;
      buffer = buffer.subarray(offset + length);
      const opcode = b0 & 0x0f;
      const fin = (b0 & 0x80) !== 0;
      if (opcode === 0x8) {
        // Echo the close (RFC 6455 §5.5.1), then end.
        if (open && !socket.destroyed) socket.end(frame(0x8, payload.subarray(0, 2)));
        notifyClosed();
        return;
      }
      if (opcode === 0x9) {
        if (!socket.destroyed) socket.write(frame(0xa, payload));
        continue;
      }
      if (opcode === 0xa) continue;
      fragments.push(payload);
      if (fin) {
        const message = Buffer.concat(fragments).toString('utf8');
        fragments = [];
        ws.onMessage(message);
      }
    }
  };

  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    parse();
  });
  socket.on('close', notifyClosed);
  socket.on('error', notifyClosed);
  // Bytes that came with the upgrade are parsed once the caller has set onMessage.
  if (buffer.length) setImmediate(parse);
  return ws;
}
